import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDefinition } from '../engine/definition.ts';
import { addEdge } from './ops/edges.ts';
import { addNode, removeNode } from './ops/nodes.ts';
import { findViolations, installSchemaGuard, type SchemaViolation } from './schema-guard.ts';
import { syncDocs } from './testing.ts';
import { definitionFromDoc, edgesOf, nodesOf } from './workflow-doc.ts';

const GUARD = { guard: true };

function guarded() {
  const server = new Y.Doc();
  const repairs: SchemaViolation[][] = [];
  installSchemaGuard(server, { origin: GUARD, onRepair: (v) => repairs.push(v) });
  return { server, repairs };
}

describe('schema guard', () => {
  it('removes a node without type and edges to nowhere, and keeps the doc loadable', () => {
    const { server, repairs } = guarded();
    const client = new Y.Doc();
    addNode(client, { id: 'a', type: 'core.manualTrigger', name: 'A' });
    client.transact(() => {
      const bad = new Y.Map<unknown>();
      bad.set('name', 'no type');
      nodesOf(client).set('bad', bad);
      const edge = new Y.Map<unknown>();
      edge.set('source', 'a');
      edge.set('target', 'ghost');
      edgesOf(client).set('e-ghost', edge);
      nodesOf(client).set('junk', 42 as never);
    });
    syncDocs(client, server);
    expect([...nodesOf(server).keys()]).toEqual(['a']);
    expect([...edgesOf(server).keys()]).toEqual([]);
    expect(repairs.flat().map((v) => v.code).sort()).toEqual(['EDGE_DANGLING', 'NODE_NOT_A_MAP', 'NODE_WITHOUT_TYPE']);
    expect(parseDefinition(definitionFromDoc(server)).ok).toBe(true);
    syncDocs(client, server);
    expect(definitionFromDoc(client)).toEqual(definitionFromDoc(server));
  });

  it('repairs bad fields instead of dropping the node', () => {
    const { server } = guarded();
    const client = new Y.Doc();
    addNode(client, { id: 'a', type: 'core.set', name: 'A', params: { x: 'y' } });
    syncDocs(client, server);
    client.transact(() => {
      const node = nodesOf(client).get('a')!;
      node.set('position', { x: 'left' });
      node.set('name', '');
      node.set('params', { plain: 1 });
      node.set('typeVersion', -3);
    });
    syncDocs(client, server);
    expect(definitionFromDoc(server).nodes[0]).toMatchObject({ id: 'a', name: 'a', position: { x: 0, y: 0 }, params: { plain: 1 }, typeVersion: 1 });
    expect(findViolations(server)).toEqual([]);
  });

  it('an edge made concurrently with the removal of its target is removed everywhere', () => {
    const { server } = guarded();
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    addNode(alice, { id: 'a', type: 't', name: 'A' });
    addNode(alice, { id: 'b', type: 't', name: 'B' });
    syncDocs(alice, server, bob);
    removeNode(alice, 'b');
    addEdge(bob, { id: 'e', source: 'a', target: 'b' });
    syncDocs(alice, server);
    syncDocs(bob, server);
    syncDocs(alice, server, bob);
    for (const doc of [server, alice, bob]) {
      expect([...edgesOf(doc).keys()]).toEqual([]);
      expect([...nodesOf(doc).keys()]).toEqual(['a']);
    }
  });

  it('empties top-level types the schema does not know', () => {
    const { server } = guarded();
    const client = new Y.Doc();
    client.getMap('junk').set('big', 'x'.repeat(1000));
    client.getArray('list').push([1, 2, 3]);
    syncDocs(client, server);
    expect(server.getMap('junk').size).toBe(0);
    expect(server.getArray('list').length).toBe(0);
    expect(findViolations(server)).toEqual([]);
  });

  it('repairs a stored document once when installed', () => {
    const doc = new Y.Doc();
    doc.transact(() => nodesOf(doc).set('x', new Y.Map()));
    installSchemaGuard(doc, { origin: GUARD });
    expect(nodesOf(doc).size).toBe(0);
  });
});
