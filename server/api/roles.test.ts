import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * Every scoped procedure × every relation to the workspace. A cell passes when members at or
 * above the procedure's role succeed, lower members get FORBIDDEN, outsiders NOT_FOUND and
 * anonymous callers UNAUTHORIZED — and a refused mutation changes nothing.
 */
type Role = 'owner' | 'editor' | 'viewer';
type Who = Role | 'outsider' | 'anonymous';
type Fixture = { workspaceId: string; workflowId: string; memberId: string; inviteId: string };
type Case = {
  procedure: string;
  minRole: Role;
  call: (u: TestUser, f: Fixture) => Promise<unknown>;
  /** For mutations: reads the state the call would change, to prove a refusal left it alone. */
  observe?: (owner: TestUser, f: Fixture) => Promise<unknown>;
};

const exportOf = (u: TestUser, f: Fixture) => u.api.workflow.get.query({ workflowId: f.workflowId }).catch(() => 'gone');
const membersOf = (u: TestUser, f: Fixture) => u.api.member.list.query({ workspaceId: f.workspaceId });

const CASES: Case[] = [
  { procedure: 'workspace.get', minRole: 'viewer', call: (u, f) => u.api.workspace.get.query({ workspaceId: f.workspaceId }) },
  { procedure: 'workspace.rename', minRole: 'owner', call: (u, f) => u.api.workspace.rename.mutate({ workspaceId: f.workspaceId, name: 'Renamed' }),
    observe: (o, f) => o.api.workspace.get.query({ workspaceId: f.workspaceId }).then((w) => w.name) },
  { procedure: 'member.list', minRole: 'viewer', call: (u, f) => membersOf(u, f) },
  { procedure: 'member.createInvite', minRole: 'owner', call: (u, f) => u.api.member.createInvite.mutate({ workspaceId: f.workspaceId, role: 'viewer' }),
    observe: (o, f) => o.api.member.listInvites.query({ workspaceId: f.workspaceId }).then((l) => l.length) },
  { procedure: 'member.listInvites', minRole: 'owner', call: (u, f) => u.api.member.listInvites.query({ workspaceId: f.workspaceId }) },
  { procedure: 'member.revokeInvite', minRole: 'owner', call: (u, f) => u.api.member.revokeInvite.mutate({ workspaceId: f.workspaceId, inviteId: f.inviteId }),
    observe: (o, f) => o.api.member.listInvites.query({ workspaceId: f.workspaceId }).then((l) => l.length) },
  { procedure: 'member.changeRole', minRole: 'owner', call: (u, f) => u.api.member.changeRole.mutate({ workspaceId: f.workspaceId, userId: f.memberId, role: 'editor' }),
    observe: membersOf },
  { procedure: 'member.remove', minRole: 'owner', call: (u, f) => u.api.member.remove.mutate({ workspaceId: f.workspaceId, userId: f.memberId }),
    observe: membersOf },
  { procedure: 'workflow.list', minRole: 'viewer', call: (u, f) => u.api.workflow.list.query({ workspaceId: f.workspaceId }) },
  { procedure: 'workflow.get', minRole: 'viewer', call: (u, f) => u.api.workflow.get.query({ workflowId: f.workflowId }) },
  { procedure: 'workflow.export', minRole: 'viewer', call: (u, f) => u.api.workflow.export.query({ workflowId: f.workflowId }) },
  { procedure: 'workflow.create', minRole: 'editor', call: (u, f) => u.api.workflow.create.mutate({ workspaceId: f.workspaceId, name: 'New' }),
    observe: (o, f) => o.api.workflow.list.query({ workspaceId: f.workspaceId }).then((l) => l.items.length) },
  { procedure: 'workflow.rename', minRole: 'editor', call: (u, f) => u.api.workflow.rename.mutate({ workflowId: f.workflowId, name: 'Changed' }), observe: exportOf },
  { procedure: 'workflow.describe', minRole: 'editor', call: (u, f) => u.api.workflow.describe.mutate({ workflowId: f.workflowId, description: 'x' }), observe: exportOf },
  { procedure: 'workflow.duplicate', minRole: 'editor', call: (u, f) => u.api.workflow.duplicate.mutate({ workflowId: f.workflowId }),
    observe: (o, f) => o.api.workflow.list.query({ workspaceId: f.workspaceId }).then((l) => l.items.length) },
  { procedure: 'workflow.archive', minRole: 'editor', call: (u, f) => u.api.workflow.archive.mutate({ workflowId: f.workflowId }), observe: exportOf },
  { procedure: 'workflow.restore', minRole: 'editor', call: (u, f) => u.api.workflow.restore.mutate({ workflowId: f.workflowId }), observe: exportOf },
  { procedure: 'workflow.import', minRole: 'editor',
    call: (u, f) => u.api.workflow.import.mutate({ workspaceId: f.workspaceId, data: { format: 'flowforge.workflow', formatVersion: 1, name: 'I', definition: { schemaVersion: 1, nodes: [] } } }),
    observe: (o, f) => o.api.workflow.list.query({ workspaceId: f.workspaceId }).then((l) => l.items.length) },
  { procedure: 'workflow.delete', minRole: 'owner', call: (u, f) => u.api.workflow.delete.mutate({ workflowId: f.workflowId }), observe: exportOf },
  { procedure: 'workspace.delete', minRole: 'owner', call: (u, f) => u.api.workspace.delete.mutate({ workspaceId: f.workspaceId }),
    observe: (o, f) => o.api.workspace.get.query({ workspaceId: f.workspaceId }).then((w) => w.id) },
];

const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };
const WHO: Who[] = ['owner', 'editor', 'viewer', 'outsider', 'anonymous'];

function expected(who: Who, minRole: Role): 'ok' | string {
  if (who === 'anonymous') return 'UNAUTHORIZED';
  if (who === 'outsider') return 'NOT_FOUND';
  return RANK[who] >= RANK[minRole] ? 'ok' : 'FORBIDDEN';
}

const targets = await databaseTargets();

describe.each(targets)('roles × procedures on %s', (target) => {
  let srv: TestServer;
  const users = {} as Record<Who | 'extra', TestUser>;

  beforeAll(async () => {
    srv = await startTestServer(target);
    for (const who of ['owner', 'editor', 'viewer', 'outsider', 'extra'] as const) {
      users[who] = await TestUser.signUp(srv.url, `${who} person`, `${who}-${target}@example.com`);
    }
    users.anonymous = new TestUser(srv.url);
  });
  afterAll(() => srv?.stop());

  /** A fresh workspace per cell, so one cell's successful mutation cannot affect another. */
  async function fixture(): Promise<Fixture> {
    const owner = users.owner;
    const ws = await owner.api.workspace.create.mutate({ name: 'Matrix' });
    for (const role of ['editor', 'viewer'] as const) {
      const inv = await owner.api.member.createInvite.mutate({ workspaceId: ws.id, role });
      await users[role].api.member.acceptInvite.mutate({ token: inv.token });
    }
    const inv = await owner.api.member.createInvite.mutate({ workspaceId: ws.id, role: 'viewer' });
    await users.extra.api.member.acceptInvite.mutate({ token: inv.token });
    const members = await owner.api.member.list.query({ workspaceId: ws.id });
    const pending = await owner.api.member.createInvite.mutate({ workspaceId: ws.id, role: 'viewer' });
    const wf = await owner.api.workflow.create.mutate({ workspaceId: ws.id, name: 'Subject' });
    return { workspaceId: ws.id, workflowId: wf.id, memberId: members.find((m) => m.email === users.extra.email)!.userId, inviteId: pending.id };
  }

  for (const c of CASES) {
    it(`${c.procedure} (needs ${c.minRole})`, async () => {
      const outcome: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const who of WHO) {
        const f = await fixture();
        const before = c.observe ? await c.observe(users.owner, f) : undefined;
        try {
          await c.call(users[who], f);
          outcome[who] = 'ok';
        } catch (err) {
          if (!(err instanceof TRPCClientError)) throw err;
          outcome[who] = (err.data as { code: string }).code;
          if (c.observe) expect(await c.observe(users.owner, f), `${who} refused but state changed`).toEqual(before);
        }
        want[who] = expected(who, c.minRole);
      }
      expect(outcome).toEqual(want);
    });
  }
});
