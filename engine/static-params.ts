import type { z } from 'zod';
import { ExpressionError, hasExpression, renderTemplate } from './expressions/index.ts';

/** Compile-time budget for trying an expression: enough to parse it, not to run anything long. */
const SYNTAX_CHECK_TIMEOUT_MS = 5;

/** True when any string in the value (recursively) contains an expression; `skipKeys` are top-level raw params. */
export function containsExpression(value: unknown, skipKeys?: readonly string[]): boolean {
  if (typeof value === 'string') return hasExpression(value);
  if (Array.isArray(value)) return value.some((v) => containsExpression(v));
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (skipKeys?.includes(key)) continue;
      if (containsExpression(v)) return true;
    }
  }
  return false;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

export interface StaticParamIssue {
  /** Path inside params, dotted (`headers.0.value`); '' for the params object itself. */
  path: string;
  message: string;
}

/**
 * Validates params against a node's schema without knowing expression values:
 * an issue is dropped when the value it is about (or anything inside it) is an
 * expression, because the value will only exist at run time. Raw params (e.g.
 * code) are not expressions and are always validated.
 */
export function validateParamsStatically(
  schema: z.ZodType,
  params: Record<string, unknown>,
  rawParams: readonly string[] = [],
): { issues: StaticParamIssue[]; parsed?: unknown } {
  let result: ReturnType<z.ZodType['safeParse']>;
  try {
    result = schema.safeParse(params);
  } catch (err) {
    return { issues: [{ path: '', message: `Params validation threw: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  if (result.success) return { issues: [], parsed: result.data };
  const issues: StaticParamIssue[] = [];
  for (const issue of result.error.issues) {
    const top = issue.path[0];
    const isRaw = typeof top === 'string' && rawParams.includes(top);
    const subject = valueAt(params, issue.path);
    if (!isRaw && containsExpression(subject, issue.path.length === 0 ? rawParams : undefined)) continue;
    issues.push({ path: issue.path.map(String).join('.'), message: issue.message });
  }
  return { issues };
}

/**
 * Expressions that can never work: syntax errors and forbidden constructs are
 * found by parsing, which renderTemplate does before evaluating. Evaluating
 * against an empty scope has no side effects; runtime errors (missing `$json`)
 * are expected here and ignored.
 */
export function findExpressionErrors(params: Record<string, unknown>, rawParams: readonly string[] = []): StaticParamIssue[] {
  const issues: StaticParamIssue[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (typeof value === 'string') {
      if (!hasExpression(value)) return;
      try {
        renderTemplate(value, {}, { timeoutMs: SYNTAX_CHECK_TIMEOUT_MS });
      } catch (err) {
        if (err instanceof ExpressionError && (err.code === 'EXPRESSION_SYNTAX' || err.code === 'EXPRESSION_FORBIDDEN')) {
          issues.push({ path: path.join('.'), message: err.message });
        }
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, String(i)]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) if (!(path.length === 0 && rawParams.includes(key))) visit(v, [...path, key]);
    }
  };
  visit(params, []);
  return issues;
}
