import { describe, expect, it } from 'vitest';
import { TRIMMED, trimJson } from './trim-json.ts';

const size = (v: unknown) => JSON.stringify(v).length;

describe('trimJson', () => {
  it('leaves small values alone', () => {
    const v = { a: 1, b: 'two', c: [true, null, { d: 4.5 }] };
    expect(trimJson(v)).toEqual(v);
  });

  it('shortens long strings and arrays, keeping the shape', () => {
    const out = trimJson({ text: 'x'.repeat(5000), list: Array.from({ length: 100 }, (_, i) => i) }) as { text: string; list: unknown[] };
    expect(out.text.length).toBeLessThan(600);
    expect(out.text.endsWith(TRIMMED)).toBe(true);
    expect(out.list).toHaveLength(21);
    expect(out.list.at(-1)).toBe(TRIMMED);
  });

  it('stays near the budget for wide and deep values, still listing keys', () => {
    const wide = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`field${i}`, 'v'.repeat(100)]));
    const out = trimJson(wide, 8192) as Record<string, unknown>;
    expect(size(out)).toBeLessThan(8192 * 1.4);
    expect(out.field0).toBe('v'.repeat(100));
    expect(Object.values(out)).toContain(TRIMMED);
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    expect(size(trimJson(deep))).toBeLessThan(400);
  });

  it('keeps a "__proto__" key as data', () => {
    const v = JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as unknown;
    const out = trimJson(v) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
