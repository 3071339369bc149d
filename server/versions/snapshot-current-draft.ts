import { createVersion, type CreateVersionResult, type VersionDeps } from './create-version.ts';

/**
 * The version a run of "the current draft" references: a snapshot of the live document, or the
 * latest version when the document has not changed since (so clicking Run ten times does not
 * make ten versions). Check `version.valid` before running: invalid drafts are saved, not run.
 */
export function snapshotCurrentDraft(
  deps: VersionDeps,
  workflowId: string,
  userId: string | null,
  opts: { message?: string } = {},
): Promise<CreateVersionResult> {
  return createVersion(deps, { workflowId, authorId: userId, message: opts.message ?? 'Draft run', reuseUnchanged: true });
}
