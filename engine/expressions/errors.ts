/** Stable error codes of the expression evaluator (also shown in the editor). */
export const ExpressionErrorCode = {
  Syntax: 'EXPRESSION_SYNTAX',
  Forbidden: 'EXPRESSION_FORBIDDEN',
  Runtime: 'EXPRESSION_RUNTIME',
  Timeout: 'EXPRESSION_TIMEOUT',
} as const;
export type ExpressionErrorCode = (typeof ExpressionErrorCode)[keyof typeof ExpressionErrorCode];

/**
 * Every failure of parsing or evaluating a `{{ … }}` expression. `expression` is the source
 * between the braces; `path` is set by `resolveParams` (e.g. `headers.0.value`); `position` is
 * the offset in `expression` where a syntax or forbidden-construct error was found.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly code: ExpressionErrorCode;
  readonly expression: string;
  readonly reason: string;
  readonly position: number | undefined;
  path?: string;

  constructor(
    code: ExpressionErrorCode,
    reason: string,
    expression: string,
    options: { position?: number; path?: string; cause?: unknown } = {},
  ) {
    super(formatMessage(reason, expression, options.path), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reason = reason;
    this.expression = expression;
    this.position = options.position;
    if (options.path !== undefined) this.path = options.path;
  }

  /** A copy of this error located at a parameter path (used by `resolveParams`). */
  atPath(path: string): ExpressionError {
    return new ExpressionError(this.code, this.reason, this.expression, {
      path,
      ...(this.position === undefined ? {} : { position: this.position }),
      ...(this.cause === undefined ? {} : { cause: this.cause }),
    });
  }
}

function formatMessage(reason: string, expression: string, path: string | undefined): string {
  const shown = expression.length > 200 ? `${expression.slice(0, 200)}…` : expression;
  return `${reason} — in {{ ${shown.trim()} }}${path === undefined ? '' : ` (parameter "${path}")`}`;
}

/**
 * Raised inside the parser/interpreter, where the full expression text is not at hand; the
 * public entry points convert it into an `ExpressionError` naming the expression.
 */
export class ExpressionFault extends Error {
  override readonly name = 'ExpressionFault';
  constructor(
    readonly code: ExpressionErrorCode,
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }
}

export function syntaxFault(message: string, position?: number): ExpressionFault {
  return new ExpressionFault(ExpressionErrorCode.Syntax, message, position);
}
export function forbiddenFault(message: string, position?: number): ExpressionFault {
  return new ExpressionFault(ExpressionErrorCode.Forbidden, message, position);
}
export function runtimeFault(message: string): ExpressionFault {
  return new ExpressionFault(ExpressionErrorCode.Runtime, message);
}
