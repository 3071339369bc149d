import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const items = [{ first: 'Ada', last: 'Lovelace', age: '36', secret: 'x' }];

async function runSet(params: Record<string, unknown>) {
  const h = createHarness();
  return h.run(workflow([['t', 'core.manualTrigger'], ['e', 'test.emit', { items }], ['s', 'core.set', params]], ['t -> e', 'e -> s']));
}

describe('Set node', () => {
  it('writes fields from expressions, nested paths and type conversions, keeping other fields', async () => {
    const outcome = await runSet({
      fields: [
        { name: 'full', value: '{{ $json.first }} {{ $json.last }}' },
        { name: 'age', value: '{{ $json.age }}', type: 'number' },
        { name: 'meta.source', value: 'import' },
        { name: 'tags', value: '["a","b"]', type: 'json' },
      ],
      remove: ['secret'],
    });
    expect(outcome.output).toEqual([
      { json: { first: 'Ada', last: 'Lovelace', age: 36, full: 'Ada Lovelace', meta: { source: 'import' }, tags: ['a', 'b'] } },
    ]);
  });

  it('drops other fields when keepOthers is off', async () => {
    const outcome = await runSet({ keepOthers: false, fields: [{ name: 'name', value: '{{ $json.first }}' }] });
    expect(outcome.output).toEqual([{ json: { name: 'Ada' } }]);
  });

  it('fails with a clear code when a conversion is impossible', async () => {
    const outcome = await runSet({ fields: [{ name: 'n', value: 'abc', type: 'number' }] });
    expect(outcome.error).toMatchObject({ code: 'SET_TYPE_MISMATCH', nodeId: 's' });
  });
});
