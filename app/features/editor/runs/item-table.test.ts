import { describe, expect, it } from 'vitest';
import { cellText, jsonOf, tableColumns } from './item-table.ts';

describe('table columns', () => {
  it('are the union of top-level keys, in order of first appearance', () => {
    const items = [{ json: { id: 1, name: 'a' } }, { json: { id: 2, email: 'b@x' } }, { json: { name: 'c', tags: [] } }];
    expect(tableColumns(items)).toEqual({ columns: ['id', 'name', 'email', 'tags'], hidden: 0 });
  });

  it('skip items that are not objects and read plain objects as they are', () => {
    expect(tableColumns([null, 3, 'x', [1], { json: { a: 1 } }, { b: 2 }]).columns).toEqual(['a', 'b']);
    expect(tableColumns([]).columns).toEqual([]);
  });

  it('cap the number of columns and count the rest', () => {
    const json = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, i]));
    expect(tableColumns([{ json }], 5)).toEqual({ columns: ['k0', 'k1', 'k2', 'k3', 'k4'], hidden: 3 });
  });
});

describe('cells', () => {
  it('render primitives as text and structures as compact JSON', () => {
    expect(cellText('hi')).toBe('hi');
    expect(cellText(0)).toBe('0');
    expect(cellText(false)).toBe('false');
    expect(cellText(null)).toBe('null');
    expect(cellText(undefined)).toBe('');
    expect(cellText({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });

  it('cut long values', () => {
    expect(cellText('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('find the json of an item', () => {
    expect(jsonOf({ json: { a: 1 } })).toEqual({ a: 1 });
    expect(jsonOf([1])).toBeNull();
  });
});
