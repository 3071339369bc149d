import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

describe('executeRun: events', () => {
  it('numbers events 1, 2, 3… in the order the store saw the changes', async () => {
    const h = createHarness();
    const start = h.clock.now();
    const outcome = await h.run(
      workflow([['t', 'core.manualTrigger'], ['a', 'test.record'], ['b', 'test.record']], ['t -> a', 'a -> b']),
      { runId: 'ev' },
    );
    expect(outcome.status).toBe('succeeded');
    expect(h.sink.trace()).toEqual([
      'run.started',
      'node.started:t',
      'node.succeeded:t',
      'node.started:a',
      'node.succeeded:a',
      'node.started:b',
      'node.succeeded:b',
      'run.finished',
    ]);
    expect(h.sink.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(h.sink.events.every((e) => e.runId === 'ev' && e.at === start)).toBe(true);
    expect(h.store.getRun('ev')?.lastSeq).toBe(8);
    expect(h.store.getNodeRun('ev', 'b')?.seq).toBe(7);
    expect(h.sink.events[6]).toMatchObject({
      attempt: 1,
      data: { itemCount: 1, outputs: { main: 1 }, durationMs: 0, preview: { path: ['a', 'b'] } },
    });
    expect(h.sink.events[7]?.data).toEqual({ status: 'succeeded', durationMs: 0, itemCount: 1 });
    // The store received every event together with the checkpoint it announces.
    expect(h.store.getEvents('ev')).toEqual(h.sink.events);
  });

  it('carries a trimmed preview, never the full data', async () => {
    const h = createHarness();
    const long = 'y'.repeat(5000);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['e', 'test.emit', { items: [{ long, many, deep: { a: { b: { c: { d: 1 } } } } }, { second: true }] }],
        ],
        ['t -> e'],
      ),
    );
    const event = h.sink.ofNode('e').at(-1);
    const preview = event?.data?.preview as Record<string, unknown>;
    expect(event?.data?.itemCount).toBe(2);
    expect((preview.long as string).length).toBeLessThan(250);
    expect(Object.keys(preview.many as object)).toHaveLength(21);
    expect(preview.deep).toEqual({ a: { b: '{…}' } });
    expect(h.store.getNodeRun(outcome.runId, 'e')?.output?.main?.[0]?.json.long).toBe(long);
  });

  it('keeps running when the sink fails (checkpoints are the source of truth)', async () => {
    const h = createHarness();
    const outcome = await h.run(workflow([['t', 'core.manualTrigger'], ['a', 'test.record']], ['t -> a']), {
      sink: {
        emit() {
          throw new Error('socket gone');
        },
      },
    });
    expect(outcome.status).toBe('succeeded');
  });
});

describe('executeRun: output size limit', () => {
  it('stores big outputs cut to the limit with a summary, while downstream nodes get everything', async () => {
    const h = createHarness();
    const items = Array.from({ length: 100 }, (_, i) => ({ i, pad: 'z'.repeat(50) }));
    const outcome = await h.run(
      workflow([['t', 'core.manualTrigger'], ['e', 'test.emit', { items }], ['r', 'test.record']], ['t -> e', 'e -> r']),
      { limits: { maxOutputBytes: 2000 } },
    );
    expect(outcome.output).toHaveLength(100);
    const e = h.store.getNodeRun(outcome.runId, 'e');
    expect(e?.outputTruncated).toMatchObject({ truncated: true, itemCount: 100 });
    expect(e?.outputTruncated?.byteSize).toBeGreaterThan(2000);
    expect(Buffer.byteLength(JSON.stringify(e?.output))).toBeLessThanOrEqual(2000 + 20);
    expect(e?.output?.main?.[0]).toEqual({ json: items[0] });
    const r = h.store.getNodeRun(outcome.runId, 'r');
    expect(r?.inputTruncated).toMatchObject({ itemCount: 100 });
    expect(h.sink.ofNode('e').at(-1)?.data?.truncated).toBe(true);
  });
});
