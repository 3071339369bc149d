import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const items = Array.from({ length: 5 }, (_, i) => ({ i }));

describe('Split in Batches node', () => {
  it('emits one item per batch, so per-item nodes after it run once per batch', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['e', 'test.emit', { items }],
          ['b', 'core.splitInBatches', { batchSize: 2 }],
          ['each', 'test.flaky', { failTimes: 0 }],
        ],
        ['t -> e', 'e -> b', 'b -> each'],
      ),
    );
    expect(outcome.output?.map((i) => i.json)).toEqual([
      { batchIndex: 0, batchCount: 3, items: [{ i: 0 }, { i: 1 }] },
      { batchIndex: 1, batchCount: 3, items: [{ i: 2 }, { i: 3 }] },
      { batchIndex: 2, batchCount: 3, items: [{ i: 4 }] },
    ]);
    expect(h.probe.count('each')).toBe(3);
  });

  it('annotates items with their batch in "items" mode', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow([['t', 'core.manualTrigger'], ['e', 'test.emit', { items }], ['b', 'core.splitInBatches', { batchSize: 4, mode: 'items' }]], ['t -> e', 'e -> b']),
    );
    expect(outcome.output?.map((i) => i.json.batchIndex)).toEqual([0, 0, 0, 0, 1]);
  });
});
