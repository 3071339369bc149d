import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const targets = await databaseTargets();

/** The tRPC error code of a failed call (fails the test if the call succeeded). */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCClientError) return (err.data as { code: string }).code;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe.each(targets)('accounts and workflows on %s', (target) => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer(target);
  });
  afterAll(() => srv?.stop());

  it('sign-up → sign-out → sign-in → workspace → create, list, rename, duplicate, export, import, archive', async () => {
    const ada = await TestUser.signUp(srv.url, 'Ada Lovelace', `ada-${target}@example.com`);
    expect([...ada.cookies.keys()]).toContain('better-auth.session_token');

    // Sign out clears the session; signing in again restores it.
    const out = await ada.post('/api/auth/sign-out', {});
    expect(out.status).toBe(200);
    expect(await codeOf(ada.api.workspace.list.query())).toBe('UNAUTHORIZED');
    const wrong = await ada.post('/api/auth/sign-in/email', { email: ada.email, password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect((await ada.signIn()).status).toBe(200);
    const cookie = (await ada.fetch(`${srv.url}/api/auth/get-session`)).headers;
    expect(cookie).toBeDefined();

    // The sign-up hook gave Ada a personal workspace; she can make another.
    const [personal] = await ada.api.workspace.list.query();
    expect(personal).toMatchObject({ name: "Ada's workspace", role: 'owner' });
    const ws = await ada.api.workspace.create.mutate({ name: 'Outreach Lab' });
    expect(ws).toMatchObject({ name: 'Outreach Lab', slug: 'outreach-lab', role: 'owner' });

    const a = await ada.api.workflow.create.mutate({ workspaceId: ws.id, name: 'Find founders', description: 'RSS → Hunter' });
    const b = await ada.api.workflow.create.mutate({ workspaceId: ws.id, name: 'Follow up' });
    const list = await ada.api.workflow.list.query({ workspaceId: ws.id });
    expect(list.items.map((w) => w.name)).toEqual(['Follow up', 'Find founders']);

    const renamed = await ada.api.workflow.rename.mutate({ workflowId: a.id, name: 'Find tech founders' });
    expect(renamed.name).toBe('Find tech founders');
    await ada.api.workflow.describe.mutate({ workflowId: a.id, description: 'Daily feed scan' });

    const copy = await ada.api.workflow.duplicate.mutate({ workflowId: a.id });
    expect(copy).toMatchObject({ name: 'Find tech founders (copy)', description: 'Daily feed scan' });
    expect(copy.id).not.toBe(a.id);

    const exported = await ada.api.workflow.export.query({ workflowId: a.id });
    expect(exported).toMatchObject({ format: 'flowforge.workflow', formatVersion: 1, name: 'Find tech founders' });
    expect(exported.definition).toEqual({ schemaVersion: 1, nodes: [], edges: [] });

    // Import a definition with nodes and an edge (as text, the way the UI sends a file).
    const definition = {
      schemaVersion: 1,
      nodes: [
        { id: 'n1', type: 'core.manualTrigger', name: 'Start', position: { x: 0, y: 0 }, params: {} },
        { id: 'n2', type: 'core.set', name: 'Shape', position: { x: 240, y: 0 }, params: { note: 'hello {{ $json.name }}' } },
      ],
      edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
    };
    const imported = await ada.api.workflow.import.mutate({
      workspaceId: ws.id,
      data: JSON.stringify({ ...exported, name: 'Imported', definition }),
    });
    expect(imported.workflow.name).toBe('Imported');
    const roundTrip = await ada.api.workflow.export.query({ workflowId: imported.workflow.id });
    expect(roundTrip.definition.nodes.map((n) => [n.id, n.type, n.params])).toEqual([
      ['n1', 'core.manualTrigger', {}],
      ['n2', 'core.set', { note: 'hello {{ $json.name }}' }],
    ]);
    expect(roundTrip.definition.edges).toEqual([{ id: 'e1', source: 'n1', sourceOutput: 'main', target: 'n2', targetInput: 'main' }]);

    // Search, archive, restore, pagination.
    const found = await ada.api.workflow.list.query({ workspaceId: ws.id, search: 'TECH' });
    expect(found.items.map((w) => w.name).sort()).toEqual(['Find tech founders', 'Find tech founders (copy)']);
    await ada.api.workflow.archive.mutate({ workflowId: b.id });
    const active = await ada.api.workflow.list.query({ workspaceId: ws.id });
    expect(active.items.map((w) => w.id)).not.toContain(b.id);
    const archived = await ada.api.workflow.list.query({ workspaceId: ws.id, archived: true });
    expect(archived.items.map((w) => w.id)).toEqual([b.id]);
    await ada.api.workflow.restore.mutate({ workflowId: b.id });

    const page1 = await ada.api.workflow.list.query({ workspaceId: ws.id, limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await ada.api.workflow.list.query({ workspaceId: ws.id, limit: 2, cursor: page1.nextCursor! });
    const all = [...page1.items, ...page2.items].map((w) => w.id);
    expect(new Set(all).size).toBe(4);
    expect(page2.nextCursor).toBeNull();

    await ada.api.workflow.delete.mutate({ workflowId: copy.id });
    expect(await codeOf(ada.api.workflow.get.query({ workflowId: copy.id }))).toBe('NOT_FOUND');
  });

  it('invites by link with a role; owners change roles and remove; the last owner cannot leave', async () => {
    const owner = await TestUser.signUp(srv.url, 'Grace Hopper', `grace-${target}@example.com`);
    const guest = await TestUser.signUp(srv.url, 'Linus', `linus-${target}@example.com`);
    const [ws] = await owner.api.workspace.list.query();
    const invite = await owner.api.member.createInvite.mutate({ workspaceId: ws!.id, role: 'viewer' });
    expect(invite.url).toContain(`/invite/${invite.token}`);

    const accepted = await guest.api.member.acceptInvite.mutate({ token: invite.token });
    expect(accepted).toMatchObject({ workspaceId: ws!.id, role: 'viewer', alreadyMember: false });
    // A one-use link is spent.
    const third = await TestUser.signUp(srv.url, 'Third', `third-${target}@example.com`);
    expect(await codeOf(third.api.member.acceptInvite.mutate({ token: invite.token }))).toBe('NOT_FOUND');

    const members = await owner.api.member.list.query({ workspaceId: ws!.id });
    const guestId = members.find((m) => m.email === guest.email)!.userId;
    const ownerId = members.find((m) => m.email === owner.email)!.userId;
    await owner.api.member.changeRole.mutate({ workspaceId: ws!.id, userId: guestId, role: 'editor' });
    expect((await guest.api.workspace.get.query({ workspaceId: ws!.id })).role).toBe('editor');

    expect(await codeOf(owner.api.member.leave.mutate({ workspaceId: ws!.id }))).toBe('PRECONDITION_FAILED');
    expect(await codeOf(owner.api.member.changeRole.mutate({ workspaceId: ws!.id, userId: ownerId, role: 'viewer' }))).toBe(
      'PRECONDITION_FAILED',
    );
    await owner.api.member.remove.mutate({ workspaceId: ws!.id, userId: guestId });
    expect(await codeOf(guest.api.workspace.get.query({ workspaceId: ws!.id }))).toBe('NOT_FOUND');

    const revocable = await owner.api.member.createInvite.mutate({ workspaceId: ws!.id, role: 'editor', maxUses: 5 });
    await owner.api.member.revokeInvite.mutate({ workspaceId: ws!.id, inviteId: revocable.id });
    expect(await codeOf(guest.api.member.acceptInvite.mutate({ token: revocable.token }))).toBe('NOT_FOUND');
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const limited = await startTestServer(target, { signInPerMinute: 3 });
    try {
      const user = new TestUser(limited.url, 'nobody@example.com', 'wrong-password');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await user.signIn()).status);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.stop();
    }
  });

  it('answers /healthz and /readyz as JSON', async () => {
    const health = await fetch(`${srv.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${srv.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: target });
  });
});
