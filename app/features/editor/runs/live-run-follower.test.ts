import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../engine/executor/events.ts';
import { LiveRunFollower } from './live-run-follower.ts';
import type { RunTrack } from './run-overlay.ts';

/** A stand-in for the server: stored events per run, joins answered from them. */
function fakeServer() {
  const stored = new Map<string, RunEvent[]>();
  const calls: string[] = [];
  const tracks: RunTrack[] = [];
  let listChanges = 0;
  let newest: { id: string; status: string } | null = null;
  const store = (e: RunEvent) => stored.set(e.runId, [...(stored.get(e.runId) ?? []), e]);
  const follower = new LiveRunFollower({
    joinWorkflow: async () => (calls.push('join:workflow'), true),
    joinRun: async (runId, afterSeq) => {
      calls.push(`join:run ${runId} ${afterSeq}`);
      return (stored.get(runId) ?? []).filter((e) => e.seq > afterSeq);
    },
    leaveRun: (runId) => void calls.push(`leave:run ${runId}`),
    newestRun: async () => newest,
    onTrack: (t) => void tracks.push(t),
    onRunsChanged: () => void listChanges++,
  });
  return {
    follower,
    calls,
    tracks,
    store,
    /** Stores and broadcasts, like the server's bus. */
    publish(e: RunEvent) {
      store(e);
      follower.receive(e);
    },
    setNewest: (n: typeof newest) => void (newest = n),
    listChanges: () => listChanges,
    last: () => tracks.at(-1)!,
  };
}

const ev = (runId: string, seq: number, type: RunEvent['type'], nodeId?: string): RunEvent => ({ runId, seq, type, at: 1000 + seq, ...(nodeId ? { nodeId } : {}) });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('live run follower', () => {
  it('follows runs as they start and paints their events', async () => {
    const s = fakeServer();
    await s.follower.connected();
    s.publish(ev('0001', 1, 'run.started'));
    s.publish(ev('0001', 2, 'node.started', 'a'));
    expect(s.last().runId).toBe('0001');
    expect(s.last().overlay.nodes.a?.status).toBe('running');
    s.publish(ev('0001', 3, 'node.succeeded', 'a'));
    s.publish(ev('0001', 4, 'run.finished'));
    expect(s.last().overlay.runStatus).toBe('succeeded');
    expect(s.listChanges()).toBe(2);
    expect(s.calls).toEqual(['join:workflow']);
  });

  it('switches to a newer run with a fresh overlay and ignores older ones', async () => {
    const s = fakeServer();
    await s.follower.connected();
    s.publish(ev('0001', 1, 'run.started'));
    s.publish(ev('0001', 2, 'node.started', 'a'));
    s.publish(ev('0002', 1, 'run.started'));
    expect(s.last().runId).toBe('0002');
    expect(s.last().overlay.nodes).toEqual({});
    const before = s.tracks.length;
    s.publish(ev('0001', 3, 'node.succeeded', 'a'));
    expect(s.tracks.length).toBe(before);
  });

  it('catches up on a run joined in the middle', async () => {
    const s = fakeServer();
    await s.follower.connected();
    s.store(ev('0003', 1, 'run.started'));
    s.store(ev('0003', 2, 'node.started', 'a'));
    s.publish(ev('0003', 3, 'node.succeeded', 'a'));
    await flush();
    expect(s.calls).toEqual(['join:workflow', 'join:run 0003 0', 'leave:run 0003']);
    expect(s.last().events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(s.last().overlay).toMatchObject({ runStatus: 'running', nodes: { a: { status: 'succeeded', startedAt: 1002 } } });
  });

  it('on open paints the newest run only while it is in progress', async () => {
    const done = fakeServer();
    done.setNewest({ id: '0005', status: 'succeeded' });
    await done.follower.connected();
    expect(done.tracks).toEqual([]);

    const running = fakeServer();
    running.store(ev('0006', 1, 'run.started'));
    running.store(ev('0006', 2, 'node.started', 'a'));
    running.setNewest({ id: '0006', status: 'running' });
    await running.follower.connected();
    expect(running.calls).toEqual(['join:workflow', 'join:run 0006 0', 'leave:run 0006']);
    expect(running.last().overlay.nodes.a?.status).toBe('running');
  });

  it('after a reconnect rejoins, catches up from the last seq and moves to a run started meanwhile', async () => {
    const s = fakeServer();
    await s.follower.connected();
    s.publish(ev('0007', 1, 'run.started'));
    s.publish(ev('0007', 2, 'node.started', 'a'));
    // Offline: these are stored but not delivered.
    s.store(ev('0007', 3, 'node.succeeded', 'a'));
    s.store(ev('0007', 4, 'run.finished'));
    await s.follower.connected();
    expect(s.calls).toEqual(['join:workflow', 'join:workflow', 'join:run 0007 2', 'leave:run 0007']);
    expect(s.last().overlay.runStatus).toBe('succeeded');
    expect(s.listChanges()).toBe(2);

    s.store(ev('0008', 1, 'run.started'));
    s.store(ev('0008', 2, 'run.finished'));
    s.setNewest({ id: '0008', status: 'succeeded' });
    await s.follower.connected();
    expect(s.last().runId).toBe('0008');
    expect(s.last().overlay.runStatus).toBe('succeeded');
  });

  it('follows a run this tab started before its first event, and drops duplicates', async () => {
    const s = fakeServer();
    await s.follower.connected();
    s.follower.follow('0009');
    expect(s.last().runId).toBe('0009');
    expect(s.last().overlay.runStatus).toBe('queued');
    await flush();
    s.publish(ev('0009', 1, 'run.started'));
    const n = s.tracks.length;
    s.follower.receive(ev('0009', 1, 'run.started'));
    expect(s.tracks.length).toBe(n);
    s.follower.follow('0004');
    expect(s.last().runId).toBe('0009');
  });
});
