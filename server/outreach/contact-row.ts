import type { PrismaClient } from '../../generated/prisma/client.ts';
import { columnName } from '../data-tables/field-path.ts';
import { findTableId } from '../data-tables/table-names.ts';
import { STAGES, STAGE_OF, type OutreachEventKind } from './stages.ts';

export type ContactRef = { table: string; keyField: string; keyValue: string };

/** Row fields an event sets: a flag, and the time it first happened. */
const FIELDS: Partial<Record<OutreachEventKind, { flag: string; at: string }>> = {
  open: { flag: 'opened', at: 'openedAt' },
  click: { flag: 'clicked', at: 'clickedAt' },
  reply: { flag: 'replied', at: 'repliedAt' },
  bounce: { flag: 'bounced', at: 'bouncedAt' },
};

/**
 * Marks an open, click, reply or bounce on the contact's data-table row in one statement:
 * sets the flag (`opened: true` …), the first time it happened (`openedAt` …, kept once
 * set) and raises `stage` unless the row is already further along. Returns the rows
 * changed (0 when the table or row is gone). The key matches as text, ignoring case, so
 * "Jane@Acme.io" finds the row of "jane@acme.io" and "42" the row keyed by the number 42.
 */
export async function markContactRow(db: PrismaClient, workspaceId: string, contact: ContactRef, kind: OutreachEventKind, at: Date): Promise<number> {
  const fields = FIELDS[kind];
  if (!fields) return 0;
  let keyField: string;
  try {
    keyField = columnName(contact.keyField);
  } catch {
    return 0;
  }
  const tableId = await findTableId(db, workspaceId, contact.table).catch(() => null);
  if (!tableId) return 0;
  const stage = STAGE_OF[kind];
  return db.$executeRawUnsafe(
    `UPDATE data_rows SET
       data = data
         || jsonb_build_object($3::text, true, $4::text, COALESCE(data -> $4::text, to_jsonb($5::text)))
         || CASE WHEN COALESCE(array_position($6::text[], data ->> 'stage'), 0) < array_position($6::text[], $7::text)
              THEN jsonb_build_object('stage', $7::text) ELSE '{}'::jsonb END,
       "updatedAt" = $5::timestamp(3)
     WHERE "tableId" = $1 AND lower(data ->> $2::text) = lower($8::text)`,
    tableId,
    keyField,
    fields.flag,
    fields.at,
    at.toISOString(),
    [...STAGES],
    stage,
    String(contact.keyValue),
  );
}
