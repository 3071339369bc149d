import type { PrismaClient } from '../../generated/prisma/client.ts';
import { DataTableError } from './data-table-error.ts';
import { uuidv7 } from './uuid-v7.ts';

export const MAX_TABLE_NAME = 120;

/** A table name as typed: trimmed, 1–120 characters, no control characters. */
export function tableName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  // eslint-disable-next-line no-control-regex
  if (!trimmed || trimmed.length > MAX_TABLE_NAME || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new DataTableError('TABLE_NAME_INVALID', `A data table name must be 1 to ${MAX_TABLE_NAME} characters without control characters`, { name });
  }
  return trimmed;
}

export type Db = Pick<PrismaClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/** The table's id, or null when the workspace has no table of that name. */
export async function findTableId(db: Db, workspaceId: string, name: string): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT id FROM data_tables WHERE "workspaceId" = $1 AND name = $2`,
    workspaceId,
    tableName(name),
  );
  return rows[0]?.id ?? null;
}

/** The table's id, or TABLE_NOT_FOUND naming it and the tables that do exist. */
export async function requireTableId(db: Db, workspaceId: string, name: string): Promise<string> {
  const id = await findTableId(db, workspaceId, name);
  if (id) return id;
  const existing = await db.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT name FROM data_tables WHERE "workspaceId" = $1 ORDER BY name LIMIT 20`,
    workspaceId,
  );
  const list = existing.length ? ` Existing tables: ${existing.map((t) => `"${t.name}"`).join(', ')}.` : ' This workspace has no data tables yet.';
  throw new DataTableError('TABLE_NOT_FOUND', `Data table "${tableName(name)}" does not exist in this workspace.${list} Create it on the Data tables page, or write to it first (inserts and upserts create it).`, {
    table: name,
  });
}

/** The table's id, creating it when missing (race-free: concurrent first writes make one table). */
export async function ensureTableId(db: Db, workspaceId: string, name: string, now = new Date()): Promise<string> {
  const clean = tableName(name);
  const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
    `INSERT INTO data_tables (id, "workspaceId", name, "createdAt", "updatedAt") VALUES ($1, $2, $3, $4::timestamp(3), $4::timestamp(3))
     ON CONFLICT ("workspaceId", name) DO UPDATE SET name = EXCLUDED.name
     RETURNING id`,
    uuidv7(now.getTime()),
    workspaceId,
    clean,
    now.toISOString(),
  );
  return rows[0]!.id;
}
