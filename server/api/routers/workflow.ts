import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { encodeDoc } from '../../../collab/workflow-doc.ts';
import { listWebhooks } from '../../triggers/webhook-urls.ts';
import { buildExport, emptyWorkflowState, parseWorkflowImport, stateFromDefinition } from '../../workflows/workflow-content.ts';
import { createFromTemplate, TemplateError } from '../../templates/create-from-template.ts';
import { findTemplate, workflowTemplates } from '../../templates/templates.ts';
import { Description, Id, Name } from '../schemas.ts';
import { memberProcedure, router } from '../trpc.ts';

const summarySelect = {
  id: true,
  name: true,
  description: true,
  archivedAt: true,
  activeVersionId: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WorkflowSelect;

const ListInput = z.object({
  workspaceId: Id,
  search: z.string().trim().max(120).optional(),
  archived: z.boolean().default(false),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: Id.optional(),
});

export const workflowRouter = router({
  /** Newest first; `nextCursor` continues the same order (ids are time-ordered UUIDv7). */
  list: memberProcedure('viewer')
    .input(ListInput)
    .query(async ({ ctx, input }) => {
      const where: Prisma.WorkflowWhereInput = {
        workspaceId: input.workspaceId,
        archivedAt: input.archived ? { not: null } : null,
        ...(input.search
          ? {
              OR: [
                { name: { contains: input.search, mode: 'insensitive' } },
                { description: { contains: input.search, mode: 'insensitive' } },
              ],
            }
          : {}),
      };
      const rows = await ctx.db.workflow.findMany({
        where,
        select: summarySelect,
        orderBy: { id: 'desc' },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const hasMore = rows.length > input.limit;
      const items = hasMore ? rows.slice(0, input.limit) : rows;
      return { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
    }),

  get: memberProcedure('viewer')
    .input(z.object({ workflowId: Id }))
    .query(async ({ ctx, input }) => {
      const wf = await ctx.db.workflow.findUniqueOrThrow({
        where: { id: input.workflowId },
        select: { ...summarySelect, workspaceId: true, settings: true, _count: { select: { versions: true } } },
      });
      return { ...wf, role: ctx.access.role };
    }),

  create: memberProcedure('editor')
    .input(z.object({ workspaceId: Id, name: Name, description: Description.default('') }))
    .mutation(({ ctx, input }) =>
      ctx.db.workflow.create({
        data: {
          workspaceId: input.workspaceId,
          name: input.name,
          description: input.description,
          ydoc: emptyWorkflowState(),
          createdById: ctx.user.id,
        },
        select: summarySelect,
      }),
    ),

  rename: memberProcedure('editor')
    .input(z.object({ workflowId: Id, name: Name }))
    .mutation(({ ctx, input }) =>
      ctx.db.workflow.update({ where: { id: input.workflowId }, data: { name: input.name }, select: summarySelect }),
    ),

  describe: memberProcedure('editor')
    .input(z.object({ workflowId: Id, description: Description }))
    .mutation(({ ctx, input }) =>
      ctx.db.workflow.update({
        where: { id: input.workflowId },
        data: { description: input.description },
        select: summarySelect,
      }),
    ),

  duplicate: memberProcedure('editor')
    .input(z.object({ workflowId: Id, name: Name.optional() }))
    .mutation(async ({ ctx, input }) => {
      const src = await ctx.db.workflow.findUniqueOrThrow({ where: { id: input.workflowId } });
      // The live document, not the stored column, which may lag an open editor by seconds.
      const live = new Uint8Array(encodeDoc(await ctx.collab.read(input.workflowId)));
      return ctx.db.workflow.create({
        data: {
          workspaceId: src.workspaceId,
          name: input.name ?? `${src.name} (copy)`.slice(0, 120),
          description: src.description,
          ydoc: live,
          settings: src.settings as Prisma.InputJsonValue,
          createdById: ctx.user.id,
        },
        select: summarySelect,
      });
    }),

  archive: memberProcedure('editor')
    .input(z.object({ workflowId: Id }))
    .mutation(({ ctx, input }) =>
      ctx.db.workflow.update({ where: { id: input.workflowId }, data: { archivedAt: new Date() }, select: summarySelect }),
    ),

  restore: memberProcedure('editor')
    .input(z.object({ workflowId: Id }))
    .mutation(({ ctx, input }) =>
      ctx.db.workflow.update({ where: { id: input.workflowId }, data: { archivedAt: null }, select: summarySelect }),
    ),

  delete: memberProcedure('owner')
    .input(z.object({ workflowId: Id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db.workflow.delete({ where: { id: input.workflowId } });
      return { id: input.workflowId };
    }),

  export: memberProcedure('viewer')
    .input(z.object({ workflowId: Id }))
    .query(async ({ ctx, input }) => {
      const wf = await ctx.db.workflow.findUniqueOrThrow({ where: { id: input.workflowId } });
      return buildExport({ ...wf, ydoc: encodeDoc(await ctx.collab.read(input.workflowId)) });
    }),

  /** Webhook triggers of the live document with their URLs, and whether each answers now (`live`). */
  webhooks: memberProcedure('viewer')
    .input(z.object({ workflowId: Id }))
    .query(async ({ ctx, input }) => listWebhooks(ctx.db, ctx.publicUrl, input.workflowId, await ctx.collab.read(input.workflowId))),

  /** Accepts an export (object or JSON text); structural errors reject it, compile errors are returned as warnings. */
  import: memberProcedure('editor')
    .input(z.object({ workspaceId: Id, data: z.unknown(), name: Name.optional() }))
    .mutation(async ({ ctx, input }) => {
      const parsed = parseWorkflowImport(input.data);
      if (!parsed.ok) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `Cannot import: ${parsed.errors.join('; ')}` });
      }
      const wf = await ctx.db.workflow.create({
        data: {
          workspaceId: input.workspaceId,
          name: input.name ?? parsed.name,
          description: parsed.description,
          ydoc: stateFromDefinition(parsed.definition, input.name ?? parsed.name),
          createdById: ctx.user.id,
        },
        select: summarySelect,
      });
      return { workflow: wf, warnings: parsed.warnings };
    }),

  /** Templates users can start from, with their parameters' JSON Schema (defaults included). */
  templates: memberProcedure('viewer')
    .input(z.object({ workspaceId: Id }))
    .query(() =>
      workflowTemplates.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        credentialKinds: t.credentialKinds,
        paramsJsonSchema: z.toJSONSchema(t.params, { io: 'input', unrepresentable: 'any' }),
      })),
    ),

  /** A new workflow from a template; credentials left out are asked for when the editor opens it. */
  createFromTemplate: memberProcedure('editor')
    .input(
      z.object({
        workspaceId: Id,
        templateId: z.string().min(1).max(100),
        params: z.record(z.string(), z.unknown()).default({}),
        credentials: z.record(z.string().max(50), Id).optional(),
        name: Name.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const template = findTemplate(input.templateId);
      if (!template) throw new TRPCError({ code: 'NOT_FOUND', message: `No template "${input.templateId}"` });
      try {
        return await createFromTemplate(ctx.db, { ...input, workspaceId: input.workspaceId, userId: ctx.user.id, template });
      } catch (err) {
        if (err instanceof TemplateError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
        throw err;
      }
    }),
});
