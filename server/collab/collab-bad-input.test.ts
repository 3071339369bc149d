import { createEncoder, toUint8Array, writeVarString, writeVarUint, writeVarUint8Array } from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDefinition } from '../../engine/definition.ts';
import { addNode, removeNode } from '../../collab/ops/nodes.ts';
import { setParam } from '../../collab/ops/params.ts';
import { findViolations } from '../../collab/schema-guard.ts';
import { definitionFromDoc, edgesOf, nodesOf } from '../../collab/workflow-doc.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { collabFixture, type CollabFixture } from './testing/collab-fixture.ts';
import { converged, cookieOf, eventually, openDoc, type DocClient } from './testing/collab-client.ts';

const targets = await databaseTargets();
const KB = 1024;

/** A raw Hocuspocus frame: document name, message type, then the body. */
function frame(documentName: string, type: number, write: (enc: ReturnType<typeof createEncoder>) => void): Uint8Array {
  const enc = createEncoder();
  writeVarString(enc, documentName);
  writeVarUint(enc, type);
  write(enc);
  return toUint8Array(enc);
}
/** A sync "update" message (type 0, sync step 2 = update) carrying `payload` as the Yjs update. */
const updateFrame = (documentName: string, payload: Uint8Array) =>
  frame(documentName, 0, (enc) => {
    writeVarUint(enc, 2);
    writeVarUint8Array(enc, payload);
  });

describe.each(targets)('bad input to the collaboration server on %s', (target) => {
  let srv: TestServer;
  let f: CollabFixture;
  const clients: DocClient[] = [];
  const open = (workflowId: string, user = f.owner) => {
    const client = openDoc({ baseUrl: srv.url, cookie: cookieOf(user) }, workflowId);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    srv = await startTestServer(target, { collab: { limits: { maxMessageBytes: 64 * KB, maxDocumentBytes: 256 * KB }, debounceMs: 20, maxDebounceMs: 100 } });
    f = await collabFixture(srv, `bad-${target}`);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(() => srv?.stop());

  /** A workflow with two nodes, an attacker connection and a bystander, both synced. */
  async function scene() {
    const { id: workflowId } = await f.owner.api.workflow.create.mutate({ workspaceId: f.workspaceId, name: 'Target' });
    const attacker = open(workflowId, f.editor);
    const bystander = open(workflowId);
    await Promise.all([attacker.synced, bystander.synced]);
    addNode(bystander.doc, { id: 'a', type: 'core.manualTrigger', name: 'Start' });
    addNode(bystander.doc, { id: 'b', type: 'core.noOp', name: 'End' });
    await converged([attacker.doc, bystander.doc]);
    const closes: Array<{ code: number; reason: string }> = [];
    attacker.provider.on('close', ({ event }: { event: { code: number; reason: string } }) => closes.push({ code: event.code, reason: event.reason }));
    return { workflowId, attacker, bystander, closes };
  }

  /** The server still serves, the bystander still edits, and the stored document is whole. */
  async function assertIntact(workflowId: string, bystander: DocClient, expectedNodes: string[]) {
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
    const marker = `m${Math.random().toString(36).slice(2, 8)}`;
    addNode(bystander.doc, { id: marker, type: 'core.noOp', name: marker });
    await eventually(async () => expect(nodesOf(await srv.collab.read(workflowId)).has(marker)).toBe(true));
    removeNode(bystander.doc, marker);
    await eventually(async () => {
      const doc = await srv.collab.read(workflowId);
      expect(definitionFromDoc(doc).nodes.map((n) => n.id)).toEqual(expectedNodes);
      expect(findViolations(doc)).toEqual([]);
      expect(parseDefinition(definitionFromDoc(doc)).ok).toBe(true);
    });
    // A newcomer loads it.
    const late = open(workflowId);
    await late.synced;
    expect(definitionFromDoc(late.doc).nodes.map((n) => n.id)).toEqual(expectedNodes);
  }

  it('survives frames that are not Hocuspocus messages at all', async () => {
    const { workflowId, attacker, bystander } = await scene();
    attacker.socket.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]));
    attacker.socket.send(new Uint8Array(0));
    attacker.socket.send(new Uint8Array([200, 1, 2]));
    await assertIntact(workflowId, bystander, ['a', 'b']);
  });

  it('refuses a malformed or truncated update and keeps the document intact', async () => {
    const { workflowId, attacker, bystander, closes } = await scene();
    attacker.socket.send(updateFrame(workflowId, new Uint8Array([9, 9, 9, 9, 200, 200, 200, 1])));
    await eventually(() => expect(closes).toContainEqual({ code: 1000, reason: 'MALFORMED_UPDATE' }));
    // A real update cut in half.
    const other = new Y.Doc();
    addNode(other, { id: 'c', type: 'core.set', name: 'Cut', params: { text: 'x'.repeat(200) } });
    const update = Y.encodeStateAsUpdate(other);
    const again = open(workflowId, f.editor);
    await again.synced;
    const closesAgain: string[] = [];
    again.provider.on('close', ({ event }: { event: { reason: string } }) => closesAgain.push(event.reason));
    again.socket.send(updateFrame(workflowId, update.slice(0, Math.floor(update.length / 2))));
    await eventually(() => expect(closesAgain).toContain('MALFORMED_UPDATE'));
    await assertIntact(workflowId, bystander, ['a', 'b']);
  });

  it('closes the socket of an oversized message; nothing of it reaches the document or peers', async () => {
    const { workflowId, attacker, bystander } = await scene();
    const socketCloses: number[] = [];
    attacker.socket.on('close', ({ event }: { event: { code: number } }) => socketCloses.push(event.code));
    setParam(attacker.doc, 'a', 'huge', 'x'.repeat(100 * KB));
    await eventually(() => expect(socketCloses).toContain(1009));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(definitionFromDoc(bystander.doc).nodes.find((n) => n.id === 'a')!.params).toEqual({});
    attacker.destroy(); // it would resend the same update on reconnect
    await assertIntact(workflowId, bystander, ['a', 'b']);
  });

  it('refuses updates that would grow a document past its limit, but still lets it shrink', async () => {
    const { workflowId, attacker, bystander, closes } = await scene();
    for (let i = 0; i < 4; i++) {
      addNode(bystander.doc, { id: `big${i}`, type: 'core.noOp', name: `Big ${i}`, params: { blob: 'y'.repeat(50 * KB) } });
      await eventually(() => expect(bystander.provider.hasUnsyncedChanges).toBe(false));
    }
    await converged([attacker.doc, bystander.doc]);
    addNode(attacker.doc, { id: 'too-much', type: 'core.noOp', name: 'Too much', params: { blob: 'z'.repeat(60 * KB) } });
    await eventually(() => expect(closes).toContainEqual({ code: 1000, reason: 'DOCUMENT_TOO_LARGE' }));
    attacker.destroy();
    expect(nodesOf(await srv.collab.read(workflowId)).has('too-much')).toBe(false);
    for (let i = 0; i < 4; i++) removeNode(bystander.doc, `big${i}`);
    await assertIntact(workflowId, bystander, ['a', 'b']);
  });

  it('repairs updates that break the schema (a node without type, an edge to nowhere, stray top-level data)', async () => {
    const { workflowId, attacker, bystander } = await scene();
    attacker.doc.transact(() => {
      const typeless = new Y.Map<unknown>();
      typeless.set('name', 'No type');
      typeless.set('position', { x: 1, y: 1 });
      nodesOf(attacker.doc).set('typeless', typeless);
      const dangling = new Y.Map<unknown>();
      dangling.set('source', 'a');
      dangling.set('target', 'ghost');
      edgesOf(attacker.doc).set('dangling', dangling);
      nodesOf(attacker.doc).set('scalar', 'not a map' as never);
      attacker.doc.getMap('stash').set('blob', 'w'.repeat(10 * KB));
    });
    await converged([attacker.doc, bystander.doc]);
    for (const doc of [attacker.doc, bystander.doc]) {
      expect([...nodesOf(doc).keys()].sort()).toEqual(['a', 'b']);
      expect(edgesOf(doc).size).toBe(0);
    }
    expect((await srv.collab.read(workflowId)).getMap('stash').size).toBe(0);
    await assertIntact(workflowId, bystander, ['a', 'b']);
  });
});
