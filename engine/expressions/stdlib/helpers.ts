import { InternalValue } from '../values.ts';
import { type FunctionSpec, fn } from './define.ts';

/** Whether a value is "empty": null, undefined, '', [] or an object without own properties. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !(value instanceof Date) && !(value instanceof InternalValue)) {
    return Object.keys(value).length === 0;
  }
  return false;
}

export const HELPER_FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  $if: fn('$if(condition: unknown, then: unknown, otherwise?: unknown): unknown', 'then when condition is truthy, otherwise the third argument (both are evaluated).', (_, a) => (a[0] ? a[1] : a[2])),
  $isEmpty: fn('$isEmpty(value: unknown): boolean', "True for null, undefined, '', [] and {}.", (_, a) => isEmpty(a[0])),
  $ifEmpty: fn('$ifEmpty(value: unknown, fallback: unknown): unknown', 'fallback when value is empty (see $isEmpty), otherwise value.', (_, a) => (isEmpty(a[0]) ? a[1] : a[0])),
};
