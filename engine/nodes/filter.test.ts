import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

describe('Filter node', () => {
  it('keeps only items matching the conditions, evaluated per item', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['e', 'test.emit', { items: [{ n: 1, tag: 'a' }, { n: 5, tag: 'b' }, { n: 9, tag: 'a' }] }],
          [
            'f',
            'core.filter',
            {
              combine: 'and',
              conditions: [
                { left: '{{ $json.n }}', operator: 'gt', right: 2 },
                { left: '{{ $json.tag }}', operator: 'equals', right: 'A', caseSensitive: false },
              ],
            },
          ],
        ],
        ['t -> e', 'e -> f'],
      ),
    );
    expect(outcome.output).toEqual([{ json: { n: 9, tag: 'a' } }]);
  });
});
