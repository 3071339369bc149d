import type { DagNode } from '../dag.ts';
import { NodeError, NodeErrorCode } from '../errors.ts';
import { ExpressionError, resolveParams } from '../expressions/index.ts';

/**
 * Resolves a node's params for one invocation and parses them with the node's
 * schema. Raw params (e.g. code) are passed through untouched. Failures are
 * NodeErrors naming the node, the param path and the expression; they are not
 * retryable because the same data would fail the same way.
 */
export function resolveNodeParams(
  node: DagNode,
  scope: Record<string, unknown>,
  expressionTimeoutMs: number,
): unknown {
  if (!node.hasExpressions) return node.staticParams;
  const raw = node.definition.rawParams;
  let toResolve: Record<string, unknown> = node.params;
  if (raw.length > 0) {
    toResolve = { ...node.params };
    for (const key of raw) delete toResolve[key];
  }
  let resolved: Record<string, unknown>;
  try {
    resolved = resolveParams(toResolve, scope, { timeoutMs: expressionTimeoutMs });
  } catch (err) {
    throw wrapExpressionError(node, err);
  }
  if (raw.length > 0) {
    resolved = { ...resolved };
    for (const key of raw) if (key in node.params) resolved[key] = node.params[key];
  }
  const parsed = node.definition.params.safeParse(resolved);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const field = path === '' ? 'params' : `params.${path}`;
  throw new NodeError(`Node "${node.name}": ${field} is invalid after resolving expressions: ${issue?.message ?? 'invalid'}`, {
    code: NodeErrorCode.ParamsInvalid,
    nodeId: node.id,
    field,
    retryable: false,
    details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
  });
}

export function wrapExpressionError(node: DagNode, err: unknown): NodeError {
  if (err instanceof ExpressionError) {
    const field = err.path ? `params.${err.path}` : 'params';
    return new NodeError(`Node "${node.name}" (${node.id}): expression in ${field} failed: ${err.message}`, {
      code: err.code,
      nodeId: node.id,
      field,
      expression: err.expression,
      retryable: false,
      cause: err,
    });
  }
  return new NodeError(`Node "${node.name}" (${node.id}): resolving params failed: ${err instanceof Error ? err.message : String(err)}`, {
    code: 'EXPRESSION_RUNTIME',
    nodeId: node.id,
    field: 'params',
    retryable: false,
    cause: err,
  });
}
