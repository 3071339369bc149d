/**
 * engine/expressions — the safe evaluator of `{{ … }}` expressions in node parameters.
 *
 * Guarantees:
 * - User text is never given to `eval`, `Function` or `vm`: it is tokenized, parsed into a
 *   small JavaScript-expression subset (literals, template literals, regular expressions,
 *   arrays, objects, member access with `?.`, calls, unary/binary/logical/conditional/`??`
 *   operators, `in`, spread, arrow functions with expression bodies) and interpreted.
 * - No way out to the host: `this`, `globalThis`, `process`, `require`, `import()`, `eval`,
 *   `Function`, `new`, assignment, `++`/`--`, `delete`, tagged templates and escaped
 *   identifiers are refused when parsing (EXPRESSION_FORBIDDEN). Property names such as
 *   `__proto__`, `constructor`, `prototype`, `__defineGetter__` are refused for reads and for
 *   object keys, also when computed. Only own properties of arrays/objects, `length`/indexes of
 *   strings and whitelisted methods per type are readable; inherited members never are.
 *   Objects are converted without calling their `toString`/`valueOf`/`toJSON`.
 * - Only these are callable: arrow functions of the expression, whitelisted methods, the
 *   standard library (see `expressionLibrary`) and functions the caller put in the scope as
 *   OWN properties (e.g. `$input.first()`, `$node["Fetch"].all()`; methods inherited from a
 *   class prototype are not visible). Such functions are called with `this` = their object.
 * - Nothing is mutated: `sort`/`reverse` return copies; the scope and `resolveParams` input
 *   are never changed. Results never contain interpreter functions (a top-level function
 *   result is an error; nested ones are dropped like JSON does).
 * - Bounded: each call has a step budget and a wall-clock deadline (`timeoutMs`, default
 *   50 ms; `resolveParams` shares one budget across the whole value) → EXPRESSION_TIMEOUT.
 *   Generated strings (`repeat`, `padStart`) are capped at 1 MiB, other strings at 16 Mi
 *   characters, arrays at 4 Mi items, nesting at 100 levels, arrow recursion at 32 calls.
 *   Regular expressions run on a linear-time engine (no backreferences/lookaround): no ReDoS.
 * - Deterministic: no `Math.random`, no clock (use the caller's `$now`), dates without an
 *   offset are UTC.
 * - Fast: parsed templates and expressions are kept in LRU caches.
 *
 * Template rules: a string that is exactly one `{{ expr }}` (whitespace around allowed)
 * yields the raw value; otherwise each block is interpolated (objects/arrays as JSON, dates as
 * ISO strings, null/undefined as ''). `\{{` writes a literal `{{`. An unclosed `{{` is an
 * EXPRESSION_SYNTAX error.
 */
import { ExpressionError } from './errors.ts';
import { defineOwn } from './coerce.ts';
import { compileExpression, compileTemplate, evaluateTemplate, newBudget, toExpressionError } from './template.ts';
import type { Budget } from './budget.ts';

export { ExpressionError, ExpressionErrorCode } from './errors.ts';
export { expressionLibrary, type ExpressionLibraryEntry } from './library.ts';

export interface RenderOptions {
  /** Wall-clock budget of the whole call in milliseconds (default 50). */
  timeoutMs?: number;
}

/** Whether `s` contains `{{`, i.e. must go through `renderTemplate`. */
export function hasExpression(s: string): boolean {
  return typeof s === 'string' && s.includes('{{');
}

/**
 * Evaluates a template against `scope`. One `{{ expr }}` → its raw value; anything else → a
 * string. Throws `ExpressionError`.
 */
export function renderTemplate(template: string, scope: Record<string, unknown>, opts?: RenderOptions): unknown {
  if (!hasExpression(template)) return template;
  return evaluateTemplate(compileTemplate(template), scope, newBudget(opts?.timeoutMs));
}

/**
 * Returns a copy of `value` in which every string containing `{{` is rendered; objects and
 * arrays are walked deeply, other values are kept. The input is never mutated. An error
 * carries the `path` of the parameter (e.g. `headers.0.value`).
 */
export function resolveParams<T>(value: T, scope: Record<string, unknown>, opts?: RenderOptions): T {
  return walk(value, scope, newBudget(opts?.timeoutMs), [], 0) as T;
}

/** Checks a bare expression (no braces) for syntax and forbidden constructs, without running it. */
export function validateExpression(source: string): ExpressionError | null {
  return compileExpression(source).error;
}

/**
 * Syntax and forbidden-construct errors of every `{{ }}` block of a template, without running
 * anything (for live checks in the editor and at compile time). Forbidden keys that are only
 * known at run time (`$json[k]`) are reported when evaluating.
 */
export function validateTemplate(template: string): ExpressionError[] {
  if (!hasExpression(template)) return [];
  return compileTemplate(template)
    .parts.flatMap((part) => (typeof part === 'string' || part.error === null ? [] : [part.error]));
}

const MAX_PARAM_DEPTH = 200;

/** Deep copy with templates rendered; `path` is shared and restored (push/pop) to avoid copies. */
function walk(value: unknown, scope: Record<string, unknown>, budget: Budget, path: string[], depth: number): unknown {
  if (typeof value === 'string') {
    if (!hasExpression(value)) return value;
    try {
      return evaluateTemplate(compileTemplate(value), scope, budget);
    } catch (error) {
      throw toExpressionError(error, value, 0).atPath(path.join('.'));
    }
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_PARAM_DEPTH) {
    throw new ExpressionError('EXPRESSION_RUNTIME', 'Parameters are nested too deeply', '', { path: path.join('.') });
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      out[i] = walk(value[i], scope, budget, path, depth + 1);
      path.pop();
    }
    return out;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    path.push(key);
    defineOwn(out, key, walk((value as Record<string, unknown>)[key], scope, budget, path, depth + 1));
    path.pop();
  }
  return out;
}
