import type { SessionUser } from '../auth/session-cache.ts';
import { createVersion, type VersionDeps } from './create-version.ts';
import { diffVersions } from './diff-versions.ts';
import { listVersions } from './list-versions.ts';
import { restoreVersion } from './restore-version.ts';
import { snapshotCurrentDraft } from './snapshot-current-draft.ts';
import { loadVersionDetail } from './version-rows.ts';
import type { VersionRef } from './version-types.ts';

/**
 * Versions of one deployment (database, live documents, node registry) behind one object:
 * what the tRPC router and the run service call. Access checks are the caller's job.
 */
export function createVersionService(deps: VersionDeps) {
  return {
    create: (workflowId: string, authorId: string | null, message = '') => createVersion(deps, { workflowId, authorId, message }),
    /** The version for "run the current draft" (reused when the document is unchanged). */
    snapshotCurrentDraft: (workflowId: string, userId: string | null, opts?: { message?: string }) =>
      snapshotCurrentDraft(deps, workflowId, userId, opts),
    list: (workflowId: string, opts: { limit?: number; before?: number } = {}) =>
      listVersions(deps.db, { workflowId, limit: opts.limit ?? 50, ...(opts.before !== undefined ? { before: opts.before } : {}) }),
    get: (workflowId: string, versionId: string) => loadVersionDetail(deps.db, workflowId, versionId),
    diff: (workflowId: string, from: VersionRef, to: VersionRef) => diffVersions(deps, { workflowId, from, to }),
    restore: (workflowId: string, versionId: string, user: SessionUser, clientId?: number) =>
      restoreVersion(deps, { workflowId, versionId, user, ...(clientId !== undefined ? { clientId } : {}) }),
  };
}

export type VersionService = ReturnType<typeof createVersionService>;
export type { VersionDetail, VersionRef, VersionSummary } from './version-types.ts';
export { VersionError, VersionErrorCode } from './version-errors.ts';
