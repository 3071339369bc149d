import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

describe('If node', () => {
  it('routes each item to true or false', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['e', 'test.emit', { items: [{ ok: true }, { ok: false }, { ok: true }] }],
          ['if', 'core.if', { conditions: [{ left: '{{ $json.ok }}', operator: 'isTrue' }] }],
          ['yes', 'test.record'],
          ['no', 'test.record'],
        ],
        ['t -> e', 'e -> if', 'if.true -> yes', 'if.false -> no'],
      ),
    );
    expect(h.store.getNodeRun(outcome.runId, 'yes')?.output?.main).toHaveLength(2);
    expect(h.store.getNodeRun(outcome.runId, 'no')?.output?.main).toEqual([{ json: { ok: false, path: ['no'] } }]);
  });
});
