import type { z } from 'zod';
import { parseDefinition } from '../../engine/definition.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { DataTableAdmin } from '../data-tables/data-table-admin.ts';
import { stateFromDefinition } from '../workflows/workflow-content.ts';
import type { WorkflowTemplate } from './templates.ts';

export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(
    readonly code: 'BAD_PARAMS' | 'BAD_CREDENTIAL',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A new workflow from a template: parameters validated, credentials (optional) checked to be the
 * workspace's and of the right kind, the tables it reads created if missing, the document built.
 */
export async function createFromTemplate<P extends z.ZodType>(
  db: PrismaClient,
  input: { workspaceId: string; userId: string; template: WorkflowTemplate<P>; params: unknown; credentials?: Record<string, string> | undefined; name?: string | undefined },
) {
  const parsed = input.template.params.safeParse(input.params ?? {});
  if (!parsed.success) {
    throw new TemplateError('BAD_PARAMS', parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; '));
  }
  const credentials: Record<string, string> = {};
  for (const [kind, id] of Object.entries(input.credentials ?? {})) {
    if (!input.template.credentialKinds.includes(kind)) throw new TemplateError('BAD_CREDENTIAL', `This template uses no credential of kind "${kind}"`);
    const found = await db.credential.findFirst({ where: { id, workspaceId: input.workspaceId, kind }, select: { id: true } });
    if (!found) throw new TemplateError('BAD_CREDENTIAL', `No ${kind} credential with that id in this workspace`);
    credentials[kind] = id;
  }
  const definition = parseDefinition(input.template.build(parsed.data, credentials));
  if (!definition.ok) throw new Error(`Template ${input.template.id} built an invalid definition: ${JSON.stringify(definition.errors)}`);
  const admin = new DataTableAdmin(db);
  const existing = new Set((await admin.list(input.workspaceId)).map((t) => t.name));
  for (const table of input.template.tables(parsed.data)) {
    if (!existing.has(table.name)) await admin.create(input.workspaceId, table.name, table.columns);
  }
  const name = input.name ?? input.template.name;
  return db.workflow.create({
    data: {
      workspaceId: input.workspaceId,
      name,
      description: input.template.description,
      ydoc: stateFromDefinition(definition.definition, name),
      createdById: input.userId,
    },
    select: { id: true, name: true },
  });
}
