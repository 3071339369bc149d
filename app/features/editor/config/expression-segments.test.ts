import { describe, expect, it } from 'vitest';
import { expressionAtCaret, splitExpressions } from './expression-segments.ts';

const parts = (text: string) => splitExpressions(text).map((s) => [s.kind, text.slice(s.from, s.to), s.error ?? null]);

describe('splitExpressions', () => {
  it('splits literal text and blocks, braces included', () => {
    expect(parts('Hello {{ $json.name }}!')).toEqual([
      ['text', 'Hello ', null],
      ['expression', '{{ $json.name }}', null],
      ['text', '!', null],
    ]);
    expect(parts('plain')).toEqual([['text', 'plain', null]]);
    expect(parts('')).toEqual([]);
  });

  it('ends a block where the engine does: "}}" inside strings and objects does not close it', () => {
    expect(parts("{{ {a: '}}'}.a }} x")).toEqual([
      ['expression', "{{ {a: '}}'}.a }}", null],
      ['text', ' x', null],
    ]);
  });

  it('treats \\{{ as literal text', () => {
    expect(parts('\\{{ not }} {{ 1 }}')).toEqual([
      ['text', '\\{{ not }} ', null],
      ['expression', '{{ 1 }}', null],
    ]);
  });

  it('flags unclosed, empty and invalid blocks', () => {
    const unclosed = splitExpressions('a {{ $json.x');
    expect(unclosed[1]).toMatchObject({ kind: 'expression', closed: false, error: "Missing closing '}}'", to: 12 });
    expect(parts('{{ }}')[0]![2]).toBe('Empty expression');
    expect(parts('{{ $json. }}')[0]![2]).toEqual(expect.any(String));
    expect(parts('{{ process.exit() }}')[0]![2]).toEqual(expect.stringContaining('process'));
  });
});

describe('expressionAtCaret', () => {
  const text = 'Hi {{ $json.na }} and {{ $node["A"]';
  it('returns the source up to the caret inside a block', () => {
    expect(expressionAtCaret(text, 14)).toEqual({ source: ' $json.na', offset: 5 });
    expect(expressionAtCaret(text, text.length)).toEqual({ source: ' $node["A"]', offset: 24 });
  });
  it('is null in literal text and on the braces', () => {
    expect(expressionAtCaret(text, 1)).toBeNull();
    expect(expressionAtCaret(text, 4)).toBeNull();
    expect(expressionAtCaret(text, 17)).toBeNull();
  });
});
