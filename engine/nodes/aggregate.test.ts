import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const items = [{ user: { name: 'a' }, n: 1 }, { n: 2 }, { user: { name: 'c' }, n: 3 }];

async function aggregate(params: Record<string, unknown>) {
  const h = createHarness();
  return (await h.run(workflow([['t', 'core.manualTrigger'], ['e', 'test.emit', { items }], ['a', 'core.aggregate', params]], ['t -> e', 'e -> a'])))
    .output;
}

describe('Aggregate node', () => {
  it('collects all items into one', async () => {
    expect(await aggregate({ destination: 'rows' })).toEqual([{ json: { rows: items } }]);
  });

  it('collects field values, skipping or keeping missing ones', async () => {
    expect(await aggregate({ mode: 'fields', fields: [{ field: 'user.name', as: 'names' }, { field: 'n' }] })).toEqual([
      { json: { names: ['a', 'c'], n: [1, 2, 3] } },
    ]);
    expect(await aggregate({ mode: 'fields', keepMissing: true, fields: [{ field: 'user.name' }] })).toEqual([
      { json: { 'user.name': ['a', null, 'c'] } },
    ]);
  });
});
