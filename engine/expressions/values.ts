import type { Node } from './ast.ts';

/**
 * Values that exist only while an expression runs. None of them is a host function, so host
 * code (coercion, JSON, the caller) can never call into the interpreter by accident, and the
 * interpreter never reads their fields as user-visible properties.
 */
export abstract class InternalValue {}

/** Arrow-function parameters bound for one call; closures capture the chain. */
export interface Frame {
  readonly names: readonly string[];
  readonly values: readonly unknown[];
  readonly parent: Frame | null;
}

/** An arrow function written in the expression. */
export class Closure extends InternalValue {
  constructor(
    readonly params: readonly string[],
    readonly body: Node,
    readonly env: Frame | null,
  ) {
    super();
  }
}

/** What methods and built-ins may ask of the running interpreter. */
export interface Runtime {
  /** Charges `steps` to the budget; throws `EXPRESSION_TIMEOUT` when it is spent. */
  tick(steps?: number): void;
  /** Calls a callable value (arrow function, built-in, method or caller function). */
  call(fn: unknown, args: unknown[]): unknown;
}

export interface MethodSpec<Self> {
  readonly signature: string;
  readonly doc: string;
  readonly fn: (rt: Runtime, self: Self, args: unknown[]) => unknown;
}

/** A whitelisted method read without calling it, e.g. `'a'.toUpperCase` passed as a value. */
export class BoundMethod extends InternalValue {
  constructor(
    readonly name: string,
    readonly spec: MethodSpec<never>,
    readonly self: unknown,
  ) {
    super();
  }
}

/** A standard-library function; `members` makes `Number.isInteger` style access possible. */
export class Builtin extends InternalValue {
  constructor(
    readonly name: string,
    readonly fn: (rt: Runtime, args: unknown[]) => unknown,
    readonly members: ReadonlyMap<string, unknown> = new Map(),
  ) {
    super();
  }
}

/** A standard-library object such as `Math` or `$date`: a fixed table of members. */
export class Namespace extends InternalValue {
  constructor(
    readonly name: string,
    readonly members: ReadonlyMap<string, unknown>,
  ) {
    super();
  }
}

export function isCallable(value: unknown): boolean {
  return (
    typeof value === 'function' || value instanceof Closure || value instanceof BoundMethod || value instanceof Builtin
  );
}
