import { randomUUID } from 'node:crypto';
import { applyDefinition } from '../../collab/apply-definition.ts';
import { encodeRestoreNotice } from '../../collab/restore-notice.ts';
import type { SessionUser } from '../auth/session-cache.ts';
import type { VersionDeps } from './create-version.ts';
import { snapshotCurrentDraft } from './snapshot-current-draft.ts';
import { loadVersionDetail } from './version-rows.ts';
import type { VersionSummary } from './version-types.ts';

export type RestoreVersionInput = {
  workflowId: string;
  versionId: string;
  user: SessionUser;
  /** The restoring editor's Y.Doc clientID, so only that tab puts the restore on its undo stack. */
  clientId?: number;
};

export type RestoreVersionResult = {
  restoreId: string;
  restored: VersionSummary;
  /** The draft as it was just before (an existing version when unchanged): restoring it undoes this. */
  backup: VersionSummary;
  /** False when the document already equalled the version. */
  changed: boolean;
};

/**
 * Makes the live document equal to a version, as one transaction every connected editor sees.
 * It is undoable twice over: the restoring editor gets it as one step on its own undo stack
 * (through the restore notice, see collab/restore-notice.ts), and the draft before the restore
 * is kept as a version.
 */
export async function restoreVersion(deps: VersionDeps, input: RestoreVersionInput): Promise<RestoreVersionResult> {
  const { definition, errors: _errors, ...restored } = await loadVersionDetail(deps.db, input.workflowId, input.versionId);
  const backup = await snapshotCurrentDraft(deps, input.workflowId, input.user.id, { message: `Before restoring version ${restored.number}` });
  const restoreId = randomUUID();
  const { update } = await deps.collab.change(
    input.workflowId,
    (doc) => applyDefinition(doc, definition),
    { kind: 'version-restore', restoreId, userId: input.user.id },
    {
      notice: (u) =>
        encodeRestoreNotice(
          { restoreId, userId: input.user.id, versionId: restored.id, versionNumber: restored.number, ...(input.clientId !== undefined ? { clientId: input.clientId } : {}) },
          u,
        ),
    },
  );
  return { restoreId, restored, backup: backup.version, changed: update !== null };
}
