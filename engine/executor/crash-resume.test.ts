import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { workflow } from '../testing/workflow-builder.ts';
import type { NodeRunRecord } from './checkpoint-store.ts';
import { MemoryCheckpointStore } from './memory-store.ts';

/** A store that "crashes" (throws) on the first write matching a predicate, then behaves. */
class CrashingStore extends MemoryCheckpointStore {
  constructor(private crashOn: ((record: NodeRunRecord) => boolean) | undefined) {
    super();
  }

  override async saveNodeRun(record: NodeRunRecord): Promise<void> {
    if (this.crashOn?.(record)) {
      this.crashOn = undefined;
      throw new Error('disk on fire');
    }
    return super.saveNodeRun(record);
  }
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req) => ({ body: { page: req.path } }));
});
afterAll(() => server.close());

function chain() {
  return workflow(
    [
      ['t', 'core.manualTrigger'],
      ['a', 'core.httpRequest', { url: `${server.url}/a` }],
      ['b', 'core.httpRequest', { url: `${server.url}/b` }],
      ['c', 'core.httpRequest', { url: `${server.url}/c` }],
    ],
    ['t -> a', 'a -> b', 'b -> c'],
  );
}

describe('executeRun: crash and resume', () => {
  it('re-runs only the node that was in flight; finished nodes are reloaded from checkpoints', async () => {
    server.requests.length = 0;
    const h = createHarness();
    const store = new CrashingStore((r) => r.nodeId === 'b' && r.status === 'succeeded');
    const options = { runId: 'crash-1', store, httpAllowList: ['127.0.0.1'] };

    await expect(h.run(chain(), options)).rejects.toThrow('disk on fire');
    expect([server.hits('/a'), server.hits('/b'), server.hits('/c')]).toEqual([1, 1, 0]);
    expect(store.getRun('crash-1')?.status).toBe('running');
    const aBefore = store.getNodeRun('crash-1', 'a');

    // A fresh executor (new compile, new executeRun call) on the same stored state.
    const outcome = await h.run(chain(), { ...options, dag: h.compile(chain()) });
    expect(outcome).toMatchObject({ status: 'succeeded', output: [{ json: { page: '/c' } }] });
    expect([server.hits('/a'), server.hits('/b'), server.hits('/c')]).toEqual([1, 2, 1]);
    expect(store.getNodeRun('crash-1', 'a')).toBe(aBefore);
    expect(store.getNodeRun('crash-1', 'b')).toMatchObject({ status: 'succeeded', attempt: 2 });

    const seqs = h.sink.events.map((e) => e.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
    expect(h.sink.types()).toContain('run.resumed');
    // The write that crashed stored neither its checkpoint nor its event; numbering continues after the last stored one.
    const stored = store.getEvents('crash-1').map((e) => e.seq);
    expect(stored).toEqual([...stored].sort((a, b) => a - b));
    expect(new Set(stored).size).toBe(stored.length);
  });

  it('resumes a run that crashed before the next node started', async () => {
    server.requests.length = 0;
    const h = createHarness();
    const store = new CrashingStore((r) => r.nodeId === 'c' && r.status === 'running');
    const options = { runId: 'crash-2', store, httpAllowList: ['127.0.0.1'] };
    await expect(h.run(chain(), options)).rejects.toThrow('disk on fire');
    const outcome = await h.run(chain(), options);
    expect(outcome.status).toBe('succeeded');
    expect([server.hits('/a'), server.hits('/b'), server.hits('/c')]).toEqual([1, 1, 1]);
  });

  it('re-runs a finished node whose stored output was truncated only if a pending node needs it', async () => {
    const h = createHarness();
    const big = Array.from({ length: 50 }, (_, i) => ({ i, pad: 'x'.repeat(100) }));
    const def = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['e', 'test.emit', { items: big }],
        ['r', 'test.record'],
      ],
      ['t -> e', 'e -> r'],
    );
    const store = new CrashingStore((rec) => rec.nodeId === 'r' && rec.status === 'running');
    const options = { runId: 'crash-3', store, limits: { maxOutputBytes: 1000 } };
    await expect(h.run(def, options)).rejects.toThrow('disk on fire');
    expect(store.getNodeRun('crash-3', 'e')?.outputTruncated).toMatchObject({ truncated: true, itemCount: 50 });
    const outcome = await h.run(def, options);
    expect(outcome.output).toHaveLength(50);
    expect(h.probe.count('e')).toBe(2);
  });
});
