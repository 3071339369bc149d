import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { z } from 'zod';

/**
 * A version restore is applied by the server, yet it should be one step on the restoring
 * user's own undo stack. So right before the server applies the restore update, it sends every
 * client a stateless notice carrying that update; the restoring editor applies it first, with
 * its own undo origin (`captureOwnRestores`), and the copy arriving through sync is then a no-op.
 */
export const RESTORE_NOTICE_TYPE = 'flowforge.restore';

export const RestoreNoticeSchema = z.object({
  type: z.literal(RESTORE_NOTICE_TYPE),
  restoreId: z.string(),
  userId: z.string(),
  /** The Y.Doc clientID of the editor that asked, when it said; otherwise every tab of the user. */
  clientId: z.number().int().optional(),
  versionId: z.string(),
  versionNumber: z.number().int(),
  /** The restore's Yjs update, base64. */
  update: z.string(),
});
export type RestoreNotice = z.infer<typeof RestoreNoticeSchema>;

export function encodeRestoreNotice(notice: Omit<RestoreNotice, 'type' | 'update'>, update: Uint8Array): string {
  return JSON.stringify({ ...notice, type: RESTORE_NOTICE_TYPE, update: toBase64(update) });
}

export function parseRestoreNotice(payload: string): RestoreNotice | null {
  try {
    const parsed = RestoreNoticeSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type CaptureOptions = {
  doc: Y.Doc;
  undo: Y.UndoManager;
  /** The origin the undo manager tracks (this editor's local origin). */
  origin: unknown;
  userId: string;
  clientId?: number;
};

/**
 * Returns a handler for the provider's `stateless` event. It applies this user's restores as one
 * local, undoable transaction and reports whether the payload was such a notice.
 */
export function captureOwnRestores(opts: CaptureOptions): (payload: string) => boolean {
  return (payload) => {
    const notice = parseRestoreNotice(payload);
    if (!notice || notice.userId !== opts.userId) return false;
    if (notice.clientId !== undefined && opts.clientId !== undefined && notice.clientId !== opts.clientId) return false;
    opts.undo.stopCapturing();
    Y.applyUpdate(opts.doc, fromBase64(notice.update), opts.origin);
    opts.undo.stopCapturing();
    return true;
  };
}
