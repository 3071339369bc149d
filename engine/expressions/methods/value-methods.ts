import { toStringValue } from '../coerce.ts';
import { runtimeFault } from '../errors.ts';
import type { SafeRegExp } from '../regexp/safe-regexp.ts';
import type { MethodSpec, Runtime } from '../values.ts';
import { argInteger, argString } from './args.ts';
import { regexpExec, regexpTest } from './regexp-ops.ts';

/** Whitelisted methods of numbers, booleans, dates, regular expressions and plain objects. */

function method<Self>(signature: string, doc: string, fn: (rt: Runtime, self: Self, args: unknown[]) => unknown): MethodSpec<Self> {
  return { signature, doc, fn };
}

/** Runs a native formatter whose argument errors (RangeError) become expression errors. */
function guarded<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) throw runtimeFault(`${what}: ${error.message}`);
    throw error;
  }
}

function digits(args: unknown[], name: string, min: number, max: number): number | undefined {
  if (args[0] === undefined) return undefined;
  const n = argInteger(args, 0, 0);
  if (n < min || n > max) throw runtimeFault(`${name}() argument must be between ${min} and ${max}`);
  return n;
}

function localeOptions(value: unknown): Intl.NumberFormatOptions | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw runtimeFault('toLocaleString() options must be an object');
  }
  // Copy own data only, so Intl reads plain values.
  return JSON.parse(JSON.stringify(value)) as Intl.NumberFormatOptions;
}

export const NUMBER_METHODS: ReadonlyMap<string, MethodSpec<number>> = new Map<string, MethodSpec<number>>([
  ['toFixed', method('toFixed(digits?: number): string', 'Fixed-point notation with digits decimals.', (_, n, a) => n.toFixed(digits(a, 'toFixed', 0, 100)))],
  ['toPrecision', method('toPrecision(precision?: number): string', 'Notation with precision significant digits.', (_, n, a) => n.toPrecision(digits(a, 'toPrecision', 1, 100)))],
  ['toExponential', method('toExponential(digits?: number): string', 'Exponential notation.', (_, n, a) => n.toExponential(digits(a, 'toExponential', 0, 100)))],
  ['toString', method('toString(radix?: number): string', 'The number as a string, in base radix (2–36).', (_, n, a) => n.toString(a[0] === undefined ? 10 : digits(a, 'toString', 2, 36)))],
  ['toLocaleString', method('toLocaleString(locale?: string, options?: Intl.NumberFormatOptions): string', "Locale formatting, e.g. (1234.5).toLocaleString('de-DE').", (_, n, a) =>
    guarded('toLocaleString()', () => n.toLocaleString(a[0] === undefined ? 'en-US' : argString(a, 0), localeOptions(a[1]))),
  )],
]);

export const BOOLEAN_METHODS: ReadonlyMap<string, MethodSpec<boolean>> = new Map<string, MethodSpec<boolean>>([
  ['toString', method('toString(): string', '"true" or "false".', (_, b) => String(b))],
]);

/** Date methods are the time-zone independent ones; use $date.format for local times. */
export const DATE_METHODS: ReadonlyMap<string, MethodSpec<Date>> = new Map<string, MethodSpec<Date>>([
  ['getTime', method('getTime(): number', 'Milliseconds since 1970-01-01 UTC.', (_, d) => d.getTime())],
  ['valueOf', method('valueOf(): number', 'Milliseconds since 1970-01-01 UTC.', (_, d) => d.getTime())],
  ['toISOString', method('toISOString(): string', 'ISO 8601 string in UTC.', (_, d) => guarded('toISOString()', () => d.toISOString()))],
  ['toJSON', method('toJSON(): string | null', 'ISO 8601 string, or null for an invalid date.', (_, d) => (Number.isNaN(d.getTime()) ? null : d.toISOString()))],
  ['toString', method('toString(): string', 'ISO 8601 string in UTC.', (_, d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString()))],
  ['getUTCFullYear', method('getUTCFullYear(): number', 'Year (UTC).', (_, d) => d.getUTCFullYear())],
  ['getUTCMonth', method('getUTCMonth(): number', 'Month 0–11 (UTC).', (_, d) => d.getUTCMonth())],
  ['getUTCDate', method('getUTCDate(): number', 'Day of the month 1–31 (UTC).', (_, d) => d.getUTCDate())],
  ['getUTCDay', method('getUTCDay(): number', 'Day of the week 0–6, Sunday is 0 (UTC).', (_, d) => d.getUTCDay())],
  ['getUTCHours', method('getUTCHours(): number', 'Hours 0–23 (UTC).', (_, d) => d.getUTCHours())],
  ['getUTCMinutes', method('getUTCMinutes(): number', 'Minutes (UTC).', (_, d) => d.getUTCMinutes())],
  ['getUTCSeconds', method('getUTCSeconds(): number', 'Seconds (UTC).', (_, d) => d.getUTCSeconds())],
  ['getUTCMilliseconds', method('getUTCMilliseconds(): number', 'Milliseconds (UTC).', (_, d) => d.getUTCMilliseconds())],
]);

export const REGEXP_METHODS: ReadonlyMap<string, MethodSpec<SafeRegExp>> = new Map<string, MethodSpec<SafeRegExp>>([
  ['test', method('test(text: string): boolean', 'Whether the regular expression matches text.', (rt, re, a) => regexpTest(rt, re, argString(a, 0)))],
  ['exec', method('exec(text: string): string[] | null', 'The first match with its groups, or null (always searches from the start).', (rt, re, a) => regexpExec(rt, re, argString(a, 0)))],
  ['toString', method('toString(): string', 'The expression as /source/flags.', (_, re) => re.toString())],
]);

/** Read-only properties of regular expressions. */
export const REGEXP_PROPERTIES: ReadonlyMap<string, (re: SafeRegExp) => unknown> = new Map<string, (re: SafeRegExp) => unknown>([
  ['source', (re) => re.source],
  ['flags', (re) => re.flags],
  ['global', (re) => re.global],
  ['ignoreCase', (re) => re.ignoreCase],
  ['multiline', (re) => re.multiline],
  ['dotAll', (re) => re.dotAll],
]);

/** Methods of plain objects; an own property with the same name takes precedence. */
export const OBJECT_METHODS: ReadonlyMap<string, MethodSpec<object>> = new Map<string, MethodSpec<object>>([
  ['hasOwnProperty', method('hasOwnProperty(key: string): boolean', 'Whether the object has its own property key.', (_, o, a) => Object.hasOwn(o, toStringValue(a[0])))],
]);
