import { describe, expect, it } from 'vitest';
import { compile } from '../compile.ts';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

describe('Wait node', () => {
  it('computes resumeAt from amount and unit, taken from an expression', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['e', 'test.emit', { items: [{ secs: 90 }] }],
          ['w', 'core.wait', { amount: '{{ $json.secs }}', unit: 'seconds' }],
        ],
        ['t -> e', 'e -> w'],
      ),
    );
    expect(outcome).toMatchObject({ status: 'waiting', resumeAt: h.clock.now() + 90_000 });
    expect(h.store.getNodeRun(outcome.runId, 'w')?.output).toEqual({ main: [{ json: { secs: 90 } }] });
  });

  it('refuses waits longer than a year', async () => {
    const h = createHarness();
    const outcome = await h.run(workflow([['t', 'core.manualTrigger'], ['w', 'core.wait', { amount: 400, unit: 'days' }]], ['t -> w']));
    expect(outcome.error?.code).toBe('WAIT_TOO_LONG');
  });

  it('validates static params at compile time', () => {
    const h = createHarness();
    const result = compile(workflow([['t', 'core.manualTrigger'], ['w', 'core.wait', { unit: 'weeks' }]], ['t -> w']), h.registry);
    expect(result.ok).toBe(false);
  });
});
