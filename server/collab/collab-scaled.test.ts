import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNode, updateNodePosition } from '../../collab/ops/nodes.ts';
import { setParam } from '../../collab/ops/params.ts';
import { definitionFromDoc, nodesOf } from '../../collab/workflow-doc.ts';
import { TestUser } from '../testing/api-client.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../testing/test-databases.ts';
import { REDIS_URL, redisAvailable, removeRedisPrefix } from '../testing/test-redis.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { loadRedisExtension } from './redis-extension.ts';
import { addMember } from './testing/collab-fixture.ts';
import { converged, cookieOf, eventually, openDoc, type DocClient } from './testing/collab-client.ts';

/**
 * Scaled mode: two web processes (here two servers in one process) on one PostgreSQL database
 * share documents through the Hocuspocus Redis extension. Runs when PostgreSQL and Redis are
 * reachable (required in CI).
 */
const ready = (await databaseTargets()).includes('postgres') && (await redisAvailable());

describe.skipIf(!ready)('collaboration across two servers through Redis', () => {
  const prefix = `ffcollab-${randomUUID().slice(0, 8)}`;
  let database: TestDatabase;
  let one: TestServer;
  let two: TestServer;
  const clients: DocClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    [one, two] = await Promise.all(
      [1, 2].map(async () => startTestServer('postgres', { database, collab: { redis: await loadRedisExtension(REDIS_URL, { prefix }), debounceMs: 50 } })),
    ) as [TestServer, TestServer];
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await one?.stop();
    await two?.stop();
    await database?.destroy();
    await removeRedisPrefix(prefix);
  });

  it('editors on different servers edit one document and converge; the merged state is stored', async () => {
    const ada = await TestUser.signUp(one.url, 'Ada', 'ada-scaled@example.com');
    const bob = await TestUser.signUp(one.url, 'Bob', 'bob-scaled@example.com');
    const ws = await ada.api.workspace.create.mutate({ name: 'Scaled' });
    await addMember(ada, bob, ws.id, 'editor');
    const { id: workflowId } = await ada.api.workflow.create.mutate({ workspaceId: ws.id, name: 'Shared' });
    // Sessions live in the shared database, but each server signs cookies with its own secret.
    const bobOnTwo = new TestUser(two.url, bob.email, bob.password);
    expect((await bobOnTwo.signIn()).status).toBe(200);

    const a = openDoc({ baseUrl: one.url, cookie: cookieOf(ada) }, workflowId);
    const b = openDoc({ baseUrl: two.url, cookie: cookieOf(bobOnTwo) }, workflowId);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    addNode(a.doc, { id: 'x', type: 'core.manualTrigger', name: 'X' });
    addNode(b.doc, { id: 'y', type: 'core.noOp', name: 'Y' });
    for (const c of [a, b]) await eventually(() => expect([...nodesOf(c.doc).keys()].sort()).toEqual(['x', 'y']), 10_000);
    updateNodePosition(a.doc, 'y', { x: 1, y: 1 });
    setParam(b.doc, 'x', 'note', 'from two');
    await converged([a.doc, b.doc], 10_000);
    expect(definitionFromDoc(a.doc)).toEqual(definitionFromDoc(b.doc));

    // A server-side change on one server reaches the editor on the other.
    await one.collab.change(workflowId, (doc) => addNode(doc, { id: 'z', type: 'core.noOp', name: 'Z' }));
    await eventually(() => expect(nodesOf(b.doc).has('z')).toBe(true), 10_000);

    // Presence crosses servers too.
    a.provider.awareness!.setLocalStateField('cursor', { x: 7, y: 8 });
    await eventually(() => expect(b.provider.awareness!.getStates().get(a.doc.clientID)).toMatchObject({ cursor: { x: 7, y: 8 } }), 10_000);

    a.destroy();
    b.destroy();
    await eventually(async () => {
      const row = await database.prisma.workflow.findUniqueOrThrow({ where: { id: workflowId } });
      const { decodeDoc } = await import('../../collab/workflow-doc.ts');
      expect(definitionFromDoc(decodeDoc(row.ydoc)).nodes.map((n) => n.id)).toEqual(['x', 'y', 'z']);
    }, 10_000);
  });
});
