import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEdge, addNode, docFromDefinition, edgesOf, moveNodes, nodesOf, renameNode, setParam } from '../../../../collab/index.ts';
import { definition } from '../../../../collab/testing.ts';
import {
  flowEdgesFromDoc,
  flowNodesFromDoc,
  ghostElements,
  patchList,
  readDocNode,
  toFlowNode,
  touchedKeys,
  withSelection,
  type WorkflowFlowNode,
} from './flow-mapping.ts';

const fixture = definition({
  nodes: [
    { id: 'a', type: 'core.manualTrigger', name: 'Start', position: { x: 0, y: 0 } },
    { id: 'b', type: 'core.httpRequest', name: 'Fetch', position: { x: 300, y: 0 }, params: { url: 'https://x.test' } },
    { id: 'c', type: 'core.noOp', name: 'Done', position: { x: 600, y: 0 }, settings: { onError: 'error-output' } },
  ],
  edges: [
    { id: 'e1', source: 'a', target: 'b' },
    { id: 'e2', source: 'b', sourceOutput: 'main', target: 'c', targetInput: 'main' },
  ],
});

/** Collects the keys each transaction touched, the way the canvas hook listens. */
function recordTouches<T>(map: Y.Map<T>) {
  const batches: Set<string>[] = [];
  map.observeDeep((events) => batches.push(touchedKeys(events)));
  return batches;
}

describe('doc → React Flow mapping', () => {
  it('maps nodes with position and card data, and edges with port handles', () => {
    const doc = docFromDefinition(fixture);
    const nodes = flowNodesFromDoc(doc);
    expect(nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'c']);
    const c = nodes.find((n) => n.id === 'c')!;
    expect(c).toMatchObject({ type: 'workflow', position: { x: 600, y: 0 } });
    expect(c.data).toEqual({ type: 'core.noOp', typeVersion: 1, name: 'Done', onError: 'error-output', disabled: false });
    const edges = flowEdgesFromDoc(doc);
    expect(edges.find((e) => e.id === 'e2')).toMatchObject({ source: 'b', target: 'c', sourceHandle: 'main', targetHandle: 'main' });
  });

  it('reports only the node ids a transaction touched, including nested param edits', () => {
    const doc = docFromDefinition(fixture);
    const batches = recordTouches(nodesOf(doc));
    moveNodes(doc, { a: { x: 5, y: 5 } });
    setParam(doc, 'b', 'url', 'https://y.test');
    addNode(doc, { id: 'd', type: 'core.noOp', name: 'New' });
    doc.transact(() => nodesOf(doc).delete('c'));
    expect(batches.map((b) => [...b])).toEqual([['a'], ['b'], ['d'], ['c']]);
  });

  it('keeps unchanged node objects and data when only a position changes', () => {
    const doc = docFromDefinition(fixture);
    const before = flowNodesFromDoc(doc);
    const batches = recordTouches(nodesOf(doc));
    moveNodes(doc, { b: { x: 310, y: 20 } });
    const after = patchList(before, batches[0]!, (id) => readDocNode(doc, id), toFlowNode);
    const [a0, b0, c0] = ['a', 'b', 'c'].map((id) => before.find((n) => n.id === id)!);
    const [a1, b1, c1] = ['a', 'b', 'c'].map((id) => after.find((n) => n.id === id)!);
    expect(a1).toBe(a0);
    expect(c1).toBe(c0);
    expect(b1).not.toBe(b0);
    expect(b1!.position).toEqual({ x: 310, y: 20 });
    expect(b1!.data).toBe(b0!.data);
  });

  it('returns the same list when a change is invisible on the card (a param edit)', () => {
    const doc = docFromDefinition(fixture);
    const before = flowNodesFromDoc(doc);
    const batches = recordTouches(nodesOf(doc));
    setParam(doc, 'b', 'url', 'https://changed.test');
    expect(patchList(before, batches[0]!, (id) => readDocNode(doc, id), toFlowNode)).toBe(before);
  });

  it('gives a renamed node new data but keeps its position object', () => {
    const doc = docFromDefinition(fixture);
    const before = flowNodesFromDoc(doc);
    const batches = recordTouches(nodesOf(doc));
    renameNode(doc, 'a', 'Kick off');
    const after = patchList(before, batches[0]!, (id) => readDocNode(doc, id), toFlowNode);
    const a0 = before.find((n) => n.id === 'a')!;
    const a1 = after.find((n) => n.id === 'a')!;
    expect(a1.data.name).toBe('Kick off');
    expect(a1.position).toBe(a0.position);
  });

  it('appends added nodes and drops removed ones, keeping order and local fields of the rest', () => {
    const doc = docFromDefinition(fixture);
    const before: WorkflowFlowNode[] = flowNodesFromDoc(doc).map((n) => (n.id === 'b' ? { ...n, selected: true, measured: { width: 220, height: 64 } } : n));
    const batches = recordTouches(nodesOf(doc));
    doc.transact(() => {
      nodesOf(doc).delete('a');
      moveNodes(doc, { b: { x: 1, y: 2 } });
    });
    addNode(doc, { id: 'z', type: 'core.noOp', name: 'Zed', position: { x: 9, y: 9 } });
    let list = before;
    for (const keys of batches) list = patchList(list, keys, (id) => readDocNode(doc, id), toFlowNode);
    expect(list.map((n) => n.id)).toEqual(before.map((n) => n.id).filter((id) => id !== 'a').concat('z'));
    expect(list.find((n) => n.id === 'b')).toMatchObject({ selected: true, measured: { width: 220, height: 64 }, position: { x: 1, y: 2 } });
  });

  it('can hold a node at its local position while this user drags it', () => {
    const doc = docFromDefinition(fixture);
    const before = flowNodesFromDoc(doc).map((n) => (n.id === 'b' ? { ...n, position: { x: 999, y: 999 } } : n));
    const batches = recordTouches(nodesOf(doc));
    moveNodes(doc, { b: { x: 400, y: 0 } });
    const after = patchList(before, batches[0]!, (id) => readDocNode(doc, id), (node, prev) => toFlowNode(node, prev, true));
    expect(after).toBe(before);
  });

  it('tracks edges added and removed', () => {
    const doc = docFromDefinition(fixture);
    const before = flowEdgesFromDoc(doc);
    const batches = recordTouches(edgesOf(doc));
    expect(before.map((e) => e.id).sort()).toEqual(['e1', 'e2']);
    addEdge(doc, { id: 'e3', source: 'a', target: 'c' });
    doc.transact(() => edgesOf(doc).delete('e1'));
    expect([...batches[0]!]).toEqual(['e3']);
    expect([...batches[1]!]).toEqual(['e1']);
  });
});

describe('selection flags', () => {
  it('creates new objects only for nodes whose flag flips', () => {
    const nodes = flowNodesFromDoc(docFromDefinition(fixture));
    const next = withSelection(nodes, new Set(['b']));
    expect(next.find((n) => n.id === 'b')!.selected).toBe(true);
    expect(next.find((n) => n.id === 'a')).toBe(nodes.find((n) => n.id === 'a'));
    expect(withSelection(next, new Set(['b']))).toBe(next);
  });
});

describe('ghost elements', () => {
  it('prefixes ghost ids and attaches edges to live nodes where the end is not a ghost', () => {
    const ghosts = ghostElements(
      [{ id: 'g', type: 'core.noOp', typeVersion: 1, name: 'Proposal', position: { x: 1, y: 2 }, params: {}, settings: fixture.nodes[0]!.settings }],
      [{ id: 'ge', source: 'b', sourceOutput: 'main', target: 'g', targetInput: 'main' }],
      'ghost',
    );
    expect(ghosts.nodes[0]).toMatchObject({ id: 'ghost:g', type: 'ghost', selectable: false, draggable: false, data: { tone: 'ghost', sourceId: 'g' } });
    expect(ghosts.edges[0]).toMatchObject({ id: 'ghost:ge', source: 'b', target: 'ghost:g', data: { ghost: 'ghost' } });
  });
});
