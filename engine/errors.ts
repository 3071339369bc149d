/**
 * Error codes a node run can end with. Nodes may use their own codes too
 * (e.g. `HTTP_STATUS`); these are the ones the engine itself produces.
 */
export const NodeErrorCode = {
  NodeError: 'NODE_ERROR',
  Timeout: 'NODE_TIMEOUT',
  Cancelled: 'NODE_CANCELLED',
  ParamsInvalid: 'PARAMS_INVALID',
  InvalidOutput: 'INVALID_OUTPUT',
  CredentialMissing: 'CREDENTIAL_MISSING',
  CredentialInvalid: 'CREDENTIAL_INVALID',
} as const;
export type NodeErrorCode = (typeof NodeErrorCode)[keyof typeof NodeErrorCode];

export interface NodeErrorOptions {
  code: string;
  nodeId?: string;
  /** Param path the error is about, e.g. `params.url`. */
  field?: string;
  expression?: string;
  /** False for errors that a retry cannot fix (bad params, expression errors). */
  retryable?: boolean;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** An expected failure of one node, with a stable code and where it happened. */
export class NodeError extends Error {
  override name = 'NodeError';
  readonly code: string;
  nodeId?: string;
  readonly field?: string;
  readonly expression?: string;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(message: string, options: NodeErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.nodeId = options.nodeId;
    this.field = options.field;
    this.expression = options.expression;
    this.retryable = options.retryable ?? true;
    this.details = options.details;
  }
}

/** Serializable shape of an error as stored in checkpoints and events. */
export interface ErrorInfo {
  code: string;
  message: string;
  nodeId?: string;
  field?: string;
  expression?: string;
  details?: Record<string, unknown>;
}

export function toErrorInfo(error: unknown, nodeId?: string): ErrorInfo {
  if (error instanceof NodeError) {
    const info: ErrorInfo = { code: error.code, message: error.message };
    const id = error.nodeId ?? nodeId;
    if (id !== undefined) info.nodeId = id;
    if (error.field !== undefined) info.field = error.field;
    if (error.expression !== undefined) info.expression = error.expression;
    if (error.details !== undefined) info.details = error.details;
    return info;
  }
  const code =
    error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
      ? (error as unknown as { code: string }).code
      : NodeErrorCode.NodeError;
  const message = error instanceof Error ? error.message : String(error);
  const info: ErrorInfo = { code, message };
  if (nodeId !== undefined) info.nodeId = nodeId;
  return info;
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof NodeError) return error.retryable;
  if (error instanceof Error && (error as { retryable?: unknown }).retryable === false) return false;
  return true;
}

/** Misuse of the engine API by its caller (bad options, unknown trigger); not a node failure. */
export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
