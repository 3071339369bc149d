import { z } from 'zod';
import { NodeError } from '../errors.ts';
import type { Item, JsonObject, PortItems } from '../items.ts';
import { defineNode, type PortDef } from '../node-api.ts';
import { requireService, type DataFilter, type DataFilterOp, type DataRow } from '../workspace-services.ts';

const FILTER_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'in', 'exists', 'notExists'] as const satisfies readonly DataFilterOp[];

/** Where a row's own id and timestamps go on an output item: one reserved key, dropped again on writes. */
export const ROW_META_KEY = '_row';

const Column = z.object({
  name: z.string().min(1).describe('Column; dots write nested fields (company.domain)'),
  value: z.unknown().describe('Value, usually an expression such as {{ $json.email }}'),
});

const Filter = z.object({
  field: z.string().min(1).describe('Column to test; dots address nested fields'),
  op: z.enum(FILTER_OPS).default('eq').describe('eq, neq, gt, gte, lt, lte, contains, in (a list or comma-separated text), exists, notExists'),
  value: z.unknown().optional().describe('Value to compare with, e.g. {{ $json.email }} (not used by exists/notExists)'),
});

export const DataTableParams = z.object({
  table: z.string().min(1).describe('Name of the workspace data table, e.g. contacts (an insert or upsert creates it)'),
  operation: z
    .enum(['insert', 'upsert', 'insertIfNew', 'find', 'exists', 'update', 'delete'])
    .default('insert')
    .describe('insert a row; upsert by key columns; insertIfNew: add the row unless its key exists, routing the item New/Existing; find rows; exists: route the item by whether a row matches; update rows; delete rows'),
  dataMode: z
    .enum(['columns', 'itemFields'])
    .default('columns')
    .describe('What insert, upsert and update write: the columns listed, or every field of the item plus the columns listed'),
  columns: z.array(Column).default([]).describe('Columns to write (insert, upsert: the row; update: the changes)'),
  keyFields: z.array(z.string().min(1)).default([]).describe('upsert, insertIfNew: top-level columns that identify a row, e.g. email'),
  filters: z.array(Filter).default([]).describe('Conditions a row must meet, all of them (find, exists, update, delete)'),
  limit: z.number().int().min(1).max(1000).default(100).describe('find: most rows to return'),
  sortField: z.string().default('').describe('find: column to sort by (empty: oldest row first)'),
  sortDirection: z.enum(['asc', 'desc']).default('asc').describe('find: sort direction'),
  rowField: z.string().default('').describe('exists, insertIfNew: put the row in this field of the item (empty: item unchanged)'),
});
type DataTableParams = z.output<typeof DataTableParams>;

const FOUND_PORTS: readonly PortDef[] = [
  { name: 'found', label: 'Found' },
  { name: 'notFound', label: 'Not found' },
];
const NEW_PORTS: readonly PortDef[] = [
  { name: 'new', label: 'New' },
  { name: 'existing', label: 'Existing' },
];
const MAIN_PORTS: readonly PortDef[] = [{ name: 'main' }];

/** A stored row as an item: its columns, plus id and timestamps under `_row`. */
export function rowItem(row: DataRow): Item {
  return { json: { ...row.data, [ROW_META_KEY]: { id: row.id, createdAt: row.createdAt, updatedAt: row.updatedAt } } };
}

/** Writes `value` at a dotted path of `target` (in place). */
function assign(target: JsonObject, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) at[part] = {};
    at = at[part] as JsonObject;
  }
  at[parts[parts.length - 1] as string] = value;
}

/** The row (or patch) to write for the current item. Undefined values are stored as null. */
function rowData(p: DataTableParams, item: Item | undefined): JsonObject {
  const data: JsonObject = {};
  if (p.dataMode === 'itemFields' && item) {
    for (const [key, value] of Object.entries(item.json)) if (key !== ROW_META_KEY) data[key] = structuredClone(value);
  }
  for (const column of p.columns) assign(data, column.name, column.value === undefined ? null : column.value);
  if (Object.keys(data).length === 0) {
    throw new NodeError(`Nothing to write: add columns${p.dataMode === 'columns' ? ', or write the item\'s fields (dataMode itemFields)' : ''}`, {
      code: 'DATA_TABLE_NOTHING_TO_WRITE',
      field: 'params.columns',
      retryable: false,
    });
  }
  return data;
}

function filtersOf(p: DataTableParams): DataFilter[] {
  return p.filters.map((f) => {
    let value = f.value;
    // "in" typed as text in the editor: "new, contacted" is a list.
    if (f.op === 'in' && typeof value === 'string') value = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
    return f.op === 'exists' || f.op === 'notExists' ? { field: f.field, op: f.op } : { field: f.field, op: f.op, value: value ?? null };
  });
}

function needFilters(p: DataTableParams): DataFilter[] {
  const filters = filtersOf(p);
  if (filters.length === 0) {
    throw new NodeError(`${p.operation === 'update' ? 'Update' : 'Delete'} needs at least one filter, so it never touches every row by accident`, {
      code: 'DATA_TABLE_NO_FILTER',
      field: 'params.filters',
      retryable: false,
    });
  }
  return filters;
}

export const dataTable = defineNode({
  type: 'core.dataTable',
  version: 1,
  displayName: 'Data Table',
  description: 'Reads and writes the workspace\'s data tables: insert, upsert, find, exists, update, delete.',
  docs: [
    'Works on a data table of the workspace, by **table** name (browse them on the Data tables page). Runs once per item;',
    'column values and filter values take expressions such as `{{ $json.email }}`.',
    '- **insert**: writes a row. **upsert**: writes a row or merges into the row with the same **keyFields** values',
    '  (top-level columns such as `email`; never two rows for one key, even when runs race). Both create a missing table.',
    '  What is written: the **columns** listed, or with **dataMode** itemFields every field of the item plus the columns.',
    '  Output: the stored row.',
    '- **insertIfNew**: writes the row unless a row with the same **keyFields** values exists, and routes the INPUT item',
    '  to **New** (it was written now) or **Existing**. Atomic per key: of two items, runs or workers racing for one',
    '  contact exactly one goes to New — the safe way to "email each contact once". With **rowField** the row is attached.',
    '- **find**: the rows matching all **filters** (`{ field, op, value }`; ops eq, neq, gt, gte, lt, lte, contains —',
    '  case-insensitive substring or array element —, in, exists, notExists), up to **limit**, sorted by **sortField**.',
    '  One output item per row; no match, no item.',
    '- **exists**: routes the INPUT item to **Found** or **Not found** by whether a row matches the filters — the way to',
    '  "skip contacts already in the table": filter `email eq {{ $json.email }}`, continue from Not found. With **rowField**',
    '  the matching row is attached to found items. A table that does not exist yet fails (TABLE_NOT_FOUND) instead of',
    '  calling every item new, so a mistyped name never causes duplicates: create the table first (Data tables page).',
    '- **update**: merges the columns into every matching row; outputs the updated rows. **delete**: removes matching rows;',
    '  outputs the input item with `deleted` (the count). Both need at least one filter.',
    'Row items carry the row\'s `{ id, createdAt, updatedAt }` under `_row` (never written back by itemFields).',
    'Errors: `TABLE_NOT_FOUND` (find/exists/update/delete on a table that does not exist), `KEY_MISSING` (an upserted row',
    'without a key value), `INVALID_FIELD`, `INVALID_FILTER`, `DATA_TABLE_NO_FILTER`, `DATA_TABLE_NOTHING_TO_WRITE`.',
  ].join('\n'),
  category: 'data',
  icon: '🗃️',
  inputs: [{ name: 'main' }],
  outputs: (params) => (params.operation === 'exists' ? FOUND_PORTS : params.operation === 'insertIfNew' ? NEW_PORTS : MAIN_PORTS),
  params: DataTableParams,
  async run(ctx): Promise<Item[] | PortItems> {
    const p = ctx.params;
    const store = requireService(ctx.services, 'dataTables');
    const table = p.table.trim();
    const item = ctx.item ?? { json: {} };
    switch (p.operation) {
      case 'insert':
        return (await store.insert(table, [rowData(p, ctx.item)])).map(rowItem);
      case 'upsert': {
        const keys = p.keyFields.map((k) => k.trim()).filter((k) => k !== '');
        if (keys.length === 0) throw new NodeError('Upsert needs key columns (keyFields), e.g. email', { code: 'DATA_TABLE_NO_KEY', field: 'params.keyFields', retryable: false });
        return (await store.upsert(table, keys, [rowData(p, ctx.item)])).map(rowItem);
      }
      case 'insertIfNew': {
        const keys = p.keyFields.map((k) => k.trim()).filter((k) => k !== '');
        if (keys.length === 0) throw new NodeError('Insert-if-new needs key columns (keyFields), e.g. email', { code: 'DATA_TABLE_NO_KEY', field: 'params.keyFields', retryable: false });
        const [result] = await store.insertIfAbsent(table, keys, [rowData(p, ctx.item)]);
        const rowField = p.rowField.trim();
        const routed = rowField && result ? { json: { ...item.json, [rowField]: rowItem(result.row).json } } : item;
        return result?.created ? { new: [routed] } : { existing: [routed] };
      }
      case 'find': {
        const sortField = p.sortField.trim();
        const rows = await store.find(table, {
          filters: filtersOf(p),
          limit: p.limit,
          ...(sortField ? { orderBy: { field: sortField, direction: p.sortDirection } } : {}),
        });
        return rows.map(rowItem);
      }
      case 'exists': {
        const [row] = await store.find(table, { filters: filtersOf(p), limit: 1 });
        if (!row) return { notFound: [item] };
        const rowField = p.rowField.trim();
        return { found: [rowField ? { json: { ...item.json, [rowField]: rowItem(row).json } } : item] };
      }
      case 'update':
        return (await store.update(table, needFilters(p), rowData(p, ctx.item))).map(rowItem);
      case 'delete': {
        const deleted = await store.delete(table, needFilters(p));
        return [{ json: { ...item.json, deleted } }];
      }
    }
  },
});
