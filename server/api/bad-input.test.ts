import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const targets = await databaseTargets();

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCClientError) {
      const data = err.data as { code: string; httpStatus: number };
      return { code: data.code, status: data.httpStatus, message: err.message };
    }
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe.each(targets)('bad input on %s gets a clear 4xx and changes nothing', (target) => {
  let srv: TestServer;
  let user: TestUser;
  let workspaceId: string;
  let workflowId: string;
  const snapshot = async () => ({
    list: await user.api.workflow.list.query({ workspaceId, archived: false }),
    archived: await user.api.workflow.list.query({ workspaceId, archived: true }),
    workspaces: await user.api.workspace.list.query(),
  });

  beforeAll(async () => {
    srv = await startTestServer(target);
    user = await TestUser.signUp(srv.url, 'Bad Input', `bad-${target}@example.com`);
    workspaceId = (await user.api.workspace.list.query())[0]!.id;
    workflowId = (await user.api.workflow.create.mutate({ workspaceId, name: 'Keep me' })).id;
  });
  afterAll(() => srv?.stop());

  const cases: Array<[string, (u: TestUser) => Promise<unknown>, string, RegExp]> = [
    ['unknown workflow id', (u) => u.api.workflow.rename.mutate({ workflowId: 'no-such-id', name: 'x' }), 'NOT_FOUND', /Workflow not found/],
    ['unknown workspace id', (u) => u.api.workflow.create.mutate({ workspaceId: 'no-such-ws', name: 'x' }), 'NOT_FOUND', /Workspace not found/],
    ['over-long name', (u) => u.api.workflow.rename.mutate({ workflowId, name: 'x'.repeat(121) }), 'BAD_REQUEST', /name: must be at most 120 characters/],
    ['empty name', (u) => u.api.workflow.create.mutate({ workspaceId, name: '   ' }), 'BAD_REQUEST', /name: must not be empty/],
    ['wrong type', (u) => u.api.workflow.rename.mutate({ workflowId, name: 42 as unknown as string }), 'BAD_REQUEST', /name: /],
    ['wrong limit type', (u) => u.api.workflow.list.query({ workspaceId, limit: 'ten' as unknown as number }), 'BAD_REQUEST', /limit: /],
    ['missing scope', (u) => u.api.workflow.list.query({} as never), 'BAD_REQUEST', /workspaceId or workflowId/],
    ['import: not JSON', (u) => u.api.workflow.import.mutate({ workspaceId, data: '{"format": "flowforge.workflow", ' }), 'BAD_REQUEST', /not valid JSON/],
    ['import: wrong format', (u) => u.api.workflow.import.mutate({ workspaceId, data: { format: 'n8n', formatVersion: 1, name: 'x', definition: {} } }), 'BAD_REQUEST', /format must be "flowforge.workflow"/],
    ['import: bad definition', (u) => u.api.workflow.import.mutate({
      workspaceId,
      data: { format: 'flowforge.workflow', formatVersion: 1, name: 'x', definition: { schemaVersion: 1, nodes: [{ id: 'a', name: 'A' }] } },
    }), 'BAD_REQUEST', /definition\.nodes\.0\.type/],
    ['import: duplicate node ids', (u) => u.api.workflow.import.mutate({
      workspaceId,
      data: { format: 'flowforge.workflow', formatVersion: 1, name: 'x', definition: { schemaVersion: 1, nodes: [
        { id: 'a', name: 'A', type: 'core.noop' }, { id: 'a', name: 'B', type: 'core.noop' }] } },
    }), 'BAD_REQUEST', /used more than once/],
    ['import: future schema version', (u) => u.api.workflow.import.mutate({
      workspaceId,
      data: { format: 'flowforge.workflow', formatVersion: 1, name: 'x', definition: { schemaVersion: 99, nodes: [] } },
    }), 'BAD_REQUEST', /newer than this engine supports/],
    ['invite: garbage token', (u) => u.api.member.acceptInvite.mutate({ token: 'x'.repeat(30) }), 'NOT_FOUND', /invalid, used up or expired/],
    ['invite: bad role', (u) => u.api.member.createInvite.mutate({ workspaceId, role: 'admin' as 'owner' }), 'BAD_REQUEST', /role: /],
  ];

  it.each(cases)('%s', async (_label, call, code, message) => {
    const before = await snapshot();
    const f = await failure(call(user));
    expect(f.code).toBe(code);
    expect(f.status).toBeGreaterThanOrEqual(400);
    expect(f.status).toBeLessThan(500);
    expect(f.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it('rejects a body that is not JSON at the HTTP level', async () => {
    const res = await user.fetch(`${srv.url}/api/trpc/workflow.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
  });
});
