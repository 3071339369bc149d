import type { PrismaClient } from '../../generated/prisma/client.ts';

/**
 * Where live documents rest: the workflow row's `ydoc` column (Y.encodeStateAsUpdate). Loaded
 * on a document's first connect, written debounced while it is edited and when it unloads.
 */
export type DocumentStore = {
  /** The stored state; null when the workflow has none yet; undefined when the workflow is gone. */
  load(workflowId: string): Promise<Uint8Array | null | undefined>;
  /** False when the workflow no longer exists (deleted while open). */
  save(workflowId: string, state: Uint8Array): Promise<boolean>;
};

export function createDocumentStore(db: PrismaClient): DocumentStore {
  return {
    async load(workflowId) {
      const row = await db.workflow.findUnique({ where: { id: workflowId }, select: { ydoc: true } });
      if (!row) return undefined;
      return row.ydoc && row.ydoc.byteLength > 0 ? new Uint8Array(row.ydoc) : null;
    },
    async save(workflowId, state) {
      const { count } = await db.workflow.updateMany({
        where: { id: workflowId },
        data: { ydoc: new Uint8Array(state) as Uint8Array<ArrayBuffer> },
      });
      return count > 0;
    },
  };
}
