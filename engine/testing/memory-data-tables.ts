import { NodeError } from '../errors.ts';
import { getPath, type JsonObject } from '../items.ts';
import type { DataFilter, DataQuery, DataRow, DataTableStore } from '../workspace-services.ts';

/** Equality for filter values: same JSON, so 3 ≠ "3" but equal objects and arrays match. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

export function matchesFilter(data: JsonObject, filter: DataFilter): boolean {
  const value = getPath(data, filter.field);
  switch (filter.op) {
    case 'eq':
      return filter.value === null ? value === undefined || value === null : sameValue(value, filter.value);
    case 'neq':
      return filter.value === null ? value !== undefined && value !== null : !sameValue(value, filter.value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const c = compare(value, filter.value);
      if (c === undefined) return false;
      return filter.op === 'gt' ? c > 0 : filter.op === 'gte' ? c >= 0 : filter.op === 'lt' ? c < 0 : c <= 0;
    }
    case 'contains':
      if (typeof value === 'string') return typeof filter.value === 'string' && value.toLowerCase().includes(filter.value.toLowerCase());
      return Array.isArray(value) && value.some((v) => sameValue(v, filter.value));
    case 'in':
      return Array.isArray(filter.value) && filter.value.some((v) => sameValue(v, value));
    case 'exists':
      return value !== undefined && value !== null;
    case 'notExists':
      return value === undefined || value === null;
  }
}

/**
 * An in-memory DataTableStore for tests, with the contract of the server's: inserts and upserts
 * create a missing table, find/update/delete on a missing one fail with TABLE_NOT_FOUND, update
 * and delete need a filter, upsert keys are top-level scalars and never give two rows per key.
 * Filters: eq/neq compare JSON exactly (eq null: missing or null), contains is a case-insensitive
 * substring or an array element.
 */
export class MemoryDataTableStore implements DataTableStore {
  private readonly tables = new Map<string, DataRow[]>();
  private nextId = 1;
  /** Every call, for assertions: [method, table]. */
  readonly calls: [string, string][] = [];

  constructor(private readonly options: { tables?: string[]; now?: () => number } = {}) {
    for (const name of options.tables ?? []) this.createTable(name);
  }

  createTable(name: string): void {
    if (!this.tables.has(name)) this.tables.set(name, []);
  }

  /** The rows of a table as stored (data only), in insertion order. */
  rows(table: string): JsonObject[] {
    return (this.tables.get(table) ?? []).map((r) => r.data);
  }

  private table(name: string, method: string): DataRow[] {
    this.calls.push([method, name]);
    let rows = this.tables.get(name);
    if (!rows && (method === 'insert' || method === 'upsert')) {
      rows = [];
      this.tables.set(name, rows);
    }
    if (!rows) throw new NodeError(`Data table "${name}" does not exist in this workspace`, { code: 'TABLE_NOT_FOUND', retryable: false });
    return rows;
  }

  private requireFilters(filters: DataFilter[], what: string): void {
    if (filters.length === 0) throw new NodeError(`A ${what} needs at least one filter`, { code: 'INVALID_FILTER', retryable: false });
  }

  private stamp(): string {
    return new Date(this.options.now?.() ?? Date.now()).toISOString();
  }

  private copy(row: DataRow): DataRow {
    return structuredClone(row);
  }

  async insert(table: string, rows: JsonObject[]): Promise<DataRow[]> {
    const target = this.table(table, 'insert');
    const at = this.stamp();
    const created = rows.map((data) => ({ id: `row-${this.nextId++}`, data: structuredClone(data), createdAt: at, updatedAt: at }));
    target.push(...created);
    return created.map((r) => this.copy(r));
  }

  async upsert(table: string, keyFields: string[], rows: JsonObject[]): Promise<DataRow[]> {
    const target = this.table(table, 'upsert');
    if (keyFields.length === 0) throw new NodeError('Upsert needs 1 to 5 key columns', { code: 'INVALID_QUERY', retryable: false });
    rows.forEach((data, index) => {
      for (const field of keyFields) {
        const v = data[field];
        if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) {
          throw new NodeError(`Row ${index + 1} has no value for the key column "${field}"`, { code: 'KEY_MISSING', retryable: false });
        }
      }
    });
    const at = this.stamp();
    const out: DataRow[] = [];
    for (const data of rows) {
      const existing = target.find((r) => keyFields.every((k) => sameValue(r.data[k], data[k])));
      if (existing) {
        existing.data = { ...existing.data, ...structuredClone(data) };
        existing.updatedAt = at;
        out.push(this.copy(existing));
      } else {
        const row = { id: `row-${this.nextId++}`, data: structuredClone(data), createdAt: at, updatedAt: at };
        target.push(row);
        out.push(this.copy(row));
      }
    }
    return out;
  }

  async insertIfAbsent(table: string, keyFields: string[], rows: JsonObject[]): Promise<{ row: DataRow; created: boolean }[]> {
    const target = this.table(table, 'insert');
    if (keyFields.length === 0) throw new NodeError('Insert-if-new needs 1 to 5 key columns', { code: 'INVALID_QUERY', retryable: false });
    const out: { row: DataRow; created: boolean }[] = [];
    for (const data of rows) {
      const existing = target.find((r) => keyFields.every((k) => sameValue(r.data[k], data[k])));
      if (existing) {
        out.push({ row: this.copy(existing), created: false });
        continue;
      }
      const [row] = await this.insert(table, [data]);
      out.push({ row: row!, created: true });
    }
    return out;
  }

  async find(table: string, query: DataQuery): Promise<DataRow[]> {
    const rows = this.table(table, 'find').filter((r) => (query.filters ?? []).every((f) => matchesFilter(r.data, f)));
    if (query.orderBy) {
      const { field, direction } = query.orderBy;
      rows.sort((a, b) => {
        const c = compare(getPath(a.data, field), getPath(b.data, field)) ?? 0;
        return direction === 'desc' ? -c : c;
      });
    }
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
    return rows.slice(0, limit).map((r) => this.copy(r));
  }

  async update(table: string, filters: DataFilter[], patch: JsonObject): Promise<DataRow[]> {
    const at = this.stamp();
    this.requireFilters(filters, 'update');
    const matched = this.table(table, 'update').filter((r) => filters.every((f) => matchesFilter(r.data, f)));
    for (const row of matched) {
      row.data = { ...row.data, ...structuredClone(patch) };
      row.updatedAt = at;
    }
    return matched.map((r) => this.copy(r));
  }

  async delete(table: string, filters: DataFilter[]): Promise<number> {
    const rows = this.table(table, 'delete');
    this.requireFilters(filters, 'delete');
    const keep = rows.filter((r) => !filters.every((f) => matchesFilter(r.data, f)));
    const deleted = rows.length - keep.length;
    rows.splice(0, rows.length, ...keep);
    return deleted;
  }
}
