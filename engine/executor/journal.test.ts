import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.ts';
import { CollectingEventSink } from '../testing/collecting-sink.ts';
import type { CheckpointStore, NodeRunRecord, RunStateRecord } from './checkpoint-store.ts';
import { RunJournal } from './journal.ts';

const record = (nodeId: string): Omit<NodeRunRecord, 'seq'> => ({ runId: 'r', nodeId, attempt: 1, status: 'running' });

describe('RunJournal', () => {
  it('writes and emits strictly in sequence order even when the store is slow and callers race', async () => {
    const saved: number[] = [];
    let delay = 5;
    const store: CheckpointStore = {
      loadRun: async () => undefined,
      saveRun: async () => {},
      saveNodeRun: async (r) => {
        await new Promise((resolve) => setTimeout(resolve, (delay = (delay + 3) % 7)));
        saved.push(r.seq);
      },
    };
    const sink = new CollectingEventSink();
    const journal = new RunJournal(store, sink, 'r', 10, () => 0, silentLogger);
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => journal.node(record(id), { type: 'node.started', nodeId: id })));
    expect(saved).toEqual([11, 12, 13, 14]);
    expect(sink.events.map((e) => [e.seq, e.nodeId])).toEqual([
      [11, 'a'],
      [12, 'b'],
      [13, 'c'],
      [14, 'd'],
    ]);
    expect(journal.lastSeq).toBe(14);
  });

  it('never emits an event whose write failed, and fails every later write', async () => {
    let fail = true;
    const store: CheckpointStore = {
      loadRun: async () => undefined,
      saveRun: async () => {},
      saveNodeRun: async () => {
        if (fail) throw new Error('store down');
      },
    };
    const sink = new CollectingEventSink();
    const journal = new RunJournal(store, sink, 'r', 0, () => 0, silentLogger);
    await expect(journal.node(record('a'), { type: 'node.started', nodeId: 'a' })).rejects.toThrow('store down');
    fail = false;
    await expect(journal.run({ runId: 'r' } as RunStateRecord, 'run.finished')).rejects.toThrow('store down');
    expect(sink.events).toEqual([]);
    expect(journal.broken).toBe(true);
  });
});
