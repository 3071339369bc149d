import { defineOwn, describeType, stringifyJson, toNumberValue, toPropertyKey, toStringValue } from '../coerce.ts';
import { runtimeFault } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { argFunction, argInteger, argNumber, argString } from '../methods/args.ts';
import { SafeRegExp } from '../regexp/safe-regexp.ts';
import { InternalValue, type Runtime } from '../values.ts';
import { type FunctionSpec, type GlobalSpec, type MemberSpec, constant, fn, namespace } from './define.ts';

/** The JavaScript globals an expression may use, reimplemented or wrapped to be safe. */

function math1(name: string, op: (x: number) => number, doc: string): MemberSpec {
  return fn(`Math.${name}(x: number): number`, doc, (_, a) => op(argNumber(a, 0)));
}

function numbers(rt: Runtime, args: unknown[]): number[] {
  rt.tick(args.length);
  return args.map((x) => toNumberValue(x));
}

/** Own enumerable keys of an object, indexes of arrays and strings; nothing for internal values. */
function ownKeys(rt: Runtime, value: unknown, method: string): string[] {
  if (value === null || value === undefined) throw runtimeFault(`Object.${method}() cannot read ${value}`);
  if (typeof value === 'string') return Array.from({ length: value.length }, (_, i) => String(i));
  if (typeof value !== 'object' || value instanceof InternalValue || value instanceof SafeRegExp || value instanceof Date) return [];
  const keys = Object.keys(value);
  rt.tick(keys.length);
  return keys;
}

function read(value: unknown, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

function guardedUri(name: string, op: (s: string) => string): FunctionSpec {
  return fn(`${name}(text: string): string`, `The global ${name}().`, (rt, a) => {
    const text = argString(a, 0);
    rt.tick(1 + (text.length >> 6));
    try {
      return op(text);
    } catch (error) {
      throw runtimeFault(`${name}(): ${(error as Error).message}`);
    }
  });
}

function jsonParse(rt: Runtime, args: unknown[]): unknown {
  if (args[1] !== undefined) throw runtimeFault('JSON.parse() does not support a reviver');
  const text = argString(args, 0);
  rt.tick(1 + (text.length >> 4));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw runtimeFault(`JSON.parse(): ${(error as Error).message}`);
  }
}

function jsonStringify(rt: Runtime, args: unknown[]): unknown {
  if (args[1] !== undefined && args[1] !== null) throw runtimeFault('JSON.stringify() does not support a replacer');
  const space = args[2];
  let indent = '';
  if (typeof space === 'number') indent = ' '.repeat(Math.max(0, Math.min(10, Math.trunc(space))));
  else if (typeof space === 'string') indent = space.slice(0, 10);
  return stringifyJson(args[0], rt, indent);
}

function arrayFrom(rt: Runtime, args: unknown[]): unknown[] {
  const source = args[0];
  const map = args[1] === undefined ? undefined : argFunction(args, 1, 'Array.from');
  let items: unknown[];
  if (Array.isArray(source)) items = source.slice();
  else if (typeof source === 'string') items = Array.from(source);
  else if (source !== null && typeof source === 'object' && !Array.isArray(source) && Object.hasOwn(source, 'length')) {
    const length = argInteger([read(source, 'length')], 0, 0);
    if (length < 0 || length > LIMITS.maxArrayLength) throw runtimeFault(`Array.from() length must be between 0 and ${LIMITS.maxArrayLength}`);
    items = new Array<unknown>(length).fill(undefined);
  } else throw runtimeFault(`Array.from() expects an array, a string or { length }, not ${describeType(source)}`);
  rt.tick(1 + items.length);
  return map === undefined ? items : items.map((item, i) => rt.call(map, [item, i]));
}

export const CORE_GLOBALS: Readonly<Record<string, GlobalSpec>> = {
  Math: namespace('Mathematical functions (deterministic: no Math.random).', {
    abs: math1('abs', Math.abs, 'Absolute value.'),
    ceil: math1('ceil', Math.ceil, 'Rounds up.'),
    floor: math1('floor', Math.floor, 'Rounds down.'),
    round: math1('round', Math.round, 'Rounds to the nearest integer.'),
    trunc: math1('trunc', Math.trunc, 'Integer part.'),
    sign: math1('sign', Math.sign, 'Sign: -1, 0 or 1.'),
    sqrt: math1('sqrt', Math.sqrt, 'Square root.'),
    cbrt: math1('cbrt', Math.cbrt, 'Cube root.'),
    exp: math1('exp', Math.exp, 'e to the power x.'),
    log: math1('log', Math.log, 'Natural logarithm.'),
    log2: math1('log2', Math.log2, 'Base-2 logarithm.'),
    log10: math1('log10', Math.log10, 'Base-10 logarithm.'),
    sin: math1('sin', Math.sin, 'Sine.'),
    cos: math1('cos', Math.cos, 'Cosine.'),
    tan: math1('tan', Math.tan, 'Tangent.'),
    asin: math1('asin', Math.asin, 'Arcsine.'),
    acos: math1('acos', Math.acos, 'Arccosine.'),
    atan: math1('atan', Math.atan, 'Arctangent.'),
    atan2: fn('Math.atan2(y: number, x: number): number', 'Angle of the point (x, y).', (_, a) => Math.atan2(argNumber(a, 0), argNumber(a, 1))),
    pow: fn('Math.pow(base: number, exponent: number): number', 'base to the power exponent.', (_, a) => argNumber(a, 0) ** argNumber(a, 1)),
    min: fn('Math.min(...values: number[]): number', 'Smallest value (use Math.min(...array) for an array).', (rt, a) => numbers(rt, a).reduce((m, x) => Math.min(m, x), Infinity)),
    max: fn('Math.max(...values: number[]): number', 'Largest value (use Math.max(...array) for an array).', (rt, a) => numbers(rt, a).reduce((m, x) => Math.max(m, x), -Infinity)),
    hypot: fn('Math.hypot(...values: number[]): number', 'Square root of the sum of squares.', (rt, a) => Math.sqrt(numbers(rt, a).reduce((sum, x) => sum + x * x, 0))),
    PI: constant(Math.PI, 'π (3.14159…).'),
    E: constant(Math.E, "Euler's number."),
  }),
  JSON: namespace('JSON conversion.', {
    parse: fn('JSON.parse(text: string): unknown', 'Parses JSON text.', jsonParse),
    stringify: fn('JSON.stringify(value: unknown, replacer?: null, indent?: number | string): string', 'Converts a value to JSON text.', jsonStringify),
  }),
  Object: namespace('Helpers for objects (own properties only).', {
    keys: fn('Object.keys(object: object): string[]', 'Own property names.', (rt, a) => ownKeys(rt, a[0], 'keys')),
    values: fn('Object.values(object: object): unknown[]', 'Own property values.', (rt, a) => ownKeys(rt, a[0], 'values').map((k) => (typeof a[0] === 'string' ? a[0][Number(k)] : read(a[0], k)))),
    entries: fn('Object.entries(object: object): [string, unknown][]', 'Own [key, value] pairs.', (rt, a) => ownKeys(rt, a[0], 'entries').map((k) => [k, typeof a[0] === 'string' ? a[0][Number(k)] : read(a[0], k)])),
    fromEntries: fn('Object.fromEntries(entries: [string, unknown][]): object', 'Builds an object from [key, value] pairs.', (rt, a) => {
      const entries = a[0];
      if (!Array.isArray(entries)) throw runtimeFault('Object.fromEntries() expects an array of [key, value] pairs');
      const out: Record<string, unknown> = {};
      rt.tick(entries.length);
      for (const entry of entries) {
        if (!Array.isArray(entry)) throw runtimeFault('Object.fromEntries() expects an array of [key, value] pairs');
        defineOwn(out, toPropertyKey(entry[0]), entry[1]);
      }
      return out;
    }),
  }),
  Array: namespace('Helpers for arrays.', {
    isArray: fn('Array.isArray(value: unknown): boolean', 'Whether value is an array.', (_, a) => Array.isArray(a[0])),
    from: fn('Array.from(source: unknown[] | string | { length: number }, map?: (item, index) => unknown): unknown[]', 'A new array from an array, the characters of a string, or { length: n }.', arrayFrom),
  }),
  Number: fn('Number(value: unknown): number', 'Converts a value to a number (NaN if it is not one).', (_, a) => (a.length === 0 ? 0 : toNumberValue(a[0])), {
    isInteger: fn('Number.isInteger(value: unknown): boolean', 'Whether value is an integer number.', (_, a) => Number.isInteger(a[0])),
    isSafeInteger: fn('Number.isSafeInteger(value: unknown): boolean', 'Whether value is an integer that is exactly representable.', (_, a) => Number.isSafeInteger(a[0])),
    isFinite: fn('Number.isFinite(value: unknown): boolean', 'Whether value is a finite number (no conversion).', (_, a) => Number.isFinite(a[0])),
    isNaN: fn('Number.isNaN(value: unknown): boolean', 'Whether value is NaN (no conversion).', (_, a) => Number.isNaN(a[0])),
    parseFloat: fn('Number.parseFloat(text: string): number', 'Parses a decimal number at the start of text.', (_, a) => Number.parseFloat(argString(a, 0))),
    parseInt: fn('Number.parseInt(text: string, radix?: number): number', 'Parses an integer at the start of text.', (_, a) => Number.parseInt(argString(a, 0), argInteger(a, 1, 10))),
    MAX_SAFE_INTEGER: constant(Number.MAX_SAFE_INTEGER, 'Largest exactly representable integer.'),
    MIN_SAFE_INTEGER: constant(Number.MIN_SAFE_INTEGER, 'Smallest exactly representable integer.'),
    EPSILON: constant(Number.EPSILON, 'Difference between 1 and the next number.'),
  }),
  String: fn('String(value: unknown): string', 'Converts a value to a string.', (_, a) => (a.length === 0 ? '' : toStringValue(a[0]))),
  Boolean: fn('Boolean(value: unknown): boolean', 'Converts a value to true or false.', (_, a) => Boolean(a[0])),
  parseInt: fn('parseInt(text: string, radix?: number): number', 'Parses an integer at the start of text.', (_, a) => Number.parseInt(argString(a, 0), argInteger(a, 1, 10))),
  parseFloat: fn('parseFloat(text: string): number', 'Parses a decimal number at the start of text.', (_, a) => Number.parseFloat(argString(a, 0))),
  isNaN: fn('isNaN(value: unknown): boolean', 'Whether value converts to NaN.', (_, a) => Number.isNaN(toNumberValue(a[0]))),
  isFinite: fn('isFinite(value: unknown): boolean', 'Whether value converts to a finite number.', (_, a) => Number.isFinite(toNumberValue(a[0]))),
  encodeURIComponent: guardedUri('encodeURIComponent', encodeURIComponent),
  decodeURIComponent: guardedUri('decodeURIComponent', decodeURIComponent),
  encodeURI: guardedUri('encodeURI', encodeURI),
  decodeURI: guardedUri('decodeURI', decodeURI),
};
