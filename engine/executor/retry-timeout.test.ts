import { describe, expect, it } from 'vitest';
import { drive } from '../testing/fake-clock.ts';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const flaky = (failTimes: number, settings: Record<string, unknown>, params: Record<string, unknown> = {}) =>
  workflow([['t', 'core.manualTrigger'], ['f', 'test.flaky', { failTimes, ...params }, settings], ['r', 'test.record']], ['t -> f', 'f -> r']);

describe('executeRun: retries', () => {
  it('retries with exact exponential backoff on the injected clock', async () => {
    const h = createHarness();
    const start = h.clock.now();
    const running = h.run(flaky(3, { retries: 4, backoff: { kind: 'exponential', baseMs: 1000, maxMs: 5000 } }));
    await h.clock.waitForTimers(1);
    expect(h.clock.sleeps.map((s) => s.ms)).toEqual([1000]);
    await h.clock.advance(999);
    expect(h.probe.count('f')).toBe(1);
    await h.clock.advance(1);
    expect(h.probe.count('f')).toBe(2);
    await h.clock.advance(2000);
    expect(h.probe.count('f')).toBe(3);
    await h.clock.advance(4000);
    const outcome = await running;
    expect(outcome.status).toBe('succeeded');
    expect(h.clock.sleeps).toEqual([
      { at: start, ms: 1000 },
      { at: start + 1000, ms: 2000 },
      { at: start + 3000, ms: 4000 },
    ]);
    const retrying = h.sink.ofType('node.retrying');
    expect(retrying.map((e) => [e.attempt, e.data?.delayMs, e.data?.error?.code, e.at - start])).toEqual([
      [2, 1000, 'TEST_FAILURE', 0],
      [3, 2000, 'TEST_FAILURE', 1000],
      [4, 4000, 'TEST_FAILURE', 3000],
    ]);
    expect(h.sink.ofNode('f').filter((e) => e.type === 'node.started').map((e) => [e.attempt, e.at - start])).toEqual([
      [1, 0],
      [2, 1000],
      [3, 3000],
      [4, 7000],
    ]);
    expect(h.store.getNodeRun(outcome.runId, 'f')).toMatchObject({ status: 'succeeded', attempt: 4 });
  });

  it('caps delays at maxMs and applies jitter from the injected random', async () => {
    const h = createHarness();
    const outcome = await drive(
      h.clock,
      h.run(flaky(3, { retries: 3, backoff: { kind: 'exponential', baseMs: 1000, maxMs: 1500 } }), { random: () => 0 }),
    );
    expect(outcome.status).toBe('succeeded');
    expect(h.clock.sleeps.map((s) => s.ms)).toEqual([800, 1200, 1200]);
  });

  it('fails the run when retries are exhausted', async () => {
    const h = createHarness();
    const outcome = await drive(h.clock, h.run(flaky(99, { retries: 2, backoff: { kind: 'fixed', baseMs: 300 } })));
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'TEST_FAILURE', nodeId: 'f', message: 'boom' } });
    expect(h.clock.sleeps.map((s) => s.ms)).toEqual([300, 300]);
    expect(h.probe.count('f')).toBe(3);
    expect(h.probe.count('r')).toBe(0);
  });

  it('does not retry errors marked non-retryable', async () => {
    const h = createHarness();
    const outcome = await drive(h.clock, h.run(flaky(1, { retries: 5 }, { retryable: false })));
    expect(outcome.status).toBe('failed');
    expect(h.probe.count('f')).toBe(1);
    expect(h.clock.sleeps).toEqual([]);
  });

  it('retries only the failing item of a per-item node', async () => {
    const h = createHarness();
    const def = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['e', 'test.emit', { items: [{ id: 1 }, { id: 2, flaky: true }, { id: 3 }] }],
        ['f', 'test.flaky', { failTimes: 2, failWhen: 'flaky' }, { retries: 1, backoff: { kind: 'fixed', baseMs: 10 } }],
      ],
      ['t -> e', 'e -> f'],
    );
    const outcome = await drive(h.clock, h.run(def));
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output?.map((i) => i.json.id)).toEqual([1, 2, 3]);
    // Calls: item1, item2 (fails, n=2 ≤ 2), item2 retry (n=3 > 2 → ok), item3.
    expect(h.probe.count('f')).toBe(4);
    expect(h.sink.ofType('node.retrying').map((e) => e.data?.itemIndex)).toEqual([1]);
  });
});

describe('executeRun: timeouts', () => {
  const hang = (settings: Record<string, unknown>) =>
    workflow([['t', 'core.manualTrigger'], ['h', 'test.hang', {}, settings]], ['t -> h']);

  it('fails a node that exceeds timeoutMs, exactly at the deadline', async () => {
    const h = createHarness();
    const start = h.clock.now();
    let settled = false;
    const running = h.run(hang({ timeoutMs: 500 })).finally(() => (settled = true));
    await h.clock.waitForTimers(1);
    await h.clock.advance(499);
    expect(settled).toBe(false);
    await h.clock.advance(1);
    const outcome = await running;
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'NODE_TIMEOUT', nodeId: 'h' } });
    const failed = h.sink.ofType('node.failed')[0];
    expect(failed?.at).toBe(start + 500);
    expect(failed?.data?.durationMs).toBe(500);
  });

  it('times out a node that ignores its abort signal', async () => {
    const h = createHarness();
    const def = workflow([['t', 'core.manualTrigger'], ['h', 'test.hang', { ignoreSignal: true }, { timeoutMs: 50 }]], ['t -> h']);
    const outcome = await drive(h.clock, h.run(def));
    expect(outcome.error?.code).toBe('NODE_TIMEOUT');
  });

  it('retries after a timeout, and uses defaultTimeoutMs when the node sets none', async () => {
    const h = createHarness();
    const outcome = await drive(h.clock, h.run(hang({ retries: 1, backoff: { kind: 'fixed', baseMs: 50 } }), { defaultTimeoutMs: 100 }));
    expect(outcome.error?.code).toBe('NODE_TIMEOUT');
    // The trigger's own (unused) deadline comes first.
    expect(h.clock.sleeps.map((s) => s.ms)).toEqual([100, 100, 50, 100]);
    expect(h.probe.count('h')).toBe(2);
  });

  it('leaves no timer behind after a node finishes in time', async () => {
    const h = createHarness();
    const def = workflow([['t', 'core.manualTrigger'], ['r', 'test.record', {}, { timeoutMs: 1000 }]], ['t -> r']);
    expect((await h.run(def)).status).toBe('succeeded');
    expect(h.clock.pending).toBe(0);
  });
});
