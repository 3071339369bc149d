import type { DataFilter, DataQuery } from '../../engine/workspace-services.ts';
import { DataTableError } from './data-table-error.ts';
import { fieldPath } from './field-path.ts';
import type { SqlParams } from './sql-params.ts';

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;
const MAX_IN_VALUES = 1000;
const OPS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'in', 'exists', 'notExists']);
const COMPARE = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * The SQL condition (over the `data` jsonb column of data_rows) that a row must meet for
 * every filter. Values and field paths are bound parameters; only operators chosen from a
 * fixed table reach the statement text.
 *
 * Semantics: `eq`/`neq` compare JSON values exactly (1 ≠ "1"); `eq null` means missing or
 * null, `neq null` present and not null. `gt`…`lte` compare numbers with numbers and strings
 * with strings (byte order, so ISO dates sort right); other types never match. `contains` is
 * a case-insensitive substring of a string, or an element of an array. `in` takes a list.
 * `exists` is present and not null.
 */
export function filterSql(filters: readonly DataFilter[] | undefined, p: SqlParams, column = 'data'): string {
  if (filters !== undefined && !Array.isArray(filters)) throw new DataTableError('INVALID_FILTER', 'Filters must be a list');
  const parts = (filters ?? []).map((f, i) => oneFilter(f, i, p, column));
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

function oneFilter(f: DataFilter, index: number, p: SqlParams, column: string): string {
  if (!f || typeof f !== 'object') throw new DataTableError('INVALID_FILTER', `Filter ${index + 1} is not an object`);
  if (!OPS.has(f.op)) throw new DataTableError('INVALID_FILTER', `Filter ${index + 1} has an unknown operator "${String(f.op)}"`, { op: f.op });
  const path = fieldPath(f.field, 'filter field');
  const at = p.add(path, 'text[]');
  const x = `(${column} #> ${at})`;
  const text = `(${column} #>> ${at})`;
  const bad = (why: string) => new DataTableError('INVALID_FILTER', `Filter on "${f.field}" (${f.op}): ${why}`, { field: f.field, op: f.op });

  switch (f.op) {
    case 'exists':
      return `(${x} IS NOT NULL AND ${x} <> 'null'::jsonb)`;
    case 'notExists':
      return `(${x} IS NULL OR ${x} = 'null'::jsonb)`;
    case 'eq':
    case 'neq': {
      if (f.value === undefined) throw bad('needs a value');
      if (f.value === null) return f.op === 'eq' ? `(${x} IS NULL OR ${x} = 'null'::jsonb)` : `(${x} IS NOT NULL AND ${x} <> 'null'::jsonb)`;
      const value = jsonValue(f.value, bad);
      if (f.op === 'neq') return `(${x} IS DISTINCT FROM ${p.json(value)})`;
      // Containment first lets the GIN index narrow the rows; the exact test then decides.
      const viaIndex = path.some((s) => /^\d+$/.test(s)) ? '' : `${column} @> ${p.json(nest(path, value))} AND `;
      return `(${viaIndex}${x} = ${p.json(value)})`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = COMPARE[f.op];
      if (typeof f.value === 'number') {
        if (!Number.isFinite(f.value)) throw bad('needs a finite number');
        return `(CASE WHEN jsonb_typeof(${x}) = 'number' THEN (${x})::numeric ${op} ${p.add(String(f.value), 'numeric')} ELSE false END)`;
      }
      if (typeof f.value === 'string') {
        return `(CASE WHEN jsonb_typeof(${x}) = 'string' THEN ${text} COLLATE "C" ${op} ${p.add(f.value, 'text')} COLLATE "C" ELSE false END)`;
      }
      throw bad('needs a number or a string');
    }
    case 'contains': {
      if (f.value === undefined || f.value === null) throw bad('needs a value');
      const element = p.json([jsonValue(f.value, bad)]);
      if (typeof f.value !== 'string') return `(jsonb_typeof(${x}) = 'array' AND ${x} @> ${element})`;
      const pattern = `%${f.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return `((jsonb_typeof(${x}) = 'string' AND ${text} ILIKE ${p.add(pattern, 'text')}) OR (jsonb_typeof(${x}) = 'array' AND ${x} @> ${element}))`;
    }
    case 'in': {
      if (!Array.isArray(f.value)) throw bad('needs a list of values');
      if (f.value.length > MAX_IN_VALUES) throw bad(`takes at most ${MAX_IN_VALUES} values`);
      if (f.value.length === 0) return `(${x} IS NULL AND FALSE)`; // binds the path, matches nothing
      return `(${x} IN (SELECT jsonb_array_elements(${p.json(jsonValue(f.value, bad))})))`;
    }
  }
}

/** ORDER BY for a query: the data field (missing last), then creation order for stability. */
export function orderSql(orderBy: DataQuery['orderBy'], p: SqlParams): string {
  const stable = `"createdAt" ASC, id ASC`;
  if (orderBy === undefined) return stable;
  if (!orderBy || typeof orderBy !== 'object') throw new DataTableError('INVALID_QUERY', 'orderBy must be { field, direction }');
  const direction = orderBy.direction ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') throw new DataTableError('INVALID_QUERY', 'orderBy.direction must be "asc" or "desc"');
  const at = p.add(fieldPath(orderBy.field, 'sort field'), 'text[]');
  return `(data #> ${at}) ${direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, ${stable}`;
}

export function limitOf(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new DataTableError('INVALID_QUERY', `limit must be a whole number from 1 to ${MAX_LIMIT}`, { limit });
  }
  return limit;
}

/** `{ a: { b: value } }` for the path ['a', 'b']. */
function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** Values must survive a JSON round trip unchanged (no undefined, functions, NaN). */
function jsonValue(value: unknown, bad: (why: string) => Error): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) throw bad('has a value that is not JSON');
  return JSON.parse(text) as unknown;
}
