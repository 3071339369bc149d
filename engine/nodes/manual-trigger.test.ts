import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

describe('Manual Trigger node', () => {
  it('emits one empty item by default, or the items the run started with', async () => {
    const h = createHarness();
    const def = workflow([['t', 'core.manualTrigger']]);
    expect((await h.run(def)).output).toEqual([{ json: {} }]);
    expect((await h.run(def, { trigger: { items: [{ json: { a: 1 } }, { json: { a: 2 } }] } })).output).toEqual([
      { json: { a: 1 } },
      { json: { a: 2 } },
    ]);
  });
});
