import { describe, expect, it } from 'vitest';
import type { NodeChange } from '../../../../collab/version-diff.ts';
import { fieldRow, fieldRows, formatValue } from './field-rows.ts';

describe('fieldRow', () => {
  it('shows a short value change as before → after', () => {
    expect(fieldRow({ path: 'params.url', kind: 'changed', before: 'https://a.test', after: 'https://b.test' })).toEqual({
      path: 'params.url',
      label: 'url',
      group: 'params',
      kind: 'changed',
      before: 'https://a.test',
      after: 'https://b.test',
    });
  });

  it('shows only the new value of an added param and only the old one of a removed param', () => {
    expect(fieldRow({ path: 'params.options.timeout', kind: 'added', after: 5000 })).toMatchObject({
      label: 'options.timeout',
      after: '5000',
    });
    expect(fieldRow({ path: 'params.options.timeout', kind: 'added', after: 5000 }).before).toBeUndefined();
    expect(fieldRow({ path: 'settings.retries', kind: 'removed', before: 3 })).toMatchObject({ group: 'settings', label: 'retries', before: '3' });
  });

  it('diffs long text line by line', () => {
    const before = 'You are a support agent.\nBe polite.\nAnswer in English.';
    const after = 'You are a support agent.\nBe polite and brief.\nAnswer in English.';
    const row = fieldRow({ path: 'params.prompt', kind: 'changed', before, after });
    expect(row.before).toBeUndefined();
    expect(row.lines).toEqual([
      { op: 'same', text: 'You are a support agent.' },
      { op: 'removed', text: 'Be polite.' },
      { op: 'added', text: 'Be polite and brief.' },
      { op: 'same', text: 'Answer in English.' },
    ]);
  });

  it('shows an added long text as added lines, blank lines included', () => {
    const row = fieldRow({ path: 'params.code', kind: 'added', after: 'const a = 1;\n\nreturn a;' });
    expect(row.lines).toEqual([
      { op: 'added', text: 'const a = 1;' },
      { op: 'added', text: '' },
      { op: 'added', text: 'return a;' },
    ]);
  });

  it('pretty-prints large structures before diffing them', () => {
    const before = { headers: { 'content-type': 'application/json', accept: 'application/json', 'x-trace-id': 'abc' } };
    const after = { headers: { 'content-type': 'application/json', accept: 'text/plain', 'x-trace-id': 'abc' } };
    const row = fieldRow({ path: 'params.options', kind: 'changed', before, after });
    expect(row.lines?.filter((l) => l.op === 'removed')).toEqual([{ op: 'removed', text: '    "accept": "application/json",' }]);
    expect(row.lines?.filter((l) => l.op === 'added')).toEqual([{ op: 'added', text: '    "accept": "text/plain",' }]);
  });
});

describe('formatValue', () => {
  it('names empty strings and rounds positions', () => {
    expect(formatValue('')).toBe('(empty)');
    expect(formatValue({ x: 10.4, y: -3.6 })).toBe('10, -4');
    expect(formatValue(['a', 1])).toBe('["a",1]');
    expect(formatValue(null)).toBe('null');
  });
});

describe('fieldRows', () => {
  it('orders node fields, then params, then settings, with position last among node fields', () => {
    const change: NodeChange = {
      id: 'n1',
      name: 'Fetch',
      type: 'core.httpRequest',
      movedOnly: false,
      fields: [
        { path: 'params.url', kind: 'changed', before: 'a', after: 'b' },
        { path: 'position', kind: 'changed', before: { x: 0, y: 0 }, after: { x: 40, y: 0 } },
        { path: 'name', kind: 'changed', before: 'Get', after: 'Fetch' },
        { path: 'settings.retries', kind: 'changed', before: 0, after: 2 },
      ],
    };
    expect(fieldRows(change).map((r) => r.path)).toEqual(['name', 'position', 'params.url', 'settings.retries']);
    expect(fieldRows(change)[0]).toMatchObject({ label: 'Name', before: 'Get', after: 'Fetch' });
  });
});
