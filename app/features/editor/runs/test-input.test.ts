import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_INPUT, parseTestInput } from './test-input.ts';

describe('test input', () => {
  it('accepts the default and an item list', () => {
    expect(parseTestInput(DEFAULT_TEST_INPUT)).toEqual({ ok: true, items: [{ json: {} }] });
    expect(parseTestInput('[{"json":{"a":1}},{"json":{"b":[2]}}]')).toEqual({ ok: true, items: [{ json: { a: 1 } }, { json: { b: [2] } }] });
  });

  it('wraps a single item and bare objects', () => {
    expect(parseTestInput('{"json":{"a":1}}')).toEqual({ ok: true, items: [{ json: { a: 1 } }] });
    expect(parseTestInput('{"body":{"x":1}}')).toEqual({ ok: true, items: [{ json: { body: { x: 1 } } }] });
    expect(parseTestInput('[{"a":1}]')).toEqual({ ok: true, items: [{ json: { a: 1 } }] });
  });

  it('explains what is wrong', () => {
    const bad = (text: string) => {
      const r = parseTestInput(text);
      return r.ok ? null : r.error;
    };
    expect(bad('[{"json":')).toMatch(/^Not valid JSON/);
    expect(bad('[]')).toBe('Give at least one item');
    expect(bad('[1]')).toBe('Item 1 must be an object like {"json": {…}}');
    expect(bad('[{"json":{}}, "x"]')).toBe('Item 2 must be an object like {"json": {…}}');
    expect(bad('[{"json":5}]')).toBe('Item 1: "json" must be an object');
    expect(bad(JSON.stringify(Array.from({ length: 1001 }, () => ({ json: {} }))))).toBe('At most 1000 items');
  });
});
