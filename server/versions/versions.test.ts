import { TRPCClientError } from '@trpc/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureOwnRestores } from '../../collab/restore-notice.ts';
import { addEdge } from '../../collab/ops/edges.ts';
import { addNode, getNode, removeNode, updateNodePosition } from '../../collab/ops/nodes.ts';
import { setParam } from '../../collab/ops/params.ts';
import { createUndoManager } from '../../collab/undo.ts';
import { definitionFromDoc } from '../../collab/workflow-doc.ts';
import { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { collabFixture, type CollabFixture } from '../collab/testing/collab-fixture.ts';
import { converged, cookieOf, eventually, openDoc, type DocClient } from '../collab/testing/collab-client.ts';
import { createVersionService } from './version-service.ts';

const targets = await databaseTargets();

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCClientError) return (err.data as { code: string }).code;
    throw err;
  }
  return 'ok';
}

describe.each(targets)('versions on %s', (target) => {
  let srv: TestServer;
  let f: CollabFixture;
  const clients: DocClient[] = [];
  const open = (user: TestUser, workflowId: string) => {
    const client = openDoc({ baseUrl: srv.url, cookie: cookieOf(user) }, workflowId);
    clients.push(client);
    return client;
  };
  const newWorkflow = async (name: string) => (await f.owner.api.workflow.create.mutate({ workspaceId: f.workspaceId, name })).id;

  beforeAll(async () => {
    srv = await startTestServer(target, { collab: { debounceMs: 50, maxDebounceMs: 200 } });
    f = await collabFixture(srv, `ver-${target}`);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(() => srv?.stop());

  it('creates versions of the live document (invalid drafts marked, not refused), lists, gets and diffs them', async () => {
    const workflowId = await newWorkflow('Versioned');
    const editor = open(f.editor, workflowId);
    await editor.synced;
    addNode(editor.doc, { id: 'start', type: 'core.manualTrigger', name: 'Start' });
    addNode(editor.doc, { id: 'end', type: 'core.noOp', name: 'End', position: { x: 300, y: 0 } });
    addEdge(editor.doc, { id: 'e1', source: 'start', target: 'end' });
    await eventually(() => expect(editor.provider.hasUnsyncedChanges).toBe(false));

    const v1 = await f.editor.api.version.create.mutate({ workflowId, message: 'First' });
    expect(v1).toMatchObject({ number: 1, message: 'First', valid: true, errorCount: 0, author: { name: `editor ver-${target}` } });

    addNode(editor.doc, { id: 'mystery', type: 'acme.unknown', name: 'Mystery', position: { x: 600, y: 0 } });
    addEdge(editor.doc, { id: 'e2', source: 'end', target: 'mystery' });
    updateNodePosition(editor.doc, 'end', { x: 320, y: 40 });
    await eventually(() => expect(editor.provider.hasUnsyncedChanges).toBe(false));
    const v2 = await f.owner.api.version.create.mutate({ workflowId, message: 'Draft' });
    expect(v2).toMatchObject({ number: 2, valid: false });
    expect(v2.errorCount).toBeGreaterThan(0);

    const detail = await f.viewer.api.version.get.query({ workflowId, versionId: v2.id });
    expect(detail.errors).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_NODE_TYPE', nodeId: 'mystery', field: 'type' }));
    expect(detail.definition.nodes.map((n) => n.id)).toEqual(['end', 'mystery', 'start']);
    expect(detail.definition.nodes[0]!.settings).toMatchObject({ retries: 0, onError: 'stop' });

    const list = await f.viewer.api.version.list.query({ workflowId });
    expect(list.items.map((v) => v.number)).toEqual([2, 1]);
    const page = await f.viewer.api.version.list.query({ workflowId, limit: 1 });
    expect(page.items.map((v) => v.number)).toEqual([2]);
    const rest = await f.viewer.api.version.list.query({ workflowId, limit: 1, before: page.nextBefore! });
    expect(rest).toMatchObject({ items: [{ number: 1 }], nextBefore: null });

    const { diff, from, to } = await f.viewer.api.version.diff.query({ workflowId, from: { versionId: v1.id }, to: { versionId: v2.id } });
    expect(from).toMatchObject({ kind: 'version', version: { number: 1 } });
    expect(to).toMatchObject({ kind: 'version', version: { number: 2 } });
    expect(diff.nodes.added.map((n) => n.id)).toEqual(['mystery']);
    expect(diff.edges.added.map((e) => e.id)).toEqual(['e2']);
    expect(diff.nodes.changed).toEqual([expect.objectContaining({ id: 'end', movedOnly: true })]);

    // Against the live draft.
    setParam(editor.doc, 'start', 'note', 'draft only');
    await eventually(async () => {
      const live = await f.viewer.api.version.diff.query({ workflowId, from: { versionId: v2.id } });
      expect(live.to).toEqual({ kind: 'draft' });
      expect(live.diff.nodes.changed).toEqual([
        expect.objectContaining({ id: 'start', fields: [{ path: 'params.note', kind: 'added', after: 'draft only' }] }),
      ]);
    });

    expect(await codeOf(f.viewer.api.version.get.query({ workflowId: await newWorkflow('Elsewhere'), versionId: v1.id }))).toBe('NOT_FOUND');
  });

  it('snapshotCurrentDraft reuses the latest version while the document is unchanged', async () => {
    const workflowId = await newWorkflow('Runs');
    const versions = createVersionService({ db: srv.db.prisma, collab: srv.collab });
    await srv.collab.change(workflowId, (doc) => addNode(doc, { id: 't', type: 'core.manualTrigger', name: 'T' }));
    const first = await versions.snapshotCurrentDraft(workflowId, null);
    expect(first).toMatchObject({ created: true, version: { number: 1, valid: true, message: 'Draft run' } });
    const again = await versions.snapshotCurrentDraft(workflowId, null);
    expect(again).toEqual({ created: false, version: first.version });
    await srv.collab.change(workflowId, (doc) => updateNodePosition(doc, 't', { x: 1, y: 2 }));
    const moved = await versions.snapshotCurrentDraft(workflowId, null);
    expect(moved).toMatchObject({ created: true, version: { number: 2 } });
    const stored = await srv.db.prisma.workflowVersion.findUniqueOrThrow({ where: { id: moved.version.id } });
    expect(stored.ydoc?.byteLength).toBeGreaterThan(0);
    // Concurrent snapshots get distinct numbers.
    await srv.collab.change(workflowId, (doc) => updateNodePosition(doc, 't', { x: 5, y: 5 }));
    const many = await Promise.all([1, 2, 3, 4].map((i) => versions.create(workflowId, null, `c${i}`)));
    expect(many.map((m) => m.version.number).sort()).toEqual([3, 4, 5, 6]);
  });

  it('restore is one transaction every connected client sees, undoable by the restorer without touching peers', async () => {
    const workflowId = await newWorkflow('Restore');
    const owner = open(f.owner, workflowId);
    const peer = open(f.editor, workflowId);
    const viewer = open(f.viewer, workflowId);
    await Promise.all([owner.synced, peer.synced, viewer.synced]);
    addNode(owner.doc, { id: 'a', type: 'core.manualTrigger', name: 'A' });
    addNode(owner.doc, { id: 'b', type: 'core.noOp', name: 'B', params: { note: 'v1' } });
    addEdge(owner.doc, { id: 'ab', source: 'a', target: 'b' });
    await converged([owner.doc, peer.doc, viewer.doc]);
    const v1 = await f.owner.api.version.create.mutate({ workflowId, message: 'Good' });

    setParam(peer.doc, 'b', 'note', 'v2');
    addNode(peer.doc, { id: 'c', type: 'core.noOp', name: 'C' });
    addNode(peer.doc, { id: 'keep', type: 'core.noOp', name: 'Untouched by undo' });
    removeNode(owner.doc, 'a');
    await converged([owner.doc, peer.doc, viewer.doc]);
    const beforeRestore = definitionFromDoc(owner.doc);

    // The restoring editor tracks its own origin and takes the server's restore onto its stack.
    const mine = { user: 'owner' };
    const undo = createUndoManager(owner.doc, mine);
    const ownerId = (await f.owner.api.me.query())!.id;
    const capture = captureOwnRestores({ doc: owner.doc, undo, origin: mine, userId: ownerId, clientId: owner.doc.clientID });
    owner.provider.on('stateless', ({ payload }: { payload: string }) => capture(payload));
    let peerUpdates = 0;
    peer.doc.on('update', () => peerUpdates++);

    const result = await f.owner.api.version.restore.mutate({ workflowId, versionId: v1.id, clientId: owner.doc.clientID });
    expect(result).toMatchObject({ changed: true, restored: { number: 1 }, backup: { number: 2, message: 'Before restoring version 1' } });
    const target = (await f.owner.api.version.get.query({ workflowId, versionId: v1.id })).definition;
    for (const c of [owner, peer, viewer]) await eventually(() => expect(definitionFromDoc(c.doc)).toEqual(target));
    await converged([owner.doc, peer.doc, viewer.doc]);
    expect(peerUpdates).toBe(1);
    expect(undo.undoStack.length).toBe(1);

    // A peer edits after the restore; the restorer's undo brings the pre-restore draft back,
    // except where the peer has written since.
    addNode(peer.doc, { id: 'after', type: 'core.noOp', name: 'After restore' });
    setParam(peer.doc, 'b', 'note', 'peer after restore');
    await converged([owner.doc, peer.doc, viewer.doc]);
    undo.undo();
    await converged([owner.doc, peer.doc, viewer.doc]);
    for (const c of [owner, peer, viewer]) {
      const def = definitionFromDoc(c.doc);
      expect(def.nodes.map((n) => n.id)).toEqual(['after', 'b', 'c', 'keep']);
      expect(getNode(c.doc, 'b')!.params.note).toBe('peer after restore');
    }
    expect(beforeRestore.nodes.map((n) => n.id)).toEqual(['b', 'c', 'keep']);

    // The backup version holds the draft as it was before the restore.
    const backup = await f.owner.api.version.get.query({ workflowId, versionId: result.backup.id });
    expect(backup.definition).toEqual(beforeRestore);
    // Restoring again a version equal to the document changes nothing.
    await f.owner.api.version.restore.mutate({ workflowId, versionId: result.backup.id });
    const same = await f.owner.api.version.restore.mutate({ workflowId, versionId: result.backup.id });
    expect(same.changed).toBe(false);
  });

  it('checks roles: viewers list, get and diff; editors create and restore; outsiders see nothing', async () => {
    const workflowId = await newWorkflow('Roles');
    await srv.collab.change(workflowId, (doc) => addNode(doc, { id: 't', type: 'core.manualTrigger', name: 'T' }));
    const v = await f.owner.api.version.create.mutate({ workflowId });
    await srv.collab.change(workflowId, (doc) => addNode(doc, { id: 'u', type: 'core.noOp', name: 'U' }));
    const anonymous = new TestUser(srv.url);
    const calls = {
      list: (u: TestUser) => u.api.version.list.query({ workflowId }),
      get: (u: TestUser) => u.api.version.get.query({ workflowId, versionId: v.id }),
      diff: (u: TestUser) => u.api.version.diff.query({ workflowId, from: { versionId: v.id } }),
      token: (u: TestUser) => u.api.collab.token.mutate({ workflowId }),
      create: (u: TestUser) => u.api.version.create.mutate({ workflowId }),
      restore: (u: TestUser) => u.api.version.restore.mutate({ workflowId, versionId: v.id }),
    };
    const outcome: Record<string, Record<string, string>> = {};
    for (const [name, call] of Object.entries(calls)) {
      outcome[name] = {};
      for (const [who, user] of Object.entries({ viewer: f.viewer, outsider: f.outsider, anonymous })) {
        outcome[name][who] = await codeOf(call(user));
      }
    }
    const reader = { viewer: 'ok', outsider: 'NOT_FOUND', anonymous: 'UNAUTHORIZED' };
    const writer = { viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', anonymous: 'UNAUTHORIZED' };
    expect(outcome).toEqual({ list: reader, get: reader, diff: reader, token: reader, create: writer, restore: writer });
    // Refused restores changed nothing.
    expect(definitionFromDoc(await srv.collab.read(workflowId)).nodes.map((n) => n.id)).toEqual(['t', 'u']);
    expect((await f.owner.api.version.list.query({ workflowId })).items).toHaveLength(1);
  });
});
