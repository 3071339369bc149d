import type { CompileError } from '../../engine/compile.ts';
import { parseDefinitionStructure, type WorkflowDefinition } from '../../engine/definition.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { VersionError } from './version-errors.ts';
import type { VersionDetail, VersionSummary } from './version-types.ts';

/** The columns a summary needs (never the Yjs bytes). */
export const versionSelect = {
  id: true,
  workflowId: true,
  number: true,
  message: true,
  valid: true,
  errors: true,
  authorId: true,
  createdAt: true,
} as const;

export type VersionRow = {
  id: string;
  workflowId: string;
  number: number;
  message: string;
  valid: boolean;
  errors: unknown;
  authorId: string | null;
  createdAt: Date;
};

/** Author names for a page of versions, in one query. */
export async function authorsOf(db: PrismaClient, rows: readonly VersionRow[]): Promise<Map<string, { id: string; name: string }>> {
  const ids = [...new Set(rows.map((r) => r.authorId).filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u]));
}

const errorsOf = (row: VersionRow): CompileError[] => (Array.isArray(row.errors) ? (row.errors as CompileError[]) : []);

export function toSummary(row: VersionRow, authors: Map<string, { id: string; name: string }>): VersionSummary {
  return {
    id: row.id,
    workflowId: row.workflowId,
    number: row.number,
    message: row.message,
    valid: row.valid,
    errorCount: errorsOf(row).length,
    createdAt: row.createdAt,
    author: row.authorId ? (authors.get(row.authorId) ?? { id: row.authorId, name: '' }) : null,
  };
}

/** A stored definition, upgraded to the current schema when it was saved by an older one. */
export function storedDefinition(json: unknown): WorkflowDefinition {
  const parsed = parseDefinitionStructure(json);
  return parsed.ok ? parsed.definition : (json as WorkflowDefinition);
}

export async function loadVersionDetail(db: PrismaClient, workflowId: string, versionId: string): Promise<VersionDetail> {
  const row = await db.workflowVersion.findFirst({
    where: { id: versionId, workflowId },
    select: { ...versionSelect, definition: true },
  });
  if (!row) throw new VersionError('VERSION_NOT_FOUND', 'Version not found');
  const authors = await authorsOf(db, [row]);
  return { ...toSummary(row, authors), definition: storedDefinition(row.definition), errors: errorsOf(row) };
}
