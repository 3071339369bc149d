import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

describe('No Operation node', () => {
  it('passes items through unchanged, collecting several branches', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['a', 'test.emit', { items: [{ a: 1 }] }],
          ['b', 'test.emit', { items: [{ b: 1 }] }],
          ['n', 'core.noOp'],
        ],
        ['t -> a', 't -> b', 'a -> n', 'b -> n'],
      ),
    );
    expect(outcome.output).toEqual([{ json: { a: 1 } }, { json: { b: 1 } }]);
  });
});
