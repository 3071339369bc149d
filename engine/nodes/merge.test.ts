import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const left = [{ id: 1, name: 'Ada' }, { id: 2, name: 'Bob' }, { id: 3, name: 'Cy' }];
const right = [{ id: 2, score: 7 }, { id: 1, score: 9 }, { id: 4, score: 1 }];

async function merge(params: Record<string, unknown>, inputs: Record<string, unknown>[][] = [left, right]) {
  const h = createHarness();
  const nodes: Parameters<typeof workflow>[0] = [['t', 'core.manualTrigger'], ['m', 'core.merge', { ...params, inputs: inputs.length }]];
  const edges: string[] = [];
  inputs.forEach((items, i) => {
    nodes.push([`e${i + 1}`, 'test.emit', { items }]);
    edges.push(`t -> e${i + 1}`, `e${i + 1} -> m.input${i + 1}`);
  });
  return (await h.run(workflow(nodes, edges))).output?.map((i) => i.json);
}

describe('Merge node', () => {
  it('append: input1 then input2', async () => {
    expect(await merge({ mode: 'append' })).toEqual([...left, ...right]);
  });

  it('combineByKey: inner, left and outer joins', async () => {
    expect(await merge({ mode: 'combineByKey', key: 'id' })).toEqual([
      { id: 1, name: 'Ada', score: 9 },
      { id: 2, name: 'Bob', score: 7 },
    ]);
    expect(await merge({ mode: 'combineByKey', key: 'id', join: 'left' })).toHaveLength(3);
    expect(await merge({ mode: 'combineByKey', key: 'id', join: 'outer' })).toEqual([
      { id: 1, name: 'Ada', score: 9 },
      { id: 2, name: 'Bob', score: 7 },
      { id: 3, name: 'Cy' },
      { id: 4, score: 1 },
    ]);
  });

  it('combineByPosition zips items', async () => {
    expect(await merge({ mode: 'combineByPosition' }, [[{ a: 1 }, { a: 2 }], [{ b: 1 }]])).toEqual([{ a: 1, b: 1 }]);
    expect(await merge({ mode: 'combineByPosition', join: 'outer' }, [[{ a: 1 }, { a: 2 }], [{ b: 1 }]])).toEqual([{ a: 1, b: 1 }, { a: 2 }]);
  });

  it('waitForAll: passes items only when every input has some', async () => {
    expect(await merge({ mode: 'waitForAll', outputInput: 2 }, [[{ a: 1 }], [{ b: 1 }], [{ c: 1 }]])).toEqual([{ b: 1 }]);
    expect(await merge({ mode: 'waitForAll' }, [[{ a: 1 }], []])).toEqual([]);
  });

  it('needs a key for combineByKey (compile-time)', () => {
    const h = createHarness();
    expect(() => h.compile(workflow([['t', 'core.manualTrigger'], ['m', 'core.merge', { mode: 'combineByKey' }]], ['t -> m.input1']))).toThrow(
      /params\.key/,
    );
  });
});
