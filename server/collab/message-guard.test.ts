import { createEncoder, toUint8Array, writeVarString, writeVarUint, writeVarUint8Array } from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CollabRefusal } from './collab-refusal.ts';
import { checkSyncMessage, readAwarenessClientIds } from './message-guard.ts';

const limits = { maxMessageBytes: 1000, maxDocumentBytes: 5000 };
const reasonOf = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (err) {
    return err instanceof CollabRefusal ? err.reason : String(err);
  }
};

describe('checkSyncMessage', () => {
  const doc = new Y.Doc();
  doc.getMap('nodes').set('a', 'x'.repeat(300));
  const update = Y.encodeStateAsUpdate(doc);

  it('accepts decodable updates and state vectors within limits', () => {
    expect(reasonOf(() => checkSyncMessage(limits, { type: 2, payload: update, documentBytes: 0 }))).toBe('ok');
    expect(reasonOf(() => checkSyncMessage(limits, { type: 0, payload: Y.encodeStateVector(doc), documentBytes: 0 }))).toBe('ok');
  });

  it('refuses garbage, oversized messages, and growth past the document limit (not shrinking)', () => {
    expect(reasonOf(() => checkSyncMessage(limits, { type: 2, payload: new Uint8Array([1, 2, 3, 250, 250]), documentBytes: 0 }))).toBe('MALFORMED_UPDATE');
    expect(reasonOf(() => checkSyncMessage(limits, { type: 1, payload: update.slice(0, 20), documentBytes: 0 }))).toBe('MALFORMED_UPDATE');
    expect(reasonOf(() => checkSyncMessage(limits, { type: 0, payload: new Uint8Array([5, 1]), documentBytes: 0 }))).toBe('MALFORMED_UPDATE');
    expect(reasonOf(() => checkSyncMessage(limits, { type: 2, payload: new Uint8Array(1001), documentBytes: 0 }))).toBe('MESSAGE_TOO_LARGE');
    expect(reasonOf(() => checkSyncMessage(limits, { type: 2, payload: update, documentBytes: 4900 }))).toBe('DOCUMENT_TOO_LARGE');
    const before = Y.encodeStateVector(doc);
    doc.getMap('nodes').delete('a');
    const deletion = Y.encodeStateAsUpdate(doc, before);
    expect(reasonOf(() => checkSyncMessage(limits, { type: 2, payload: deletion, documentBytes: 4999 }))).toBe('ok');
  });
});

describe('readAwarenessClientIds', () => {
  it('reads the client ids an awareness frame carries, and nothing from other frames', () => {
    const a = new Awareness(new Y.Doc());
    a.setLocalState({ cursor: { x: 1, y: 2 } });
    const enc = createEncoder();
    writeVarString(enc, 'doc');
    writeVarUint(enc, 1);
    writeVarUint8Array(enc, encodeAwarenessUpdate(a, [a.clientID]));
    expect(readAwarenessClientIds(toUint8Array(enc))).toEqual(new Set([a.clientID]));
    const sync = createEncoder();
    writeVarString(sync, 'doc');
    writeVarUint(sync, 0);
    expect(readAwarenessClientIds(toUint8Array(sync))).toBeNull();
    const broken = createEncoder();
    writeVarString(broken, 'doc');
    writeVarUint(broken, 1);
    writeVarUint8Array(broken, new Uint8Array([3, 1]));
    expect(reasonOf(() => readAwarenessClientIds(toUint8Array(broken)))).toBe('MALFORMED_UPDATE');
    a.destroy();
  });
});
