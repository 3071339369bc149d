import { describe, expect, it } from 'vitest';
import { getIn, moveItem, removeItem, setIn } from './value-path.ts';

describe('value paths', () => {
  const value = { headers: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }], retry: { maxRetries: 3 } };

  it('reads nested values', () => {
    expect(getIn(value, ['headers', 1, 'name'])).toBe('b');
    expect(getIn(value, ['retry', 'missing', 'x'])).toBeUndefined();
  });

  it('writes without mutating, creating containers as needed, and removes keys set to undefined', () => {
    const next = setIn(value, ['headers', 0, 'value'], '9') as typeof value;
    expect(next.headers[0]).toEqual({ name: 'a', value: '9' });
    expect(value.headers[0]!.value).toBe('1');
    expect(next.headers[1]).toBe(value.headers[1]);
    expect(setIn(undefined, ['a', 0, 'b'], true)).toEqual({ a: [{ b: true }] });
    expect(setIn(value.retry, ['maxRetries'], undefined)).toEqual({});
  });

  it('moves and removes list items', () => {
    expect(moveItem([1, 2, 3], 0, 2)).toEqual([2, 3, 1]);
    expect(moveItem([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    expect(moveItem([1, 2, 3], 3, 0)).toEqual([1, 2, 3]);
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });
});
