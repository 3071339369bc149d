/** Stable error codes of the Code-node sandbox. */
export const SandboxErrorCode = {
  Timeout: 'SANDBOX_TIMEOUT',
  Memory: 'SANDBOX_MEMORY',
  Runtime: 'SANDBOX_RUNTIME',
  Result: 'SANDBOX_RESULT',
} as const;
export type SandboxErrorCode = (typeof SandboxErrorCode)[keyof typeof SandboxErrorCode];

/** What the worker reports about a failure; plain data so it can cross the thread boundary. */
export interface SandboxErrorData {
  code: SandboxErrorCode;
  message: string;
  /** 1-based line in the user's code, when known. */
  line?: number;
  column?: number;
}

/**
 * A failure of user code in the sandbox: time limit (SANDBOX_TIMEOUT), memory limit
 * (SANDBOX_MEMORY), an exception or syntax error (SANDBOX_RUNTIME, message and line of the
 * user's error) or a result that is not JSON data or too large (SANDBOX_RESULT).
 */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  readonly code: SandboxErrorCode;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: SandboxErrorCode, message: string, details: { line?: number; column?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.line = details.line;
    this.column = details.column;
  }

  static from(data: SandboxErrorData): SandboxError {
    const details: { line?: number; column?: number } = {};
    if (data.line !== undefined) details.line = data.line;
    if (data.column !== undefined) details.column = data.column;
    return new SandboxError(data.code, data.message, details);
  }
}
