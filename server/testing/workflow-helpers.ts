import type { Prisma } from '../../generated/prisma/client.ts';
import { parseDefinition } from '../../engine/definition.ts';
import { encryptSecret } from '../credentials/cipher.ts';
import type { TestUser } from './api-client.ts';
import type { TestServer } from './test-server.ts';
import { TEST_ENCRYPTION_KEY } from './test-server.ts';

/** Creates a workflow through the API, stores `definition` as version 1 and (optionally) activates it. */
export async function createWorkflowWithVersion(srv: TestServer, owner: TestUser, definition: Record<string, unknown>, opts: { activate?: boolean; settings?: Prisma.InputJsonValue } = {}) {
  const [ws] = await owner.api.workspace.list.query();
  const wf = await owner.api.workflow.create.mutate({ workspaceId: ws!.id, name: `Flow ${Math.random().toString(36).slice(2, 7)}` });
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error(`bad definition: ${JSON.stringify(parsed.errors)}`);
  if (opts.settings) await srv.db.prisma.workflow.update({ where: { id: wf.id }, data: { settings: opts.settings } });
  const version = await srv.db.prisma.workflowVersion.create({
    data: { workflowId: wf.id, number: 1, definition: parsed.definition as unknown as Prisma.InputJsonValue },
  });
  if (opts.activate) await owner.api.run.activate.mutate({ workflowId: wf.id, versionId: version.id });
  return { workspaceId: ws!.id, workflowId: wf.id, versionId: version.id };
}

/** Stores a credential encrypted with the test server's key. */
export async function createCredential(srv: TestServer, workspaceId: string, kind: string, fields: Record<string, string>) {
  const cred = await srv.db.prisma.credential.create({
    data: {
      workspaceId,
      name: `${kind}-${Math.random().toString(36).slice(2, 7)}`,
      kind,
      encrypted: encryptSecret(TEST_ENCRYPTION_KEY, JSON.stringify(fields), workspaceId),
    },
  });
  return cred.id;
}

export async function waitForStatus(srv: TestServer, runId: string, statuses: string[], timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const exec = await srv.db.prisma.execution.findUnique({ where: { id: runId } });
    if (exec && statuses.includes(exec.status)) return exec;
    if (Date.now() > until) throw new Error(`run ${runId} is ${exec?.status}, expected ${statuses.join('|')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
