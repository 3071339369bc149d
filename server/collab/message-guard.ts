import * as decoding from 'lib0/decoding';
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

/** Hocuspocus message type of awareness updates. */
const AWARENESS_MESSAGE = 1;

/**
 * The client ids an awareness message speaks for, read from the raw frame (document name,
 * message type, then a y-protocols awareness update); null for any other message type.
 */
export function readAwarenessClientIds(message: Uint8Array): Set<number> | null {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== AWARENESS_MESSAGE) return null;
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const ids = new Set<number>();
    for (let n = decoding.readVarUint(update); n > 0; n--) {
      ids.add(decoding.readVarUint(update));
      decoding.readVarUint(update);
      decoding.readVarString(update);
    }
    return ids;
  } catch {
    throw new CollabRefusal('MALFORMED_UPDATE');
  }
}
