import { describe, expect, it } from 'vitest';
import { Budget } from './budget.ts';
import { ExpressionError, renderTemplate } from './index.ts';
import { LIMITS } from './limits.ts';
import { makeScope } from './test-scope.ts';

const scope = makeScope();

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return (error as ExpressionError).code;
  }
}

describe('limits', () => {
  it('stops long computations at the deadline', () => {
    const started = performance.now();
    const code = codeOf(() =>
      renderTemplate("{{ 'x'.repeat(5000).split('').map(a => 'y'.repeat(5000).split('').map(b => a + b).length) }}", scope, { timeoutMs: 30 }),
    );
    expect(code).toBe('EXPRESSION_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('stops at the step budget even with a generous clock', () => {
    let now = 0;
    const budget = new Budget(1_000_000, 10_000, () => now);
    expect(() => {
      for (;;) budget.tick(100);
    }).toThrow(/exceeded 10000 evaluation steps/);
    now = 2_000_000;
    expect(() => new Budget(10, Infinity, () => now).tick(LIMITS.clockCheckInterval)).not.toThrow();
  });

  it('uses a 50 ms default timeout', () => {
    const started = performance.now();
    expect(codeOf(() => renderTemplate("{{ 'x'.repeat(3000).split('').map(a => 'y'.repeat(3000).split('').map(b => a + b).length) }}", scope))).toBe(
      'EXPRESSION_TIMEOUT',
    );
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('caps generated strings before allocating them', () => {
    expect(codeOf(() => renderTemplate("{{ 'ab'.repeat(2 ** 20) }}", scope))).toBe('EXPRESSION_RUNTIME');
    expect(renderTemplate("{{ 'ab'.repeat(2 ** 19).length }}", scope)).toBe(2 ** 20);
    expect(codeOf(() => renderTemplate("{{ ''.padEnd(2 ** 21, 'x') }}", scope))).toBe('EXPRESSION_RUNTIME');
  });

  it('caps strings grown by concatenation, join and replace', () => {
    const big = "'x'.repeat(2 ** 20)";
    expect(codeOf(() => renderTemplate(`{{ [1,2,3,4,5].reduce(s => s + s, ${big}) }}`, scope))).toBe('EXPRESSION_RUNTIME');
    expect(codeOf(() => renderTemplate("{{ 'x'.repeat(2 ** 15).split('').map(c => 'y'.repeat(1000)).join('') }}", scope, { timeoutMs: 10_000 }))).toBe(
      'EXPRESSION_RUNTIME',
    );
    expect(codeOf(() => renderTemplate(`{{ 'a'.repeat(5000).replaceAll('a', "$'$'") }}`, scope, { timeoutMs: 10_000 }))).toBe('EXPRESSION_RUNTIME');
    // With the default budget the copying is charged too, so it ends one way or the other.
    expect(codeOf(() => renderTemplate(`{{ 'a'.repeat(5000).replaceAll('a', "$'$'") }}`, scope))).toMatch(/EXPRESSION_RUNTIME|EXPRESSION_TIMEOUT/);
  });

  it('limits arrow-function recursion', () => {
    const error = (() => {
      try {
        renderTemplate('{{ (f => f(f))(f => f(f)) }}', scope);
      } catch (e) {
        return e as ExpressionError;
      }
    })();
    expect(error?.message).toMatch(/Too much recursion/);
  });

  it('allows reasonable nesting of callbacks', () => {
    expect(renderTemplate('{{ [1, 2].map(a => [3, 4].map(b => [5].map(c => a + b + c))) }}', scope)).toEqual([
      [[9], [10]],
      [[10], [11]],
    ]);
  });

  it('rejects over-long expressions and over-deep nesting at parse time', () => {
    expect(codeOf(() => renderTemplate(`{{ ${'1+'.repeat(LIMITS.maxExpressionLength)}1 }}`, scope))).toBe('EXPRESSION_SYNTAX');
    expect(codeOf(() => renderTemplate(`{{ ${'['.repeat(150)}${']'.repeat(150)} }}`, scope))).toBe('EXPRESSION_SYNTAX');
    expect(renderTemplate(`{{ ${'['.repeat(40)}${']'.repeat(40)}.length }}`, scope)).toBe(1);
  });

  it('regular expressions run in linear time', () => {
    // V8's backtracking engine needs astronomically long for these; ours answers in milliseconds.
    const started = performance.now();
    expect(renderTemplate("{{ /(a+)+b/.test('a'.repeat(2000)) }}", scope, { timeoutMs: 2_000 })).toBe(false);
    expect(renderTemplate("{{ /(x+x+)+y/.test('x'.repeat(2000)) }}", scope, { timeoutMs: 2_000 })).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('host stays responsive and usable after a timeout', () => {
    codeOf(() => renderTemplate("{{ 'x'.repeat(1e5).split('').map(a => 'y'.repeat(1e5).split('')) }}", scope, { timeoutMs: 20 }));
    expect(renderTemplate('{{ $json.name }}', scope)).toBe('Ann Lee');
  });
});
