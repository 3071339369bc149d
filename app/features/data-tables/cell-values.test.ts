import { describe, expect, it } from 'vitest';
import { cellKind, formatCell, formatForEdit, parseEdited } from './cell-values.ts';

describe('cell values', () => {
  it('reads typed text as JSON, anything else as a string', () => {
    expect(parseEdited('42')).toBe(42);
    expect(parseEdited('-1.5')).toBe(-1.5);
    expect(parseEdited('true')).toBe(true);
    expect(parseEdited('null')).toBeNull();
    expect(parseEdited('[1,"a"]')).toEqual([1, 'a']);
    expect(parseEdited('{"a":1}')).toEqual({ a: 1 });
    expect(parseEdited('"42"')).toBe('42');
    expect(parseEdited('hello')).toBe('hello');
    expect(parseEdited('42 apples')).toBe('42 apples');
    expect(parseEdited(' 42')).toBe(' 42');
    expect(parseEdited('')).toBe('');
    expect(parseEdited('{not json')).toBe('{not json');
  });

  it('round-trips every value through the editor unchanged', () => {
    for (const v of ['plain', '42', 'true', 'null', '"q"', ' padded ', '', 42, 0, true, false, null, [1, 2], { a: { b: 'c' } }, '[1]']) {
      expect(parseEdited(formatForEdit(v)), JSON.stringify(v)).toEqual(v);
    }
  });

  it('formats cells on one line and tells their kind', () => {
    expect(formatCell(undefined)).toBe('');
    expect(formatCell({ a: [1] })).toBe('{"a":[1]}');
    expect(cellKind(3)).toBe('number');
    expect(cellKind([1])).toBe('json');
    expect(cellKind(undefined)).toBe('empty');
  });
});
