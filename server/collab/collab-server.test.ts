import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AwarenessStateSchema, colorForUser } from '../../collab/awareness.ts';
import { addEdge } from '../../collab/ops/edges.ts';
import { addNode, getNode, removeNode, updateNodePosition } from '../../collab/ops/nodes.ts';
import { editParamText, getParam, setParam } from '../../collab/ops/params.ts';
import { createUndoManager } from '../../collab/undo.ts';
import { definitionFromDoc, edgesOf, nodesOf } from '../../collab/workflow-doc.ts';
import { TestUser } from '../testing/api-client.ts';
import { createTestDatabase, databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { collabFixture, type CollabFixture } from './testing/collab-fixture.ts';
import { converged, cookieOf, eventually, openDoc, type DocClient } from './testing/collab-client.ts';

const targets = await databaseTargets();

describe.each(targets)('collaboration server on %s', (target) => {
  let srv: TestServer;
  let f: CollabFixture;
  const clients: DocClient[] = [];
  const open = (user: TestUser | null, workflowId = f.workflowId, opts: Parameters<typeof openDoc>[2] = {}) => {
    const client = openDoc({ baseUrl: srv.url, ...(user ? { cookie: cookieOf(user) } : {}) }, workflowId, opts);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    srv = await startTestServer(target, { collab: { debounceMs: 50, maxDebounceMs: 200 } });
    f = await collabFixture(srv, `cs-${target}`);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(() => srv?.stop());

  async function freshWorkflow(name = 'Flow'): Promise<string> {
    return (await f.owner.api.workflow.create.mutate({ workspaceId: f.workspaceId, name })).id;
  }

  describe('authentication', () => {
    it('refuses a connection without a session', async () => {
      expect(await open(null).auth).toEqual({ ok: false, reason: 'UNAUTHORIZED' });
    });

    it('refuses an outsider as if the workflow did not exist', async () => {
      expect(await open(f.outsider).auth).toEqual({ ok: false, reason: 'NOT_FOUND' });
      expect(await open(f.owner, '0190b3c4-0000-7000-8000-000000000000').auth).toEqual({ ok: false, reason: 'NOT_FOUND' });
      expect(await open(f.owner, 'not a workflow id!').auth).toEqual({ ok: false, reason: 'BAD_DOCUMENT_NAME' });
    });

    it('gives owners and editors read-write and viewers read-only connections', async () => {
      expect(await open(f.owner).auth).toEqual({ ok: true, scope: 'read-write' });
      expect(await open(f.editor).auth).toEqual({ ok: true, scope: 'read-write' });
      expect(await open(f.viewer).auth).toEqual({ ok: true, scope: 'readonly' });
    });

    it('accepts a collab token instead of a cookie, only for its workflow and only while fresh', async () => {
      const { token, expiresAt, path, readOnly } = await f.editor.api.collab.token.mutate({ workflowId: f.workflowId });
      expect(path).toBe('/collab');
      expect(readOnly).toBe(false);
      expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
      expect(await open(null, f.workflowId, { token }).auth).toEqual({ ok: true, scope: 'read-write' });
      const other = await freshWorkflow('Other');
      expect(await open(null, other, { token }).auth).toEqual({ ok: false, reason: 'UNAUTHORIZED' });
      expect(await open(null, f.workflowId, { token: `${token.slice(0, -2)}xx` }).auth).toEqual({ ok: false, reason: 'UNAUTHORIZED' });
      const viewerToken = await f.viewer.api.collab.token.mutate({ workflowId: f.workflowId });
      expect(viewerToken.readOnly).toBe(true);
      expect(await open(null, f.workflowId, { token: viewerToken.token }).auth).toEqual({ ok: true, scope: 'readonly' });
      await expect(f.outsider.api.collab.token.mutate({ workflowId: f.workflowId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    });

    it('ignores the session cookie when the upgrade comes from a foreign page', async () => {
      const client = openDoc({ baseUrl: srv.url, cookie: cookieOf(f.owner), origin: 'https://evil.example' }, f.workflowId);
      clients.push(client);
      expect(await client.auth).toEqual({ ok: false, reason: 'ORIGIN_NOT_ALLOWED' });
    });
  });

  describe('editing', () => {
    it('concurrent edits to the same and to different nodes converge', async () => {
      const workflowId = await freshWorkflow('Concurrent');
      const [a, b, c] = [open(f.owner, workflowId), open(f.editor, workflowId), open(f.owner, workflowId)];
      await Promise.all([a.synced, b.synced, c.synced]);
      addNode(a.doc, { id: 'n1', type: 'core.manualTrigger', name: 'Start' });
      addNode(a.doc, { id: 'n2', type: 'core.code', name: 'Code', params: { code: 'return []' } });
      await converged([a.doc, b.doc, c.doc]);
      // Same node from three people at once, plus different nodes.
      updateNodePosition(a.doc, 'n1', { x: 10, y: 10 });
      updateNodePosition(b.doc, 'n1', { x: 20, y: 20 });
      editParamText(a.doc, 'n2', 'code', { index: 0, insert: '// A\n' });
      editParamText(b.doc, 'n2', 'code', { index: 0, insert: '// B\n' });
      setParam(c.doc, 'n2', 'mode', 'each');
      addNode(c.doc, { id: 'n3', type: 'core.noOp', name: 'End' });
      addEdge(c.doc, { id: 'e1', source: 'n1', target: 'n2' });
      await converged([a.doc, b.doc, c.doc]);
      const defs = [a, b, c].map((x) => definitionFromDoc(x.doc));
      expect(defs[1]).toEqual(defs[0]);
      expect(defs[2]).toEqual(defs[0]);
      expect(defs[0]!.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
      expect([{ x: 10, y: 10 }, { x: 20, y: 20 }]).toContainEqual(getNode(a.doc, 'n1')!.position);
      const code = getParam(a.doc, 'n2', 'code') as string;
      expect(code).toContain('// A\n');
      expect(code).toContain('// B\n');
      expect(code.endsWith('return []')).toBe(true);
    });

    it("refuses a viewer's write, which never reaches peers, while the viewer keeps receiving", async () => {
      const workflowId = await freshWorkflow('Read only');
      const editor = open(f.editor, workflowId);
      const viewer = open(f.viewer, workflowId);
      const peer = open(f.owner, workflowId);
      await Promise.all([editor.synced, viewer.synced, peer.synced]);
      addNode(editor.doc, { id: 'e', type: 'core.manualTrigger', name: 'From editor' });
      await eventually(() => expect(nodesOf(viewer.doc).has('e')).toBe(true));
      addNode(viewer.doc, { id: 'v', type: 'core.noOp', name: 'From viewer' });
      // The server answers "not applied", so the viewer's change stays unsynced on its side.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(viewer.provider.hasUnsyncedChanges).toBe(true);
      expect(nodesOf(peer.doc).has('v')).toBe(false);
      expect(nodesOf(editor.doc).has('v')).toBe(false);
      expect(nodesOf((await srv.collab.read(workflowId))).has('v')).toBe(false);
      addNode(editor.doc, { id: 'e2', type: 'core.noOp', name: 'Later' });
      await eventually(() => expect(nodesOf(viewer.doc).has('e2')).toBe(true));
    });

    it('undo reverts only my own edits through the server, never a peer’s', async () => {
      const workflowId = await freshWorkflow('Undo');
      const a = open(f.owner, workflowId);
      const b = open(f.editor, workflowId);
      await Promise.all([a.synced, b.synced]);
      addNode(a.doc, { id: 'x', type: 'core.manualTrigger', name: 'X', position: { x: 0, y: 0 } });
      addNode(a.doc, { id: 'y', type: 'core.set', name: 'Y', params: { note: 'hi' } });
      await converged([a.doc, b.doc]);
      const mine = { user: 'owner' };
      const undo = createUndoManager(a.doc, mine);
      updateNodePosition(a.doc, 'x', { x: 100, y: 100 }, mine);
      removeNode(a.doc, 'y', mine);
      await converged([a.doc, b.doc]);
      updateNodePosition(b.doc, 'x', { x: 5, y: 5 });
      addNode(b.doc, { id: 'z', type: 'core.noOp', name: 'Z' });
      await converged([a.doc, b.doc]);
      undo.undo(); // brings y back
      undo.undo(); // my move of x: b moved it since, so b's position stays
      await converged([a.doc, b.doc]);
      for (const doc of [a.doc, b.doc]) {
        expect(definitionFromDoc(doc).nodes.map((n) => n.id)).toEqual(['x', 'y', 'z']);
        expect(getNode(doc, 'x')!.position).toEqual({ x: 5, y: 5 });
        expect(getParam(doc, 'y', 'note')).toBe('hi');
      }
    });

    it('a server-side change reaches every connected editor as one update', async () => {
      const workflowId = await freshWorkflow('Server change');
      const a = open(f.owner, workflowId);
      const b = open(f.viewer, workflowId);
      await Promise.all([a.synced, b.synced]);
      let updates = 0;
      b.doc.on('update', () => updates++);
      const { update } = await srv.collab.change(workflowId, (doc) => {
        addNode(doc, { id: 's1', type: 'core.manualTrigger', name: 'S1' });
        addNode(doc, { id: 's2', type: 'core.noOp', name: 'S2' });
        addEdge(doc, { id: 's', source: 's1', target: 's2' });
      });
      expect(update).not.toBeNull();
      await eventually(() => expect(edgesOf(b.doc).has('s')).toBe(true));
      await converged([a.doc, b.doc]);
      expect(updates).toBe(1);
      // A change that throws applies nothing.
      await expect(srv.collab.change(workflowId, (doc) => {
        addNode(doc, { id: 'half', type: 't', name: 'Half' });
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(nodesOf(await srv.collab.read(workflowId)).has('half')).toBe(false);
    });
  });

  describe('awareness', () => {
    it('carries presence stamped with the authenticated identity, and clears it on disconnect', async () => {
      const workflowId = await freshWorkflow('Presence');
      const a = open(f.owner, workflowId);
      const b = open(f.editor, workflowId);
      await Promise.all([a.synced, b.synced]);
      b.provider.awareness!.setLocalState({
        user: { id: 'impostor', name: 'Not me', color: '#123456' },
        cursor: { x: 12.5, y: -40 },
        selection: ['n1', 'n2'],
        editing: { nodeId: 'n1', param: 'prompt' },
        following: { kind: 'user', userId: 'someone' },
        viewport: { x: 0, y: 0, zoom: 1.5 },
        junk: 'x'.repeat(100),
      });
      const editorId = (await f.editor.api.me.query())!.id;
      await eventually(() => {
        const state = a.provider.awareness!.getStates().get(b.doc.clientID);
        expect(AwarenessStateSchema.parse(state)).toEqual({
          user: { id: editorId, name: `editor cs-${target}`, color: colorForUser(editorId) },
          cursor: { x: 12.5, y: -40 },
          viewport: { x: 0, y: 0, zoom: 1.5 },
          selection: ['n1', 'n2'],
          editing: { nodeId: 'n1', param: 'prompt' },
          following: { kind: 'user', userId: 'someone' },
        });
        expect(state).not.toHaveProperty('junk');
        // Only real peers: no phantom states from how the server decodes awareness messages.
        expect([...a.provider.awareness!.getStates().keys()].sort()).toEqual([a.doc.clientID, b.doc.clientID].sort());
      });
      b.destroy();
      await eventually(() => expect(a.provider.awareness!.getStates().has(b.doc.clientID)).toBe(false));
    });

    it("cannot speak for another connection's client id", async () => {
      const workflowId = await freshWorkflow('Spoof');
      const a = open(f.owner, workflowId);
      const b = open(f.editor, workflowId);
      await Promise.all([a.synced, b.synced]);
      a.provider.awareness!.setLocalState({ cursor: { x: 1, y: 1 } });
      await eventually(() => expect(b.provider.awareness!.getStates().get(a.doc.clientID)).toMatchObject({ cursor: { x: 1, y: 1 } }));
      // b forges an update for a's client id with a higher clock.
      const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
      const forged = new Awareness(new Y.Doc());
      forged.clientID = a.doc.clientID;
      forged.setLocalState({ cursor: { x: 666, y: 666 } });
      forged.meta.set(a.doc.clientID, { clock: 1000, lastUpdated: Date.now() });
      const { writeVarString, writeVarUint, writeVarUint8Array, createEncoder, toUint8Array } = await import('lib0/encoding');
      const enc = createEncoder();
      writeVarString(enc, workflowId);
      writeVarUint(enc, 1);
      writeVarUint8Array(enc, encodeAwarenessUpdate(forged, [a.doc.clientID]));
      b.socket.send(toUint8Array(enc));
      const c = open(f.owner, workflowId);
      await c.synced;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(c.provider.awareness!.getStates().get(a.doc.clientID)).toMatchObject({ cursor: { x: 1, y: 1 } });
      forged.destroy();
    });
  });

  it('keeps a document across a server restart', async () => {
    // A server of its own on a database that outlives it.
    const database = await createTestDatabase(target);
    try {
      const first = await startTestServer(target, { database });
      const ada = await TestUser.signUp(first.url, 'Ada', `restart-${target}@example.com`);
      const [ws] = await ada.api.workspace.list.query();
      const { id: workflowId } = await ada.api.workflow.create.mutate({ workspaceId: ws!.id, name: 'Durable' });
      const a = openDoc({ baseUrl: first.url, cookie: cookieOf(ada) }, workflowId);
      await a.synced;
      addNode(a.doc, { id: 'keep', type: 'core.manualTrigger', name: 'Keep me' });
      setParam(a.doc, 'keep', 'note', 'persisted');
      await eventually(() => expect(a.provider.hasUnsyncedChanges).toBe(false));
      // Stopped while the editor is still connected (the debounced write has not happened yet).
      await first.stop();
      a.destroy();

      const second = await startTestServer(target, { database });
      try {
        const again = new TestUser(second.url, ada.email, ada.password);
        expect((await again.signIn()).status).toBe(200);
        const b = openDoc({ baseUrl: second.url, cookie: cookieOf(again) }, workflowId);
        try {
          await b.synced;
          expect(getParam(b.doc, 'keep', 'note')).toBe('persisted');
          setParam(b.doc, 'keep', 'note', 'after restart');
          await eventually(() => expect(b.provider.hasUnsyncedChanges).toBe(false));
        } finally {
          b.destroy();
        }
      } finally {
        await second.stop();
      }
      const row = await database.prisma.workflow.findUniqueOrThrow({ where: { id: workflowId } });
      const stored = new Y.Doc();
      Y.applyUpdate(stored, row.ydoc!);
      expect(getParam(stored, 'keep', 'note')).toBe('after restart');
    } finally {
      await database.destroy();
    }
  });
});
