import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { definitionFromDoc } from '../../../collab/workflow-doc.ts';
import { compile } from '../../../engine/compile.ts';
import type { ApiContext } from '../context.ts';
import { latestOutputs } from '../../runs/latest-outputs.ts';
import { RunNotFoundError } from '../../runs/run-service.ts';
import { defaultRegistry } from '../../versions/default-registry.ts';
import { createVersionService } from '../../versions/version-service.ts';
import { ActivationError, activateVersion, deactivateWorkflow } from '../../triggers/activation.ts';
import { Id } from '../schemas.ts';
import { memberProcedure, router } from '../trpc.ts';

const Status = z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']);
const Trigger = z.enum(['manual', 'webhook', 'schedule', 'poll', 'retry', 'rerun', 'event']);
const JsonItems = z.array(z.object({ json: z.record(z.string(), z.unknown()) })).max(1000);

const runSummary = {
  id: true,
  workflowId: true,
  versionId: true,
  status: true,
  trigger: true,
  error: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  resumeAt: true,
  parentExecutionId: true,
  version: { select: { number: true } },
} satisfies Prisma.ExecutionSelect;

function runtimeOf(ctx: ApiContext) {
  const rt = ctx.runtime;
  if (!rt) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'The run engine is not available in this process' });
  return rt;
}

const RunRef = z.object({ workflowId: Id, runId: Id });

/** A run id must belong to the workflow the caller was authorized for; anything else is NOT_FOUND. */
async function assertRunIn(db: Prisma.TransactionClient, workflowId: string, runId: string) {
  const exec = await db.execution.findUnique({ where: { id: runId }, select: { workflowId: true } });
  if (exec?.workflowId !== workflowId) throw new TRPCError({ code: 'NOT_FOUND', message: 'Run not found' });
}

const tooBroken = (messages: string[]) =>
  new TRPCError({
    code: 'BAD_REQUEST',
    message: `The workflow cannot run: ${messages.slice(0, 10).join('; ')}${messages.length > 10 ? ` (and ${messages.length - 10} more)` : ''}`,
  });

/**
 * The version a draft run uses. The document is compiled before anything is saved, so a broken
 * draft leaves no version behind; only if it broke between that check and the snapshot (another
 * editor typing) is the invalid snapshot kept — as "Save version" would — and the run refused.
 */
async function draftVersion(ctx: ApiContext & { user: { id: string } }, workflowId: string) {
  const compiled = compile(definitionFromDoc(await ctx.collab.read(workflowId)), defaultRegistry());
  if (!compiled.ok) throw tooBroken(compiled.errors.map((e) => e.message));
  const versions = createVersionService({ db: ctx.db, collab: ctx.collab });
  const { version } = await versions.snapshotCurrentDraft(workflowId, ctx.user.id);
  if (!version.valid) throw tooBroken((await versions.get(workflowId, version.id)).errors.map((e) => e.message));
  return { id: version.id, number: version.number };
}

const mapRunErrors = (err: unknown): never => {
  if (err instanceof RunNotFoundError) throw new TRPCError({ code: 'NOT_FOUND', message: err.message });
  throw err;
};

export const runRouter = router({
  /**
   * Manual run of a chosen version (default: the newest). With `draft`, runs the live document:
   * it is saved as a version first unless unchanged since the latest one (then that one runs).
   * A draft that does not compile is refused with the compiler's messages and saves nothing.
   */
  start: memberProcedure('editor')
    .input(z.object({ workflowId: Id, versionId: Id.optional(), draft: z.boolean().optional(), items: JsonItems.optional() }))
    .mutation(async ({ ctx, input }) => {
      const rt = runtimeOf(ctx);
      if (input.draft && input.versionId) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Pass either versionId or draft, not both' });
      const version = input.draft
        ? await draftVersion(ctx, input.workflowId)
        : input.versionId
          ? await ctx.db.workflowVersion.findFirst({ where: { id: input.versionId, workflowId: input.workflowId }, select: { id: true, number: true } })
          : await ctx.db.workflowVersion.findFirst({ where: { workflowId: input.workflowId }, orderBy: { number: 'desc' }, select: { id: true, number: true } });
      if (!version) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Save a version of this workflow before running it' });
      const started = await rt.runs.start({
        workflowId: input.workflowId,
        versionId: version.id,
        trigger: 'manual',
        items: input.items ?? [{ json: {} }],
        createdById: ctx.user.id,
      });
      return { ...started, versionId: version.id, versionNumber: version.number };
    }),

  /** Per node, a trimmed sample of its latest successful output (expression autocomplete). */
  latestOutputs: memberProcedure('viewer')
    .input(z.object({ workflowId: Id }))
    .query(({ ctx, input }) => latestOutputs(ctx.db, input.workflowId)),

  list: memberProcedure('viewer')
    .input(
      z.object({
        workflowId: Id,
        status: z.array(Status).max(6).optional(),
        trigger: z.array(Trigger).max(7).optional(),
        from: z.date().optional(),
        to: z.date().optional(),
        limit: z.number().int().min(1).max(100).default(25),
        cursor: Id.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.execution.findMany({
        where: {
          workflowId: input.workflowId,
          ...(input.status?.length ? { status: { in: input.status } } : {}),
          ...(input.trigger?.length ? { trigger: { in: input.trigger } } : {}),
          ...(input.from || input.to ? { queuedAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) } } : {}),
        },
        select: runSummary,
        orderBy: { id: 'desc' },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const more = rows.length > input.limit;
      const items = more ? rows.slice(0, input.limit) : rows;
      return { items, nextCursor: more ? items.at(-1)!.id : null };
    }),

  /** A run with every node run and event (full data; live events carry only previews). */
  get: memberProcedure('viewer')
    .input(RunRef)
    .query(async ({ ctx, input }) => {
      await assertRunIn(ctx.db, input.workflowId, input.runId);
      const run = await ctx.db.execution.findUniqueOrThrow({
        where: { id: input.runId },
        select: { ...runSummary, input: true, output: true, lastSeq: true, version: { select: { number: true, definition: true } } },
      });
      const nodeRuns = await ctx.db.nodeRun.findMany({ where: { executionId: input.runId }, orderBy: [{ startedAt: 'asc' }, { attempt: 'asc' }] });
      const events = await ctx.db.runEvent.findMany({ where: { executionId: input.runId }, orderBy: { seq: 'asc' } });
      return { run, nodeRuns, events };
    }),

  cancel: memberProcedure('editor')
    .input(RunRef)
    .mutation(async ({ ctx, input }) => {
      await assertRunIn(ctx.db, input.workflowId, input.runId);
      return { cancelled: await runtimeOf(ctx).runs.cancel(input.runId).catch(mapRunErrors) };
    }),

  retry: memberProcedure('editor')
    .input(RunRef)
    .mutation(async ({ ctx, input }) => {
      await assertRunIn(ctx.db, input.workflowId, input.runId);
      return runtimeOf(ctx).runs.retry(input.runId, ctx.user.id).catch(mapRunErrors);
    }),

  rerunFrom: memberProcedure('editor')
    .input(RunRef.extend({ nodeId: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      await assertRunIn(ctx.db, input.workflowId, input.runId);
      return runtimeOf(ctx).runs.rerunFrom(input.runId, input.nodeId, ctx.user.id).catch(mapRunErrors);
    }),

  /** The same input through the workflow's newest version. */
  rerunOnCurrent: memberProcedure('editor')
    .input(RunRef)
    .mutation(async ({ ctx, input }) => {
      await assertRunIn(ctx.db, input.workflowId, input.runId);
      const latest = await ctx.db.workflowVersion.findFirst({ where: { workflowId: input.workflowId }, orderBy: { number: 'desc' }, select: { id: true } });
      if (!latest) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This workflow has no version' });
      return runtimeOf(ctx).runs.rerunOnVersion(input.runId, latest.id, ctx.user.id).catch(mapRunErrors);
    }),

  /** Makes a version live: its webhooks answer and its schedules fire. */
  activate: memberProcedure('editor')
    .input(z.object({ workflowId: Id, versionId: Id }))
    .mutation(async ({ ctx, input }) => {
      try {
        const result = await activateVersion(ctx.db, input.workflowId, input.versionId);
        runtimeOf(ctx).invalidateWebhooks(input.workflowId);
        return { activeVersionId: input.versionId, ...result };
      } catch (err) {
        if (err instanceof ActivationError) {
          throw new TRPCError({ code: err.code === 'VERSION_NOT_FOUND' ? 'NOT_FOUND' : 'BAD_REQUEST', message: err.message });
        }
        throw err;
      }
    }),

  deactivate: memberProcedure('editor')
    .input(z.object({ workflowId: Id }))
    .mutation(async ({ ctx, input }) => {
      await deactivateWorkflow(ctx.db, input.workflowId);
      runtimeOf(ctx).invalidateWebhooks(input.workflowId);
      return { activeVersionId: null };
    }),
});
