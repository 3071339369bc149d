import type { PrismaClient } from '../../generated/prisma/client.ts';
import { authorsOf, toSummary, versionSelect } from './version-rows.ts';
import type { VersionSummary } from './version-types.ts';

export type ListVersionsInput = { workflowId: string; limit: number; /** Continue below this version number. */ before?: number };

/** Newest first; `nextBefore` continues the list. */
export async function listVersions(db: PrismaClient, input: ListVersionsInput): Promise<{ items: VersionSummary[]; nextBefore: number | null }> {
  const rows = await db.workflowVersion.findMany({
    where: { workflowId: input.workflowId, ...(input.before !== undefined ? { number: { lt: input.before } } : {}) },
    orderBy: { number: 'desc' },
    take: input.limit + 1,
    select: versionSelect,
  });
  const page = rows.slice(0, input.limit);
  const authors = await authorsOf(db, page);
  return { items: page.map((r) => toSummary(r, authors)), nextBefore: rows.length > input.limit ? page[page.length - 1]!.number : null };
}
