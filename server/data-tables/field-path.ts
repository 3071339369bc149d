import { DataTableError } from './data-table-error.ts';

/** Letters, digits, `_`, `-`, `$` and inner spaces ("First name"); one to 64 characters. */
const SEGMENT = /^[\p{L}\p{N}_$-](?:[\p{L}\p{N}_$ -]{0,62}[\p{L}\p{N}_$-])?$/u;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 5;

/**
 * Splits a field name ("email", "company.domain") into its path segments, refusing anything
 * that is not a plain column name. Segments go to SQL as a bound text[] parameter, never
 * into the statement text; the check is so hostile or mistyped names fail loudly.
 */
export function fieldPath(field: unknown, what = 'field'): string[] {
  if (typeof field !== 'string' || field.length === 0 || field.length > 200) {
    throw new DataTableError('INVALID_FIELD', `The ${what} name must be a non-empty string of at most 200 characters`, { field });
  }
  const segments = field.split('.');
  if (segments.length > MAX_DEPTH) {
    throw new DataTableError('INVALID_FIELD', `The ${what} "${field}" is nested deeper than ${MAX_DEPTH} levels`, { field });
  }
  for (const s of segments) {
    if (!SEGMENT.test(s) || FORBIDDEN.has(s)) {
      throw new DataTableError(
        'INVALID_FIELD',
        `The ${what} "${field}" is not a valid column name (letters, digits, _ - $ and inner spaces; dots separate nested fields)`,
        { field },
      );
    }
  }
  return segments;
}

/** A top-level column name (upsert keys, contact key fields): no dots. */
export function columnName(field: unknown, what = 'key field'): string {
  const path = fieldPath(field, what);
  if (path.length !== 1) throw new DataTableError('INVALID_FIELD', `The ${what} "${String(field)}" must be a top-level column, without dots`, { field });
  return path[0]!;
}
