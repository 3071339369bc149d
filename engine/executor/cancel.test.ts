import { describe, expect, it } from 'vitest';
import { flushAsync } from '../testing/fake-clock.ts';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

describe('executeRun: cancellation', () => {
  it('stops promptly, marks running nodes cancelled and starts nothing new', async () => {
    const h = createHarness();
    const controller = new AbortController();
    const running = h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['g', 'test.gate'],
          ['h', 'test.hang', { ignoreSignal: true }],
          ['after', 'test.record'],
        ],
        ['t -> g', 't -> h', 'g -> after'],
      ),
      { signal: controller.signal },
    );
    await h.probe.waitFor('start:g');
    await h.probe.waitFor('start:h');
    controller.abort();
    const outcome = await running;
    expect(outcome).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' } });
    expect(h.store.getNodeRun(outcome.runId, 'g')?.status).toBe('cancelled');
    // Even a node that ignores its signal is abandoned at once.
    expect(h.store.getNodeRun(outcome.runId, 'h')?.status).toBe('cancelled');
    expect(h.store.getNodeRun(outcome.runId, 'after')).toBeUndefined();
    expect(h.sink.events.at(-1)).toMatchObject({ type: 'run.finished', data: { status: 'cancelled' } });
    expect(h.store.getRun(outcome.runId)?.status).toBe('cancelled');
  });

  it('interrupts a retry delay without waiting for it', async () => {
    const h = createHarness();
    const controller = new AbortController();
    const running = h.run(
      workflow([['t', 'core.manualTrigger'], ['f', 'test.flaky', {}, { retries: 5, backoff: { baseMs: 60_000 } }]], ['t -> f']),
      { signal: controller.signal },
    );
    await h.clock.waitForTimers(1);
    controller.abort();
    const outcome = await running;
    expect(outcome.status).toBe('cancelled');
    expect(h.clock.pending).toBe(0);
    expect(h.probe.count('f')).toBe(1);
  });

  it('does not start a run whose signal is already aborted', async () => {
    const h = createHarness();
    const outcome = await h.run(workflow([['t', 'core.manualTrigger'], ['r', 'test.record']], ['t -> r']), {
      signal: AbortSignal.abort(),
    });
    await flushAsync();
    expect(outcome.status).toBe('cancelled');
    expect(h.probe.count('r')).toBe(0);
  });
});
