import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { JsonObject } from '../../engine/items.ts';
import type { DataFilter, DataRow } from '../../engine/workspace-services.ts';
import { DataTableError } from './data-table-error.ts';
import { fieldPath } from './field-path.ts';
import { filterSql, orderSql } from './filter-sql.ts';
import { PrismaDataTableStore, toDataRow, updateRows } from './prisma-data-table-store.ts';
import { SqlParams } from './sql-params.ts';
import { tableName } from './table-names.ts';
import { uuidv7 } from './uuid-v7.ts';

export type DataTableSummary = { id: string; name: string; columns: string[]; rowCount: number; createdAt: Date; updatedAt: Date };

export type RowsPageInput = {
  filters?: DataFilter[];
  /** Case-insensitive text anywhere in the row. */
  search?: string;
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
};

export type RowsPage = { rows: DataRow[]; total: number; columns: string[] };

/**
 * What the Data tables page and its API do beyond the node-facing store: list, create,
 * rename and delete tables, page through rows, and edit single rows by id. Every call is
 * scoped to the workspace; a table or row of another workspace is NOT_FOUND.
 */
export class DataTableAdmin {
  constructor(private readonly db: PrismaClient, private readonly now: () => number = Date.now) {}

  async list(workspaceId: string): Promise<DataTableSummary[]> {
    const rows = await this.db.$queryRawUnsafe<Array<Omit<DataTableSummary, 'columns' | 'rowCount'> & { columns: unknown; rowCount: bigint | number }>>(
      `SELECT t.id, t.name, t.columns, t."createdAt", t."updatedAt", (SELECT count(*) FROM data_rows r WHERE r."tableId" = t.id) AS "rowCount"
       FROM data_tables t WHERE t."workspaceId" = $1 ORDER BY lower(t.name), t.name`,
      workspaceId,
    );
    return rows.map((r) => ({ ...r, columns: columnsOf(r.columns), rowCount: Number(r.rowCount) }));
  }

  async get(workspaceId: string, tableId: string): Promise<DataTableSummary> {
    const table = (await this.list(workspaceId)).find((t) => t.id === tableId);
    if (!table) throw new DataTableError('TABLE_NOT_FOUND', 'Data table not found');
    return table;
  }

  /** CONFLICT (P2002) when the workspace already has a table of that name. */
  async create(workspaceId: string, name: string, columns?: string[]): Promise<{ id: string; name: string }> {
    const cols = columns ? [...new Set(columns.map((c) => fieldPath(c, 'column').join('.')))] : undefined;
    const table = await this.db.dataTable.create({
      data: { id: uuidv7(this.now()), workspaceId, name: tableName(name), ...(cols ? { columns: cols } : {}) },
      select: { id: true, name: true },
    });
    return table;
  }

  async rename(workspaceId: string, tableId: string, name: string): Promise<{ id: string; name: string }> {
    await this.owned(workspaceId, tableId);
    return this.db.dataTable.update({ where: { id: tableId }, data: { name: tableName(name) }, select: { id: true, name: true } });
  }

  async delete(workspaceId: string, tableId: string): Promise<void> {
    const { count } = await this.db.dataTable.deleteMany({ where: { id: tableId, workspaceId } });
    if (count === 0) throw new DataTableError('TABLE_NOT_FOUND', 'Data table not found');
  }

  /** One page of rows, the number matching, and the columns to show (declared order, then the page's other keys). */
  async rows(workspaceId: string, tableId: string, input: RowsPageInput): Promise<RowsPage> {
    const table = await this.owned(workspaceId, tableId);
    const p = new SqlParams();
    let where = `"tableId" = ${p.add(tableId)} AND ${filterSql(input.filters, p)}`;
    const search = input.search?.trim();
    if (search) where += ` AND data::text ILIKE ${p.add(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, 'text')}`;
    const countParams = p.values.slice();
    const order = orderSql(input.orderBy, p);
    const [rows, counted] = await Promise.all([
      this.db.$queryRawUnsafe<Array<{ id: string; data: JsonObject; createdAt: Date; updatedAt: Date }>>(
        `SELECT id, data, "createdAt", "updatedAt" FROM data_rows WHERE ${where} ORDER BY ${order}
         LIMIT ${p.add(input.limit, 'int')} OFFSET ${p.add(input.offset, 'int')}`,
        ...p.values,
      ),
      this.db.$queryRawUnsafe<Array<{ n: bigint | number }>>(`SELECT count(*) AS n FROM data_rows WHERE ${where}`, ...countParams),
    ]);
    const columns = columnsOf(table.columns);
    for (const r of rows) for (const k of Object.keys(r.data)) if (!columns.includes(k)) columns.push(k);
    return { rows: rows.map(toDataRow), total: Number(counted[0]?.n ?? 0), columns };
  }

  async insertRow(workspaceId: string, tableId: string, data: JsonObject): Promise<DataRow> {
    const table = await this.owned(workspaceId, tableId);
    const [row] = await new PrismaDataTableStore(this.db, workspaceId, { now: this.now }).insert(table.name, [data]);
    return row!;
  }

  /** Replaces the row's data (fields left out are removed); `merge` merges instead. */
  async updateRow(workspaceId: string, tableId: string, rowId: string, data: JsonObject, merge = false): Promise<DataRow> {
    await this.owned(workspaceId, tableId);
    const at = new Date(this.now());
    const p = new SqlParams();
    let rows: DataRow[];
    if (merge) {
      rows = await updateRows(this.db, p, `"tableId" = ${p.add(tableId)} AND id = ${p.add(rowId)}`, data, at);
    } else {
      const next = p.json(data);
      const raw = await this.db.$queryRawUnsafe<Array<{ id: string; data: JsonObject; createdAt: Date; updatedAt: Date }>>(
        `UPDATE data_rows SET data = ${next}, "updatedAt" = ${p.add(at.toISOString(), 'timestamp(3)')},
           key = CASE WHEN key IS NOT NULL AND EXISTS (
             SELECT 1 FROM jsonb_array_elements(key::jsonb) k WHERE (${next} -> (k->>0)) IS DISTINCT FROM (k->1)
           ) THEN NULL ELSE key END
         WHERE "tableId" = ${p.add(tableId)} AND id = ${p.add(rowId)}
         RETURNING id, data, "createdAt", "updatedAt"`,
        ...p.values,
      );
      rows = raw.map(toDataRow);
    }
    if (!rows[0]) throw new DataTableError('ROW_NOT_FOUND', 'Row not found');
    return rows[0];
  }

  async deleteRow(workspaceId: string, tableId: string, rowId: string): Promise<void> {
    await this.owned(workspaceId, tableId);
    const { count } = await this.db.dataRow.deleteMany({ where: { id: rowId, tableId } });
    if (count === 0) throw new DataTableError('ROW_NOT_FOUND', 'Row not found');
  }

  private async owned(workspaceId: string, tableId: string) {
    const table = await this.db.dataTable.findFirst({ where: { id: tableId, workspaceId }, select: { id: true, name: true, columns: true } });
    if (!table) throw new DataTableError('TABLE_NOT_FOUND', 'Data table not found');
    return table;
  }
}

function columnsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
}
