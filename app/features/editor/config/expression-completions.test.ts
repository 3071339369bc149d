import { describe, expect, it } from 'vitest';
import { expressionLibrary } from '../../../../engine/expressions/library.ts';
import { completeExpression, completionFrom, type CompletionData } from './expression-completions.ts';

const data: CompletionData = {
  json: { id: 7, title: 'Hello', 'first name': 'Ana', user: { email: 'a@b.c', tags: ['x'] } },
  nodes: [
    { name: 'Fetch users', json: { total: 3, items: [{ id: 1 }] } },
    { name: 'Trigger', json: { body: { q: 'hi' } } },
  ],
  library: expressionLibrary,
};

const labels = (source: string, d = data) => completeExpression(source, d)?.options.map((o) => o.label) ?? null;

describe('completeExpression', () => {
  it('offers scope variables, functions, namespaces and node references at the start of a term', () => {
    const all = labels(' ')!;
    expect(all.slice(0, 3)).toEqual(expect.arrayContaining(['$json']));
    expect(all).toEqual(expect.arrayContaining(['$json', '$node', '$input', 'Math', '$date', '$node["Fetch users"]']));
    expect(all).not.toContain('toUpperCase'); // methods only after a value
    expect(labels(' $j')).toEqual(['$json']);
    expect(labels(' 1 + Ma')).toEqual(['Math']);
  });

  it('lists the current item’s fields after $json., with their sample values', () => {
    const result = completeExpression(' $json.', data)!;
    expect(result.from).toBe(7);
    expect(result.options.filter((o) => o.kind === 'field').map((o) => [o.label, o.detail])).toEqual([
      ['id', '7'],
      ['title', '"Hello"'],
      ['first name', '"Ana"'],
      ['user', 'object'],
    ]);
    expect(labels(' $json.ti')).toEqual(['title']);
    expect(labels(' $json.user.')).toEqual(expect.arrayContaining(['email', 'tags']));
  });

  it('brackets keys that are not identifiers, replacing the dot', () => {
    const source = ' $json.fir';
    const result = completeExpression(source, data)!;
    const option = result.options.find((o) => o.label === 'first name')!;
    expect(option.apply).toBe('["first name"]');
    expect(completionFrom(result, option)).toBe(6);
  });

  it('offers the methods of the value’s type, with parentheses and the caret inside when they take arguments', () => {
    const upper = completeExpression(' $json.title.toUpp', data)!.options;
    expect(upper.map((o) => o.label)).toEqual(['toUpperCase']);
    expect(upper[0]).toMatchObject({ apply: 'toUpperCase()', caret: 'toUpperCase()'.length, kind: 'method' });
    const split = completeExpression(' $json.title.spl', data)!.options[0]!;
    expect(split).toMatchObject({ apply: 'split()', caret: 'split('.length });
    expect(labels(' $json.user.tags.')).toEqual(expect.arrayContaining(['length', 'join', 'map']));
  });

  it('completes node names inside $node[ and the fields of that node’s output', () => {
    const result = completeExpression(' $node["Fe', data)!;
    expect(result.from).toBe(1);
    expect(result.options.map((o) => o.apply)).toEqual(['$node["Fetch users"]']);
    expect(labels(' $node[')).toEqual(['Fetch users', 'Trigger']);
    expect(labels(' $node["Fetch users"].')).toEqual(['json', 'first()', 'all()', 'item()']);
    expect(labels(' $node["Fetch users"].json.')).toEqual(expect.arrayContaining(['total', 'items']));
    expect(labels(" $node['Trigger'].first().json.body.")).toEqual(expect.arrayContaining(['q']));
    expect(labels(' $node["Fetch users"].json.items[0].')).toEqual(expect.arrayContaining(['id']));
  });

  it('lists namespace members after Math. / $date. / $input.', () => {
    expect(labels(' Math.ro')).toEqual(['round']);
    expect(labels(' $date.')).toEqual(expect.arrayContaining(['format', 'addDays']));
    expect(labels(' $input.')).toEqual(expect.arrayContaining(['all', 'first', 'item']));
    expect(labels(' $input.first().json.')).toEqual(expect.arrayContaining(['title']));
  });

  it('explains an empty list when there is no run data yet', () => {
    const result = completeExpression(' $json.', { ...data, json: undefined })!;
    expect(result.options).toEqual([]);
    expect(result.hint).toMatch(/Run the workflow/);
  });

  it('offers nothing inside a string literal or right after a number', () => {
    expect(completeExpression(" 'abc", data)).toBeNull();
    expect(completeExpression(' 12', data)).toBeNull();
  });
});
