import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { RunEvent } from '../../engine/executor/events.ts';
import { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { createWorkflowWithVersion, waitForStatus } from '../testing/workflow-helpers.ts';

const SLOW_FLOW = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'core.manualTrigger', name: 'Start' },
    { id: 'a', type: 'core.set', name: 'A', params: { fields: [{ name: 'a', value: 1 }] } },
    { id: 'pause', type: 'core.wait', name: 'Pause', params: { mode: 'duration', amount: 0.6, unit: 'seconds' } },
    { id: 'b', type: 'core.set', name: 'B', params: { fields: [{ name: 'b', value: 2 }] } },
    { id: 'c', type: 'core.noOp', name: 'C' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'a' },
    { id: 'e2', source: 'a', target: 'pause' },
    { id: 'e3', source: 'pause', target: 'b' },
    { id: 'e4', source: 'b', target: 'c' },
  ],
};

const targets = await databaseTargets();

function socketFor(srv: TestServer, user?: TestUser): Socket {
  const cookie = user ? [...user.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  return connect(srv.url, { path: '/rt', transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
}

type JoinReply = { ok: boolean; error?: string; events?: RunEvent[] };
const join = (s: Socket, event: string, payload: unknown) => s.timeout(5000).emitWithAck(event, payload) as Promise<JoinReply>;

describe.each(targets)('live run events over socket.io on %s', (target) => {
  let srv: TestServer;
  let owner: TestUser;
  let outsider: TestUser;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    srv = await startTestServer(target);
    owner = await TestUser.signUp(srv.url, 'Live Owner', `live-${target}@example.com`);
    outsider = await TestUser.signUp(srv.url, 'Stranger', `stranger-${target}@example.com`);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await srv?.stop();
  });

  it('delivers every event of a run in order, also across a reconnect mid-run, with no gap or duplicate', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, SLOW_FLOW);
    const watcher = socketFor(srv, owner);
    sockets.push(watcher);
    const overlay: RunEvent[] = [];
    watcher.on('run:event', (e: RunEvent) => overlay.push(e));
    expect(await join(watcher, 'join:workflow', { workflowId })).toEqual({ ok: true });

    const { executionId } = await owner.api.run.start.mutate({ workflowId });

    // A second client joins the run, sees a few events, drops, and rejoins from where it was.
    const received: RunEvent[] = [];
    let client = socketFor(srv, owner);
    sockets.push(client);
    // Listening before joining: events may follow the join's answer immediately.
    const live: RunEvent[] = [];
    let onLive = () => {};
    client.on('run:event', (e: RunEvent) => {
      live.push(e);
      onLive();
    });
    const firstJoin = await join(client, 'join:run', { runId: executionId, afterSeq: 0 });
    expect(firstJoin.ok).toBe(true);
    received.push(...firstJoin.events!);
    await new Promise<void>((resolve) => {
      const check = () => ([...received, ...live].some((e) => e.type === 'run.waiting') ? resolve() : undefined);
      onLive = check;
      check();
    });
    received.push(...live);
    client.disconnect();
    const lastSeen = Math.max(...received.map((e) => e.seq));
    await new Promise((r) => setTimeout(r, 700)); // the run goes on while we are away

    client = socketFor(srv, owner);
    sockets.push(client);
    client.on('run:event', (e: RunEvent) => received.push(e));
    const rejoin = await join(client, 'join:run', { runId: executionId, afterSeq: lastSeen });
    received.push(...rejoin.events!);
    await waitForStatus(srv, executionId, ['succeeded']);
    await new Promise((r) => setTimeout(r, 200));

    const stored = await srv.db.prisma.runEvent.findMany({ where: { executionId }, orderBy: { seq: 'asc' } });
    const seqs = received.map((e) => e.seq);
    expect(seqs).toEqual(stored.map((e) => e.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(received.at(-1)!.type).toBe('run.finished');
    // The workflow room saw the same run live.
    expect(overlay.filter((e) => e.runId === executionId).map((e) => e.seq)).toEqual(seqs);
  });

  it('refuses anonymous sockets and outsiders', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, SLOW_FLOW);
    const anon = socketFor(srv);
    sockets.push(anon);
    const error = await new Promise<Error>((resolve) => anon.on('connect_error', resolve));
    expect(error.message).toBe('UNAUTHORIZED');

    const stranger = socketFor(srv, outsider);
    sockets.push(stranger);
    expect(await join(stranger, 'join:workflow', { workflowId })).toEqual({ ok: false, error: 'NOT_FOUND' });
    const { executionId } = await owner.api.run.start.mutate({ workflowId });
    expect(await join(stranger, 'join:run', { runId: executionId })).toEqual({ ok: false, error: 'NOT_FOUND' });
    expect(await join(stranger, 'join:run', { runId: 42 })).toEqual({ ok: false, error: 'BAD_REQUEST' });
  });
});
