import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpressionError, renderTemplate } from './index.ts';
import { makeScope } from './test-scope.ts';

const scope = makeScope();

/** Runs a template; anything thrown must be an ExpressionError. */
function check(template: string): void {
  try {
    renderTemplate(template, scope, { timeoutMs: 20 });
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw new Error(`Non-ExpressionError for ${JSON.stringify(template)}: ${String(error)}`, { cause: error });
    expect(['EXPRESSION_SYNTAX', 'EXPRESSION_FORBIDDEN', 'EXPRESSION_RUNTIME', 'EXPRESSION_TIMEOUT']).toContain(error.code);
  }
}

// Fragments that make random input reach deep into the tokenizer, parser and interpreter.
const FRAGMENTS = [
  '$json', '$node', '$input', '.', '?.', '[', ']', '(', ')', '{', '}', '{{', '}}', ',', ':', '?', '??', '=>', '...', '`', '${',
  "'", '"', '/', '\\', '+', '-', '*', '**', '%', '!', '~', '<', '>', '==', '===', '&&', '||', '&', '|', '^', 'in', 'typeof',
  'x', 'a', '1', '0x', '1e', '.5', 'null', 'true', 'map', 'filter', 'length', 'constructor', '__proto__', 'toString', 'Math',
  'JSON', '$date', '$str', 'this', 'new', '=', ';', ' ', '\n', '\u2028', 'é', '😀', 'split', 'replace', '/a+/g', '[^', '(?<',
];

describe('fuzzing', () => {
  it('random strings inside {{ }} only ever raise ExpressionError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (body) => check(`{{ ${body} }}`)), { numRuns: 3000 });
  });

  it('random templates only ever raise ExpressionError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (template) => check(template)), { numRuns: 1000 });
  });

  it('random token soups only ever raise ExpressionError', () => {
    const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(fc.property(soup, (body) => check(`{{ ${body} }}`)), { numRuns: 5000 });
  });

  it('random nesting depths never overflow the stack', () => {
    const nested = fc.tuple(fc.constantFrom('(', '[', '{a:', '!', '-', '$json?.a.', 'x=>'), fc.integer({ min: 1, max: 20_000 }));
    fc.assert(fc.property(nested, ([open, depth]) => check(`{{ ${open.repeat(depth)}1 }}`)), { numRuns: 60 });
  });
});
