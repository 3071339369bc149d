import * as Y from 'yjs';
import { CollabRefusal } from './collab-refusal.ts';
import type { CollabLimits } from './collab-limits.ts';

/** y-protocols sync message types. */
const SYNC_STEP_1 = 0;

/**
 * Checks one incoming sync message before Hocuspocus applies it: it must decode as a Yjs state
 * vector or update, and an update must not grow the document past the limit (deletions always
 * pass, so an oversized document can still be cleaned up). Throws a CollabRefusal, which closes
 * that document's connection; the document is untouched.
 */
export function checkSyncMessage(
  limits: Pick<CollabLimits, 'maxMessageBytes' | 'maxDocumentBytes'>,
  message: { type: number; payload: Uint8Array; documentBytes: number },
): void {
  if (message.payload.byteLength > limits.maxMessageBytes) throw new CollabRefusal('MESSAGE_TOO_LARGE');
  if (message.type === SYNC_STEP_1) {
    try {
      Y.decodeStateVector(message.payload);
    } catch {
      throw new CollabRefusal('MALFORMED_UPDATE');
    }
    return;
  }
  let structs: number;
  try {
    structs = Y.decodeUpdate(message.payload).structs.length;
  } catch {
    throw new CollabRefusal('MALFORMED_UPDATE');
  }
  if (structs > 0 && message.documentBytes + message.payload.byteLength > limits.maxDocumentBytes) {
    throw new CollabRefusal('DOCUMENT_TOO_LARGE');
  }
}
