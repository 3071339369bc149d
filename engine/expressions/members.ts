import { ARRAY_METHODS } from './methods/array-methods.ts';
import { STRING_METHODS } from './methods/string-methods.ts';
import {
  BOOLEAN_METHODS,
  DATE_METHODS,
  NUMBER_METHODS,
  OBJECT_METHODS,
  REGEXP_METHODS,
  REGEXP_PROPERTIES,
} from './methods/value-methods.ts';
import { SafeRegExp } from './regexp/safe-regexp.ts';
import { BoundMethod, Builtin, InternalValue, type MethodSpec, Namespace } from './values.ts';

/*
 * The one place that decides what `value.key` means. Only these are readable:
 *   - own properties of arrays and objects (never inherited ones),
 *   - `length` and indexes of strings,
 *   - whitelisted methods per type (see methods/),
 *   - members of standard-library objects.
 * Functions are opaque: `fn.call`, `fn.name`, `fn.constructor` are all undefined/forbidden.
 * Forbidden keys (`__proto__`, `constructor`, …) are rejected before this is called.
 */

const INDEX = /^(?:0|[1-9]\d*)$/;

/** The whitelisted method `key` of `value`, if `value` has no own property of that name. */
export function findMethod(value: unknown, key: string): MethodSpec<never> | undefined {
  switch (typeof value) {
    case 'string':
      return STRING_METHODS.get(key) as MethodSpec<never> | undefined;
    case 'number':
      return NUMBER_METHODS.get(key) as MethodSpec<never> | undefined;
    case 'boolean':
      return BOOLEAN_METHODS.get(key) as MethodSpec<never> | undefined;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null || value instanceof InternalValue) return undefined;
  if (Array.isArray(value)) {
    return Object.hasOwn(value, key) ? undefined : (ARRAY_METHODS.get(key) as MethodSpec<never> | undefined);
  }
  if (value instanceof SafeRegExp) return REGEXP_METHODS.get(key) as MethodSpec<never> | undefined;
  if (value instanceof Date) return DATE_METHODS.get(key) as MethodSpec<never> | undefined;
  return Object.hasOwn(value, key) ? undefined : (OBJECT_METHODS.get(key) as MethodSpec<never> | undefined);
}

/** `value[key]` under the rules above; `value` is not null or undefined. */
export function readMember(value: unknown, key: string): unknown {
  switch (typeof value) {
    case 'string':
      if (key === 'length') return value.length;
      if (INDEX.test(key)) return value[Number(key)];
      return boundMethod(value, key);
    case 'number':
    case 'boolean':
      return boundMethod(value, key);
    case 'object':
      break;
    default:
      // Functions (caller-supplied) and symbols/bigints expose nothing.
      return undefined;
  }
  if (value === null) return undefined;
  if (value instanceof InternalValue) {
    if (value instanceof Namespace || value instanceof Builtin) return value.members.get(key);
    return undefined;
  }
  if (value instanceof SafeRegExp) {
    const property = REGEXP_PROPERTIES.get(key);
    return property === undefined ? boundMethod(value, key) : property(value);
  }
  if (Array.isArray(value)) {
    if (key === 'length') return value.length;
    if (Object.hasOwn(value, key)) return (value as unknown as Record<string, unknown>)[key];
    return boundMethod(value, key);
  }
  if (value instanceof Date) return boundMethod(value, key);
  if (Object.hasOwn(value, key)) return (value as Record<string, unknown>)[key];
  return boundMethod(value, key);
}

function boundMethod(value: unknown, key: string): BoundMethod | undefined {
  const spec = findMethod(value, key);
  return spec === undefined ? undefined : new BoundMethod(key, spec, value);
}

/** The `in` operator: own properties only. */
export function hasMember(value: unknown, key: string): boolean {
  if (value === null || typeof value !== 'object' || value instanceof InternalValue || value instanceof SafeRegExp) {
    return false;
  }
  if (Array.isArray(value) && key === 'length') return true;
  return Object.hasOwn(value, key);
}
