import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { JsonObject } from '../../engine/items.ts';
import type { DataFilter, DataQuery, DataRow, DataTableStore } from '../../engine/workspace-services.ts';
import { DataTableError } from './data-table-error.ts';
import { columnName } from './field-path.ts';
import { filterSql, limitOf, orderSql } from './filter-sql.ts';
import { SqlParams } from './sql-params.ts';
import { ensureTableId, findTableId, requireTableId, type Db } from './table-names.ts';
import { uuidv7 } from './uuid-v7.ts';

export const MAX_ROWS_PER_WRITE = 1000;
export const MAX_ROW_BYTES = 256 * 1024;
const MAX_KEY_FIELDS = 5;
const ROW_COLUMNS = `id, data, "createdAt", "updatedAt"`;

type RawRow = { id: string; data: JsonObject; createdAt: Date; updatedAt: Date };

export type DataTableStoreOptions = {
  /** Source of time for createdAt/updatedAt. Default Date.now. */
  now?: () => number;
};

/**
 * The data tables of one workspace, over PostgreSQL/PGlite (data_tables, data_rows).
 *
 * Writes create a missing table (so a workflow's first insert or upsert just works and the
 * table then shows on the Data tables page); find, update and delete on a missing table fail
 * with TABLE_NOT_FOUND naming it, so a mistyped name never reads as "no rows". Each call is
 * atomic. Upserts match on top-level key columns through a unique (tableId, key) index with
 * INSERT … ON CONFLICT, so concurrent upserts of one key leave exactly one row.
 */
export class PrismaDataTableStore implements DataTableStore {
  private readonly now: () => number;

  constructor(
    private readonly db: PrismaClient,
    readonly workspaceId: string,
    options: DataTableStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async insert(table: string, rows: JsonObject[]): Promise<DataRow[]> {
    checkRows(rows);
    if (rows.length === 0) return [];
    const at = new Date(this.now());
    const tableId = await this.tableForWrite(table, at);
    const withIds = rows.map((data) => ({ id: uuidv7(at.getTime()), data }));
    const p = new SqlParams();
    const stamp = p.add(at.toISOString(), 'timestamp(3)');
    const inserted = await this.db.$queryRawUnsafe<RawRow[]>(
      `INSERT INTO data_rows (id, "tableId", data, "createdAt", "updatedAt")
       SELECT r->>'id', ${p.add(tableId)}, r->'data', ${stamp}, ${stamp}
       FROM jsonb_array_elements(${p.json(withIds)}) r
       RETURNING ${ROW_COLUMNS}`,
      ...p.values,
    );
    await noteColumns(this.db, tableId, rows);
    return inOrder(inserted, withIds.map((r) => r.id));
  }

  async upsert(table: string, keyFields: string[], rows: JsonObject[]): Promise<DataRow[]> {
    checkRows(rows);
    if (!Array.isArray(keyFields) || keyFields.length === 0 || keyFields.length > MAX_KEY_FIELDS) {
      throw new DataTableError('INVALID_QUERY', `Upsert needs 1 to ${MAX_KEY_FIELDS} key columns`);
    }
    const fields = [...new Set(keyFields.map((f) => columnName(f)))];
    const keyed = rows.map((data, i) => ({ data, ...rowKey(fields, data, i) }));
    if (keyed.length === 0) return [];
    const at = new Date(this.now());
    const tableId = await this.tableForWrite(table, at);
    // One lock order for every caller (sorted keys), so concurrent batches cannot deadlock.
    const order = keyed.map((_, i) => i).sort((a, b) => (keyed[a]!.key < keyed[b]!.key ? -1 : keyed[a]!.key > keyed[b]!.key ? 1 : a - b));
    const results = new Array<DataRow>(keyed.length);
    await retryOnUniqueViolation(() =>
      this.db.$transaction(async (tx) => {
        for (const i of order) results[i] = await upsertOne(tx, tableId, keyed[i]!, at);
      }),
    );
    await noteColumns(this.db, tableId, rows);
    return results;
  }

  async insertIfAbsent(table: string, keyFields: string[], rows: JsonObject[]): Promise<{ row: DataRow; created: boolean }[]> {
    checkRows(rows);
    if (!Array.isArray(keyFields) || keyFields.length === 0 || keyFields.length > MAX_KEY_FIELDS) {
      throw new DataTableError('INVALID_QUERY', `Insert-if-new needs 1 to ${MAX_KEY_FIELDS} key columns`);
    }
    const fields = [...new Set(keyFields.map((f) => columnName(f)))];
    const keyed = rows.map((data, i) => ({ data, ...rowKey(fields, data, i) }));
    if (keyed.length === 0) return [];
    const at = new Date(this.now());
    const tableId = await this.tableForWrite(table, at);
    const order = keyed.map((_, i) => i).sort((a, b) => (keyed[a]!.key < keyed[b]!.key ? -1 : keyed[a]!.key > keyed[b]!.key ? 1 : a - b));
    const results = new Array<{ row: DataRow; created: boolean }>(keyed.length);
    await retryOnUniqueViolation(() =>
      this.db.$transaction(async (tx) => {
        for (const i of order) results[i] = await insertOneIfAbsent(tx, tableId, keyed[i]!, at);
      }),
    );
    await noteColumns(this.db, tableId, rows);
    return results;
  }

  async find(table: string, query: DataQuery = {}): Promise<DataRow[]> {
    const tableId = await requireTableId(this.db, this.workspaceId, table);
    const p = new SqlParams();
    const where = `"tableId" = ${p.add(tableId)} AND ${filterSql(query.filters, p)}`;
    const order = orderSql(query.orderBy, p);
    const rows = await this.db.$queryRawUnsafe<RawRow[]>(
      `SELECT ${ROW_COLUMNS} FROM data_rows WHERE ${where} ORDER BY ${order} LIMIT ${p.add(limitOf(query.limit), 'int')}`,
      ...p.values,
    );
    return rows.map(toDataRow);
  }

  async update(table: string, filters: DataFilter[], patch: JsonObject): Promise<DataRow[]> {
    const tableId = await requireTableId(this.db, this.workspaceId, table);
    requireFilters(filters, 'update');
    const p = new SqlParams();
    const where = `"tableId" = ${p.add(tableId)} AND ${filterSql(filters, p)}`;
    const rows = await updateRows(this.db, p, where, patch, new Date(this.now()));
    await noteColumns(this.db, tableId, [patch]);
    return rows;
  }

  async delete(table: string, filters: DataFilter[]): Promise<number> {
    const tableId = await requireTableId(this.db, this.workspaceId, table);
    requireFilters(filters, 'delete');
    const p = new SqlParams();
    return this.db.$executeRawUnsafe(`DELETE FROM data_rows WHERE "tableId" = ${p.add(tableId)} AND ${filterSql(filters, p)}`, ...p.values);
  }

  /** Looks first, so the common case (the table exists) writes nothing to data_tables. */
  private async tableForWrite(table: string, at: Date): Promise<string> {
    return (await findTableId(this.db, this.workspaceId, table)) ?? ensureTableId(this.db, this.workspaceId, table, at);
  }
}

/**
 * Merges `patch` into every row matching `where` (built on `p`). A row whose upsert key a
 * patch changes loses the key, so a later upsert finds it by its values instead.
 */
export async function updateRows(db: Db, p: SqlParams, where: string, patch: JsonObject, at: Date): Promise<DataRow[]> {
  checkRow(patch, 0, 'patch');
  const patchParam = p.json(patch);
  const rows = await db.$queryRawUnsafe<RawRow[]>(
    `UPDATE data_rows SET
       data = data || ${patchParam},
       "updatedAt" = ${p.add(at.toISOString(), 'timestamp(3)')},
       key = CASE WHEN key IS NOT NULL AND EXISTS (
         SELECT 1 FROM jsonb_array_elements(key::jsonb) k
         WHERE ${patchParam} ? (k->>0) AND (${patchParam} -> (k->>0)) IS DISTINCT FROM (k->1)
       ) THEN NULL ELSE key END
     WHERE ${where}
     RETURNING ${ROW_COLUMNS}`,
    ...p.values,
  );
  return rows.map(toDataRow);
}

/** One keyed row: adopt a key-less row with the same key values (written by insert), else insert or merge. */
async function upsertOne(tx: Db, tableId: string, row: { data: JsonObject; key: string; match: JsonObject }, at: Date): Promise<DataRow> {
  const stamp = at.toISOString();
  const adopted = await tx.$queryRawUnsafe<RawRow[]>(
    `UPDATE data_rows SET data = data || $1::jsonb, key = $2, "updatedAt" = $3::timestamp(3)
     WHERE id = (
       SELECT id FROM data_rows
       WHERE "tableId" = $4 AND key IS NULL AND data @> $5::jsonb
         AND NOT EXISTS (SELECT 1 FROM data_rows WHERE "tableId" = $4 AND key = $2)
       ORDER BY "createdAt", id LIMIT 1
     ) AND key IS NULL
     RETURNING ${ROW_COLUMNS}`,
    JSON.stringify(row.data),
    row.key,
    stamp,
    tableId,
    JSON.stringify(row.match),
  );
  if (adopted[0]) return toDataRow(adopted[0]);
  const upserted = await tx.$queryRawUnsafe<RawRow[]>(
    `INSERT INTO data_rows (id, "tableId", data, key, "createdAt", "updatedAt")
     VALUES ($1, $2, $3::jsonb, $4, $5::timestamp(3), $5::timestamp(3))
     ON CONFLICT ("tableId", key) DO UPDATE SET data = data_rows.data || EXCLUDED.data, "updatedAt" = EXCLUDED."updatedAt"
     RETURNING ${ROW_COLUMNS}`,
    uuidv7(at.getTime()),
    tableId,
    JSON.stringify(row.data),
    row.key,
    stamp,
  );
  return toDataRow(upserted[0]!);
}

/**
 * One keyed row unless its key exists: a key-less row with the same values (written by insert)
 * counts as existing and is adopted; otherwise INSERT … ON CONFLICT DO NOTHING decides atomically.
 */
async function insertOneIfAbsent(tx: Db, tableId: string, row: { data: JsonObject; key: string; match: JsonObject }, at: Date): Promise<{ row: DataRow; created: boolean }> {
  const stamp = at.toISOString();
  const adopted = await tx.$queryRawUnsafe<RawRow[]>(
    `UPDATE data_rows SET key = $1
     WHERE id = (
       SELECT id FROM data_rows
       WHERE "tableId" = $2 AND key IS NULL AND data @> $3::jsonb
         AND NOT EXISTS (SELECT 1 FROM data_rows WHERE "tableId" = $2 AND key = $1)
       ORDER BY "createdAt", id LIMIT 1
     ) AND key IS NULL
     RETURNING ${ROW_COLUMNS}`,
    row.key,
    tableId,
    JSON.stringify(row.match),
  );
  if (adopted[0]) return { row: toDataRow(adopted[0]), created: false };
  const inserted = await tx.$queryRawUnsafe<RawRow[]>(
    `INSERT INTO data_rows (id, "tableId", data, key, "createdAt", "updatedAt")
     VALUES ($1, $2, $3::jsonb, $4, $5::timestamp(3), $5::timestamp(3))
     ON CONFLICT ("tableId", key) DO NOTHING
     RETURNING ${ROW_COLUMNS}`,
    uuidv7(at.getTime()),
    tableId,
    JSON.stringify(row.data),
    row.key,
    stamp,
  );
  if (inserted[0]) return { row: toDataRow(inserted[0]), created: true };
  const existing = await tx.$queryRawUnsafe<RawRow[]>(`SELECT ${ROW_COLUMNS} FROM data_rows WHERE "tableId" = $1 AND key = $2`, tableId, row.key);
  return { row: toDataRow(existing[0]!), created: false };
}

/** The row's key: JSON of [field, value] pairs, and the containment object that finds it. */
function rowKey(fields: readonly string[], data: JsonObject, index: number): { key: string; match: JsonObject } {
  const pairs: Array<[string, string | number | boolean]> = [];
  const match: JsonObject = {};
  for (const f of fields) {
    const v = data[f];
    if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new DataTableError(
        'KEY_MISSING',
        v === undefined || v === null
          ? `Row ${index + 1} has no value for the key column "${f}"`
          : `Row ${index + 1}: the key column "${f}" must hold a string, number or boolean`,
        { row: index, field: f },
      );
    }
    pairs.push([f, v]);
    match[f] = v;
  }
  return { key: JSON.stringify(pairs), match };
}

/** Appends columns first seen in `rows` to the table's column order (for the table view). */
async function noteColumns(db: Db, tableId: string, rows: readonly JsonObject[]): Promise<void> {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].slice(0, 500);
  if (keys.length === 0) return;
  await db.$executeRawUnsafe(
    `UPDATE data_tables t SET columns = COALESCE(t.columns, '[]'::jsonb) || (
       SELECT COALESCE(jsonb_agg(k ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements_text($2::jsonb) WITH ORDINALITY AS e(k, n)
       WHERE NOT COALESCE(t.columns, '[]'::jsonb) ? k
     )
     WHERE t.id = $1 AND EXISTS (
       SELECT 1 FROM jsonb_array_elements_text($2::jsonb) k WHERE NOT COALESCE(t.columns, '[]'::jsonb) ? k
     )`,
    tableId,
    JSON.stringify(keys),
  );
}

function checkRows(rows: unknown): asserts rows is JsonObject[] {
  if (!Array.isArray(rows)) throw new DataTableError('INVALID_ROW', 'Rows must be a list of objects');
  if (rows.length > MAX_ROWS_PER_WRITE) throw new DataTableError('INVALID_ROW', `At most ${MAX_ROWS_PER_WRITE} rows per write (got ${rows.length})`);
  rows.forEach((r, i) => checkRow(r, i, 'row'));
}

function checkRow(row: unknown, index: number, what: string): void {
  if (!row || typeof row !== 'object' || Array.isArray(row)) {
    throw new DataTableError('INVALID_ROW', `${what === 'row' ? `Row ${index + 1}` : 'The patch'} must be an object of column values`);
  }
  const size = Buffer.byteLength(JSON.stringify(row));
  if (size > MAX_ROW_BYTES) {
    throw new DataTableError('INVALID_ROW', `${what === 'row' ? `Row ${index + 1}` : 'The patch'} is ${size} bytes; a row holds at most ${MAX_ROW_BYTES}`);
  }
}

function requireFilters(filters: unknown, what: string): void {
  if (!Array.isArray(filters) || filters.length === 0) {
    throw new DataTableError('INVALID_FILTER', `A ${what} needs at least one filter (to empty a table, delete it on the Data tables page)`);
  }
}

export function toDataRow(r: RawRow): DataRow {
  return { id: r.id, data: r.data, createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.updatedAt).toISOString() };
}

function inOrder(rows: RawRow[], ids: string[]): DataRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => toDataRow(byId.get(id)!));
}

/** A concurrent writer can take a key between our read and write; the second attempt sees it. */
async function retryOnUniqueViolation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return work();
  }
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string; meta?: { code?: string }; cause?: { kind?: string; originalCode?: string } };
  return e?.code === 'P2002' || e?.meta?.code === '23505' || e?.cause?.originalCode === '23505' || /23505|unique constraint/i.test(String(e?.message ?? ''));
}
