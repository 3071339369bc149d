import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RegexNode, parseRegex } from './regexp-parser.ts';
import { RegExpSyntaxError, SafeRegExp } from './safe-regexp.ts';

const noBudget = (): void => {};

function nativeExec(source: string, flags: string, input: string): unknown {
  const m = new RegExp(source, flags.replace('g', '')).exec(input);
  return m === null ? null : { index: m.index, captures: [...m], groups: m.groups ? { ...m.groups } : undefined };
}

function safeExec(source: string, flags: string, input: string): unknown {
  const m = SafeRegExp.compile(source, flags).exec(input, 0, noBudget);
  return m === null ? null : { index: m.index, captures: m.captures, groups: m.groups };
}

function nullable(node: RegexNode): boolean {
  switch (node.k) {
    case 'empty':
    case 'assert':
      return true;
    case 'seq':
      return node.items.every(nullable);
    case 'alt':
      return node.options.some(nullable);
    case 'group':
      return nullable(node.body);
    case 'repeat':
      return node.min === 0 || nullable(node.body);
    default:
      return false;
  }
}

/** A loop (max > 1) over a body that can match '' — the documented case where results may differ from V8. */
function hasNullableLoop(node: RegexNode): boolean {
  switch (node.k) {
    case 'seq':
      return node.items.some(hasNullableLoop);
    case 'alt':
      return node.options.some(hasNullableLoop);
    case 'group':
      return hasNullableLoop(node.body);
    case 'repeat':
      return (node.max > 1 && nullable(node.body)) || hasNullableLoop(node.body);
    default:
      return false;
  }
}

describe('SafeRegExp', () => {
  it.each<[string, string, string]>([
    ['\\d+', '', 'abc 123 def'],
    ['(\\d+)-(\\d+)', '', 'tel 555-1234'],
    ['(?<year>\\d{4})-(?<month>\\d{2})', '', 'on 2024-05-06'],
    ['a|ab', '', 'xab'],
    ['(a|ab)(c|bcd)(d*)', '', 'abcd'],
    ['a*?b', '', 'aaab'],
    ['a+?', '', 'aaa'],
    ['a{2,3}', '', 'aaaa'],
    ['a{2,}?', '', 'aaaa'],
    ['x{0}y', '', 'xy'],
    ['^foo$', 'm', 'bar\nfoo\nbaz'],
    ['^foo$', '', 'bar\nfoo'],
    ['\\bcat\\b', 'i', 'Concat CAT'],
    ['\\Bat', '', 'cat at'],
    ['[^a-c]+', '', 'abcxyzabc'],
    ['[\\d-x]+', '', 'ab1-x2'],
    ['[a\\-z]+', '', 'b-az'],
    ['[\\]]', '', 'a]'],
    ['(a*)*', '', 'b'],
    ['(a*)+', '', 'aa'],
    ['(a|b)*c', '', 'ababc'],
    ['(?:ab|cd){2}', '', '-abcd-'],
    ['.+', '', 'line1\nline2'],
    ['.+', 's', 'line1\nline2'],
    ['HELLO', 'i', 'say hello'],
    ['[A-Z]+', 'i', 'abc'],
    ['é+', 'i', 'CAFÉÉ'],
    ['\\u0041\\x42\\cJ', '', 'AB\n'],
    ['\\s+', '', 'a \t\u00a0b'],
    ['\\W+', '', 'ab!?cd'],
    ['(a)|(b)', '', 'b'],
    ['', '', 'abc'],
    ['$', '', 'abc'],
    ['a{', '', 'a{'],
    ['}', '', '}'],
    ['[\\w.-]+@([\\w-]+\\.)+[a-z]{2,}', 'i', 'mail: John.Doe@Example.co.uk!'],
  ])('/%s/%s on %j matches like V8', (source, flags, input) => {
    expect(safeExec(source, flags, input)).toEqual(nativeExec(source, flags, input));
  });

  it.each([
    ['(a)\\1', /backreferences/],
    ['\\k<x>(?<x>a)', /backreferences/],
    ['(?=a)', /lookahead/],
    ['(?<!a)b', /lookahead and lookbehind/],
    ['\\p{L}', /property escapes/],
    ['*a', /nothing to repeat/],
    ['a{3,2}', /out of order/],
    ['a{5000}', /repetition count/],
    ['(a', /unterminated group/],
    ['a)', /Unmatched/],
    ['[b-a]', /out of order/],
    ['(?<n>a)(?<n>b)', /duplicate/],
    ['(a{1000}){1000}', /too complex/],
  ])('rejects %s', (source, message) => {
    expect(() => SafeRegExp.compile(source)).toThrow(RegExpSyntaxError);
    expect(() => SafeRegExp.compile(source)).toThrow(message);
  });

  it('on loops over empty-matching bodies it still finds a match wherever V8 does', () => {
    // Known difference: /(?:[^a]*?)+/ on ' .bx' is ' .bx' in V8 and ' ' here (both valid leftmost matches).
    for (const [source, input] of [['(?:[^a]*?)+', ' .bxa'], ['(a*)*b', 'aab'], ['(?:x?)*y', 'xxy']] as const) {
      const ours = SafeRegExp.compile(source).exec(input, 0, noBudget);
      const v8 = new RegExp(source).exec(input);
      expect(ours?.index).toBe(v8?.index);
    }
  });

  it('rejects unsupported flags', () => {
    expect(() => SafeRegExp.compile('a', 'y')).toThrow(/flag 'y'/);
    expect(() => SafeRegExp.compile('a', 'u')).toThrow(/flag 'u'/);
    expect(() => SafeRegExp.compile('a', 'gg')).toThrow(/Duplicate/);
  });

  it('charges the budget in proportion to the work', () => {
    let steps = 0;
    SafeRegExp.compile('(a+)+b').exec('a'.repeat(1000), 0, (n) => (steps += n));
    const small = steps;
    steps = 0;
    SafeRegExp.compile('(a+)+b').exec('a'.repeat(4000), 0, (n) => (steps += n));
    expect(steps).toBeGreaterThan(3 * small);
    expect(steps).toBeLessThan(5 * small);
  });

  it('agrees with V8 on random patterns from the supported grammar (except loops over empty-matching bodies)', () => {
    const atom = fc.oneof(
      fc.constantFrom('a', 'b', 'c', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '[a-c]', '\\.', 'x'),
      fc.constantFrom('^', '$', '\\b'),
    );
    const quantifier = fc.constantFrom('', '', '*', '+', '?', '*?', '+?', '??', '{2}', '{1,2}', '{0,}');
    const piece = fc.tuple(atom, quantifier).map(([a, q]) => (/^[\^$]|\\b$/.test(a) ? a : a + q));
    const pattern = fc.letrec<{ alt: string; seq: string; group: string }>((tie) => ({
      alt: fc.oneof({ depthSize: 'small' }, tie('seq'), fc.tuple(tie('seq'), tie('seq')).map(([x, y]) => `${x}|${y}`)),
      seq: fc.array(fc.oneof({ depthSize: 'small' }, piece, tie('group')), { minLength: 1, maxLength: 4 }).map((p) => p.join('')),
      group: fc
        .tuple(fc.constantFrom('(', '(?:'), tie('alt'), quantifier)
        .map(([open, body, q]) => `${open}${body})${q}`),
    })).alt;
    fc.assert(
      fc.property(pattern, fc.stringMatching(/^[abcx .1\n]{0,12}$/), fc.constantFrom('', 'i', 'm', 's'), (source, input, flags) => {
        fc.pre(!hasNullableLoop(parseRegex(source).root));
        expect(safeExec(source, flags, input)).toEqual(nativeExec(source, flags, input));
      }),
      { numRuns: 3000 },
    );
  });
});
