import { checkStringLength, toNumberValue, toStringValue } from '../coerce.ts';
import { runtimeFault } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import type { MethodSpec, Runtime } from '../values.ts';
import { argFunction, argInteger, argString, relativeIndex } from './args.ts';

type ArrayMethod = MethodSpec<readonly unknown[]>;

function method(
  signature: string,
  doc: string,
  fn: (rt: Runtime, self: readonly unknown[], args: unknown[]) => unknown,
): ArrayMethod {
  return { signature, doc, fn };
}

function checkLength(length: number): void {
  if (length > LIMITS.maxArrayLength) throw runtimeFault(`Array would be longer than the limit of ${LIMITS.maxArrayLength} items`);
}

/** Calls `fn(item, index, array)` for each item until `visit` returns true; returns that index or -1. */
function each(rt: Runtime, array: readonly unknown[], fn: unknown, visit: (result: unknown, index: number) => boolean, reverse = false): number {
  const length = array.length;
  for (let k = 0; k < length; k++) {
    const i = reverse ? length - 1 - k : k;
    if (visit(rt.call(fn, [array[i], i, array]), i)) return i;
  }
  return -1;
}

function defaultCompare(a: unknown, b: unknown): number {
  const sa = toStringValue(a);
  const sb = toStringValue(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function sorted(rt: Runtime, array: readonly unknown[], comparator: unknown): unknown[] {
  const copy = array.slice();
  rt.tick(1 + Math.ceil(copy.length * Math.log2(copy.length + 1)));
  if (comparator === undefined) return copy.sort(defaultCompare);
  const fn = argFunction([comparator], 0, 'sort');
  return copy.sort((a, b) => {
    const order = toNumberValue(rt.call(fn, [a, b]));
    return Number.isNaN(order) ? 0 : order;
  });
}

function reduce(rt: Runtime, array: readonly unknown[], args: unknown[], fromRight: boolean): unknown {
  const fn = argFunction(args, 0, fromRight ? 'reduceRight' : 'reduce');
  const length = array.length;
  let k = 0;
  let accumulator: unknown;
  if (args.length >= 2) accumulator = args[1];
  else {
    if (length === 0) throw runtimeFault('reduce() of an empty array needs an initial value');
    accumulator = array[fromRight ? length - 1 : 0];
    k = 1;
  }
  for (; k < length; k++) {
    const i = fromRight ? length - 1 - k : k;
    accumulator = rt.call(fn, [accumulator, array[i], i, array]);
  }
  return accumulator;
}

function flatten(rt: Runtime, array: readonly unknown[], depth: number, out: unknown[]): unknown[] {
  for (const item of array) {
    rt.tick();
    if (Array.isArray(item) && depth > 0) flatten(rt, item, depth - 1, out);
    else {
      out.push(item);
      checkLength(out.length);
    }
  }
  return out;
}

/** Whitelisted methods of arrays. None mutates: `sort` and `reverse` return sorted/reversed copies. */
export const ARRAY_METHODS: ReadonlyMap<string, ArrayMethod> = new Map<string, ArrayMethod>([
  ['at', method('at(index: number): unknown', 'Item at index; negative counts from the end.', (_, arr, a) => arr.at(argInteger(a, 0, 0)))],
  ['concat', method('concat(...items: unknown[]): unknown[]', 'A new array with the items (arrays are spread one level).', (rt, arr, a) => {
    const out = arr.slice();
    for (const item of a) {
      if (Array.isArray(item)) {
        checkLength(out.length + item.length);
        for (const x of item) out.push(x);
      } else out.push(item);
    }
    checkLength(out.length);
    rt.tick(1 + out.length);
    return out;
  })],
  ['every', method('every(fn: (item, index) => boolean): boolean', 'Whether fn is true for every item.', (rt, arr, a) => each(rt, arr, argFunction(a, 0, 'every'), (r) => !r) < 0)],
  ['some', method('some(fn: (item, index) => boolean): boolean', 'Whether fn is true for at least one item.', (rt, arr, a) => each(rt, arr, argFunction(a, 0, 'some'), (r) => !!r) >= 0)],
  ['filter', method('filter(fn: (item, index) => boolean): unknown[]', 'The items for which fn is true.', (rt, arr, a) => {
    const fn = argFunction(a, 0, 'filter');
    const out: unknown[] = [];
    each(rt, arr, fn, (r, i) => {
      if (r) out.push(arr[i]);
      return false;
    });
    return out;
  })],
  ['find', method('find(fn: (item, index) => boolean): unknown', 'The first item for which fn is true, or undefined.', (rt, arr, a) => arr[each(rt, arr, argFunction(a, 0, 'find'), (r) => !!r)])],
  ['findIndex', method('findIndex(fn: (item, index) => boolean): number', 'Index of the first item for which fn is true, or -1.', (rt, arr, a) => each(rt, arr, argFunction(a, 0, 'findIndex'), (r) => !!r))],
  ['findLast', method('findLast(fn: (item, index) => boolean): unknown', 'The last item for which fn is true, or undefined.', (rt, arr, a) => arr[each(rt, arr, argFunction(a, 0, 'findLast'), (r) => !!r, true)])],
  ['findLastIndex', method('findLastIndex(fn: (item, index) => boolean): number', 'Index of the last item for which fn is true, or -1.', (rt, arr, a) => each(rt, arr, argFunction(a, 0, 'findLastIndex'), (r) => !!r, true))],
  ['flat', method('flat(depth?: number): unknown[]', 'Nested arrays flattened to depth (default 1).', (rt, arr, a) => flatten(rt, arr, Math.min(argInteger(a, 0, 1), 100), []))],
  ['flatMap', method('flatMap(fn: (item, index) => unknown): unknown[]', 'map() followed by flat(1).', (rt, arr, a) => {
    const fn = argFunction(a, 0, 'flatMap');
    const mapped: unknown[] = [];
    each(rt, arr, fn, (r) => (mapped.push(r), false));
    return flatten(rt, mapped, 1, []);
  })],
  ['includes', method('includes(value: unknown, from?: number): boolean', 'Whether the array contains value.', (rt, arr, a) => {
    rt.tick(1 + arr.length);
    return arr.includes(a[0], argInteger(a, 1, 0));
  })],
  ['indexOf', method('indexOf(value: unknown, from?: number): number', 'First index of value, or -1.', (rt, arr, a) => {
    rt.tick(1 + arr.length);
    return arr.indexOf(a[0], argInteger(a, 1, 0));
  })],
  ['lastIndexOf', method('lastIndexOf(value: unknown): number', 'Last index of value, or -1.', (rt, arr, a) => {
    rt.tick(1 + arr.length);
    return arr.lastIndexOf(a[0]);
  })],
  ['join', method('join(separator?: string): string', 'Items joined into one string (default separator ",").', (rt, arr, a) => {
    const separator = argString(a, 0, ',');
    let out = '';
    for (let i = 0; i < arr.length; i++) {
      rt.tick();
      const item = arr[i];
      out += (i > 0 ? separator : '') + (item === null || item === undefined ? '' : toStringValue(item));
      checkStringLength(out);
    }
    return out;
  })],
  ['map', method('map(fn: (item, index) => unknown): unknown[]', 'A new array of fn applied to each item.', (rt, arr, a) => {
    const fn = argFunction(a, 0, 'map');
    const out = new Array<unknown>(arr.length);
    each(rt, arr, fn, (r, i) => ((out[i] = r), false));
    return out;
  })],
  ['reduce', method('reduce(fn: (accumulator, item, index) => unknown, initial?: unknown): unknown', 'Folds the items into one value, left to right.', (rt, arr, a) => reduce(rt, arr, a, false))],
  ['reduceRight', method('reduceRight(fn: (accumulator, item, index) => unknown, initial?: unknown): unknown', 'Folds the items into one value, right to left.', (rt, arr, a) => reduce(rt, arr, a, true))],
  ['reverse', method('reverse(): unknown[]', 'A reversed copy (the original is not changed).', (rt, arr) => (rt.tick(1 + arr.length), arr.slice().reverse()))],
  ['toReversed', method('toReversed(): unknown[]', 'A reversed copy.', (rt, arr) => (rt.tick(1 + arr.length), arr.slice().reverse()))],
  ['slice', method('slice(start?: number, end?: number): unknown[]', 'Part of the array; negative indexes count from the end.', (rt, arr, a) => {
    const start = relativeIndex(argInteger(a, 0, 0), arr.length);
    const end = relativeIndex(argInteger(a, 1, arr.length), arr.length);
    rt.tick(1 + Math.max(0, end - start));
    return arr.slice(start, end);
  })],
  ['sort', method('sort(compare?: (a, b) => number): unknown[]', 'A sorted copy (the original is not changed); default order compares as strings.', (rt, arr, a) => sorted(rt, arr, a[0]))],
  ['toSorted', method('toSorted(compare?: (a, b) => number): unknown[]', 'A sorted copy.', (rt, arr, a) => sorted(rt, arr, a[0]))],
]);
