import { toNumberValue, toStringValue } from '../coerce.ts';
import { runtimeFault } from '../errors.ts';
import { SafeRegExp } from '../regexp/safe-regexp.ts';
import { isCallable } from '../values.ts';

/** Argument readers shared by methods and the standard library (JavaScript-like coercions). */

export function argString(args: unknown[], i: number, fallback?: string): string {
  const value = args[i];
  if (value === undefined && fallback !== undefined) return fallback;
  return toStringValue(value);
}

/** A search string: a regular expression is refused, as `String.prototype.includes` does. */
export function argSearchString(args: unknown[], i: number, method: string): string {
  if (args[i] instanceof SafeRegExp) throw runtimeFault(`${method}() does not accept a regular expression`);
  return argString(args, i);
}

/** ToIntegerOrInfinity of an optional argument. */
export function argInteger(args: unknown[], i: number, fallback: number): number {
  const value = args[i];
  if (value === undefined) return fallback;
  const n = toNumberValue(value);
  if (Number.isNaN(n)) return 0;
  return Number.isFinite(n) ? Math.trunc(n) : n;
}

export function argNumber(args: unknown[], i: number): number {
  return toNumberValue(args[i]);
}

export function argFunction(args: unknown[], i: number, method: string): unknown {
  const value = args[i];
  if (!isCallable(value)) throw runtimeFault(`${method}() expects a function, for example x => x.name`);
  return value;
}

/** Resolves a relative index as `Array.prototype.slice` does. */
export function relativeIndex(index: number, length: number): number {
  return index < 0 ? Math.max(length + index, 0) : Math.min(index, length);
}

export function requireArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw runtimeFault(`${what} expects an array`);
  return value;
}
