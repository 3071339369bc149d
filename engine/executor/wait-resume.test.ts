import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const HOUR = 3_600_000;

describe('executeRun: Wait suspends and resumes', () => {
  const def = workflow(
    [
      ['t', 'core.manualTrigger'],
      ['w', 'core.wait', { amount: 1, unit: 'hours' }],
      ['after', 'test.record'],
      ['side', 'test.record'],
    ],
    ['t -> w', 'w -> after', 't -> side'],
  );

  it('checkpoints as waiting without holding timers, then completes once resumeAt has passed', async () => {
    const h = createHarness();
    const start = h.clock.now();
    const dag = h.compile(def);

    const first = await h.run(def, { runId: 'r1', dag });
    expect(first).toEqual({ runId: 'r1', status: 'waiting', resumeAt: start + HOUR });
    expect(h.clock.pending).toBe(0);
    expect(h.store.getNodeRun('r1', 'w')).toMatchObject({ status: 'waiting', resumeAt: start + HOUR });
    expect(h.store.getNodeRun('r1', 'after')).toBeUndefined();
    expect(h.probe.count('side')).toBe(1);
    expect(h.sink.trace().slice(-1)).toEqual(['run.waiting']);

    // Too early: still waiting, nothing re-runs.
    await h.clock.advance(HOUR - 1);
    const early = await h.run(def, { runId: 'r1', dag: h.compile(def) });
    expect(early).toMatchObject({ status: 'waiting', resumeAt: start + HOUR });

    await h.clock.advance(1);
    const done = await h.run(def, { runId: 'r1', dag: h.compile(def) });
    expect(done).toMatchObject({ status: 'succeeded', output: [{ json: { path: ['after'] } }] });
    expect(h.probe.count('side')).toBe(1);
    expect(h.probe.count('after')).toBe(1);
    expect(h.store.getNodeRun('r1', 'w')).toMatchObject({ status: 'succeeded' });

    const types = h.sink.types();
    expect(types.filter((t) => t === 'run.resumed')).toHaveLength(2);
    expect(types.filter((t) => t === 'run.waiting')).toHaveLength(2);
    const seqs = h.sink.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(h.sink.events.find((e) => e.type === 'run.resumed')?.data).toEqual({ from: 'waiting' });
  });

  it('continues at once when "until" is in the past', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow([['t', 'core.manualTrigger'], ['w', 'core.wait', { mode: 'until', until: '2000-01-01T00:00:00Z' }]], ['t -> w']),
    );
    expect(outcome.status).toBe('succeeded');
  });

  it('waits until an absolute time given in epoch ms', async () => {
    const h = createHarness();
    const at = h.clock.now() + 5000;
    const outcome = await h.run(workflow([['t', 'core.manualTrigger'], ['w', 'core.wait', { mode: 'until', until: at }]], ['t -> w']));
    expect(outcome).toMatchObject({ status: 'waiting', resumeAt: at });
  });
});
