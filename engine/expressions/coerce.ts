import { forbiddenFault, runtimeFault } from './errors.ts';
import { LIMITS } from './limits.ts';
import { SafeRegExp } from './regexp/safe-regexp.ts';
import { isForbiddenKey } from './security.ts';
import { InternalValue, Namespace, type Runtime, isCallable } from './values.ts';

/*
 * Conversions that never run code owned by a value: JavaScript's own coercion would call
 * `valueOf`/`toString`/`toJSON` found on objects, so objects are converted here by their type.
 */

type Primitive = string | number | boolean | bigint | symbol | null | undefined;

export function toPrimitive(value: unknown, hint: 'string' | 'number' | 'default' = 'default'): Primitive {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value as Primitive;
  if (value instanceof Date) return hint === 'number' ? value.getTime() : dateToString(value);
  if (Array.isArray(value)) return arrayToString(value, 0);
  if (value instanceof SafeRegExp) return value.toString();
  if (isCallable(value)) return 'function () { [native code] }';
  return '[object Object]';
}

export function toStringValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return String(toPrimitive(value, 'string'));
}

export function toNumberValue(value: unknown): number {
  if (typeof value === 'number') return value;
  const primitive = toPrimitive(value, 'number');
  if (typeof primitive === 'symbol' || typeof primitive === 'bigint') throw runtimeFault(`Cannot convert a ${typeof primitive} to a number`);
  return Number(primitive);
}

function dateToString(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
}

function arrayToString(array: readonly unknown[], depth: number): string {
  if (depth > 50) throw runtimeFault('Array is nested too deeply to convert to a string');
  let out = '';
  for (let i = 0; i < array.length; i++) {
    if (i > 0) out += ',';
    const item = array[i];
    if (item === null || item === undefined) continue;
    out += Array.isArray(item) ? arrayToString(item, depth + 1) : toStringValue(item);
    if (out.length > LIMITS.maxStringLength) throw stringTooLong();
  }
  return out;
}

export function stringTooLong(): Error {
  return runtimeFault(`String is longer than the limit of ${LIMITS.maxStringLength} characters`);
}

export function checkStringLength(value: string): string {
  if (value.length > LIMITS.maxStringLength) throw stringTooLong();
  return value;
}

/** `typeof` as the expression sees it: internal callables are functions. */
export function typeOf(value: unknown): string {
  if (value instanceof InternalValue) return value instanceof Namespace ? 'object' : 'function';
  return typeof value;
}

/** `==` without calling user hooks: objects compare by identity or through `toPrimitive`. */
export function looseEquals(a: unknown, b: unknown): boolean {
  const aObject = a !== null && (typeof a === 'object' || typeof a === 'function');
  const bObject = b !== null && (typeof b === 'object' || typeof b === 'function');
  if (aObject && bObject) return a === b;
  const pa = aObject ? toPrimitive(a) : a;
  const pb = bObject ? toPrimitive(b) : b;
  // Both sides are primitives now, so `==` cannot reach user code.
  return pa == pb;
}

/** Property key of a computed member access; forbidden names throw `EXPRESSION_FORBIDDEN`. */
export function toPropertyKey(value: unknown): string {
  const key = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : toStringValue(value);
  if (isForbiddenKey(key)) throw forbiddenFault(`Property '${key}' is not accessible`);
  return key;
}

/** Writes an own data property; never triggers the `__proto__` setter or inherited setters. */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** How a value is written into a template string: objects and arrays as JSON. */
export function interpolate(value: unknown, rt: Runtime): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      break;
  }
  if (value instanceof Date) return dateToString(value);
  if (value instanceof SafeRegExp) return value.toString();
  if (isCallable(value) || value instanceof Namespace) throw functionResult();
  return stringifyJson(value, rt) ?? '';
}

export function functionResult(): Error {
  return runtimeFault('The expression evaluated to a function; call it (for example $input.first()) to get a value');
}

/**
 * `JSON.stringify` reimplemented so that it charges the budget per value, caps the output size
 * (shared references can make a tiny value serialise to gigabytes), drops internal values and
 * ignores `toJSON` on anything but dates.
 */
export function stringifyJson(value: unknown, rt: Runtime, indent = ''): string | undefined {
  const parts: string[] = [];
  let length = 0;
  const ancestors = new Set<object>();
  const push = (text: string): void => {
    length += text.length;
    if (length > LIMITS.maxStringLength) throw stringTooLong();
    parts.push(text);
  };

  const write = (v: unknown, currentIndent: string): boolean => {
    rt.tick();
    if (v === null) {
      push('null');
      return true;
    }
    switch (typeof v) {
      case 'string':
        push(JSON.stringify(v));
        return true;
      case 'number':
        push(Number.isFinite(v) ? String(v) : 'null');
        return true;
      case 'boolean':
        push(v ? 'true' : 'false');
        return true;
      case 'bigint':
        throw runtimeFault('Cannot convert a BigInt to JSON');
      case 'undefined':
      case 'function':
      case 'symbol':
        return false;
      default:
        break;
    }
    if (v instanceof InternalValue) return false;
    if (v instanceof SafeRegExp) {
      push(JSON.stringify(v.toString()));
      return true;
    }
    if (v instanceof Date) {
      push(Number.isNaN(v.getTime()) ? 'null' : JSON.stringify(v.toISOString()));
      return true;
    }
    const object = v as object;
    if (ancestors.has(object)) throw runtimeFault('Cannot convert a circular structure to JSON');
    ancestors.add(object);
    const inner = indent === '' ? '' : currentIndent + indent;
    const open = indent === '' ? '' : `\n${inner}`;
    const close = indent === '' ? '' : `\n${currentIndent}`;
    if (Array.isArray(object)) {
      if (object.length === 0) push('[]');
      else {
        push(`[${open}`);
        for (let i = 0; i < object.length; i++) {
          if (i > 0) push(`,${open}`);
          if (!write(object[i], inner)) push('null');
        }
        push(`${close}]`);
      }
    } else {
      push('{');
      let first = true;
      for (const key of Object.keys(object)) {
        const mark = parts.length;
        const markLength = length;
        push(`${first ? '' : ','}${open}${JSON.stringify(key)}:${indent === '' ? '' : ' '}`);
        if (write((object as Record<string, unknown>)[key], inner)) first = false;
        else {
          parts.length = mark;
          length = markLength;
        }
      }
      push(first ? '}' : `${close}}`);
    }
    ancestors.delete(object);
    return true;
  };

  return write(value, '') ? parts.join('') : undefined;
}

const DROP = Symbol('drop');

/**
 * Makes an evaluation result safe to hand to the caller: internal values (arrow functions,
 * methods, regular expressions, library objects) are removed or converted, cycles are refused,
 * and the walk is charged to the budget and capped in estimated size, so a value built from
 * shared references cannot blow up when the caller serialises it. Unchanged sub-trees are
 * returned as they are (no copy), changed ones are copied.
 */
export function exportValue(value: unknown, rt: Runtime): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (isCallable(value) || value instanceof Namespace) throw functionResult();
  const exported = new Exporter(rt).visit(value);
  return exported === DROP ? undefined : exported;
}

class Exporter {
  private size = 0;
  private readonly ancestors = new Set<object>();

  constructor(private readonly rt: Runtime) {}

  visit(value: unknown): unknown {
    this.rt.tick();
    switch (typeof value) {
      case 'string':
        this.grow(value.length + 2);
        return value;
      case 'function':
      case 'symbol':
        return DROP;
      case 'object':
        break;
      default:
        this.grow(8);
        return value;
    }
    if (value === null) {
      this.grow(4);
      return value;
    }
    if (value instanceof InternalValue) return DROP;
    if (value instanceof SafeRegExp) return this.visit(value.toString());
    if (value instanceof Date) {
      this.grow(26);
      return value;
    }
    if (this.ancestors.has(value)) throw runtimeFault('The result contains a circular reference');
    this.ancestors.add(value);
    const result = Array.isArray(value) ? this.visitArray(value) : this.visitObject(value as Record<string, unknown>);
    this.ancestors.delete(value);
    return result;
  }

  private visitArray(array: readonly unknown[]): unknown[] {
    let copy: unknown[] | null = null;
    this.grow(2);
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      const exported = this.visit(item);
      this.grow(1);
      if (exported !== item && copy === null) copy = array.slice(0, i);
      if (copy !== null) copy.push(exported === DROP ? undefined : exported);
    }
    return copy ?? (array as unknown[]);
  }

  private visitObject(object: Record<string, unknown>): Record<string, unknown> {
    let copy: Record<string, unknown> | null = null;
    const keys = Object.keys(object);
    this.grow(2);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const item = object[key];
      const exported = this.visit(item);
      this.grow(key.length + 4);
      if (exported !== item && copy === null) {
        copy = {};
        for (let j = 0; j < i; j++) defineOwn(copy, keys[j]!, object[keys[j]!]);
      }
      if (copy !== null && exported !== DROP) defineOwn(copy, key, exported);
    }
    return copy ?? object;
  }

  private grow(bytes: number): void {
    this.size += bytes;
    if (this.size > LIMITS.maxResultSize) {
      throw runtimeFault(`The result is larger than the limit of ${LIMITS.maxResultSize >> 20} MB`);
    }
  }
}

/** A short type name for error messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (value instanceof SafeRegExp) return 'a regular expression';
  if (isCallable(value)) return 'a function';
  const type = typeof value;
  if (type === 'object') return 'an object';
  if (type === 'undefined') return 'undefined';
  return `a ${type}`;
}
