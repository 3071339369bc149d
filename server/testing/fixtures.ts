import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { WorkflowDefinitionInput } from '../../engine/definition.ts';
import { parseDefinition } from '../../engine/definition.ts';
import { randomUUID } from 'node:crypto';

/** A user, a workspace they own, and a workflow with one version of `definition`. Direct rows, no HTTP. */
export async function seedWorkflow(db: PrismaClient, definition: WorkflowDefinitionInput | Record<string, unknown>, opts: { name?: string; settings?: Prisma.InputJsonValue } = {}) {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error(`bad fixture: ${JSON.stringify(parsed.errors)}`);
  const suffix = randomUUID().slice(0, 8);
  const user = await db.user.create({ data: { id: `u-${suffix}`, name: 'Fixture', email: `fixture-${suffix}@example.com` } });
  const workspace = await db.workspace.create({
    data: { name: 'Fixture', slug: `fixture-${suffix}`, memberships: { create: { userId: user.id, role: 'owner' } } },
  });
  const workflow = await db.workflow.create({
    data: { workspaceId: workspace.id, name: opts.name ?? 'Fixture flow', settings: opts.settings ?? {} },
  });
  const version = await db.workflowVersion.create({
    data: { workflowId: workflow.id, number: 1, definition: parsed.definition as unknown as Prisma.InputJsonValue, authorId: user.id },
  });
  return { user, workspace, workflow, version };
}
