import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDefinition, type WorkflowDefinition } from '../engine/definition.ts';
import { addEdge } from './ops/edges.ts';
import { addNode, getNode, moveNodes, removeNode, renameNode, setNodeSettings, updateNodePosition } from './ops/nodes.ts';
import { editParamText, getParam, paramText, removeParam, setParam } from './ops/params.ts';
import { CollabError } from './errors.ts';
import { decodeDoc, definitionFromDoc, docFromDefinition, edgesOf, encodeDoc, nodesOf, replaceDocContent } from './workflow-doc.ts';

const id = fc.string({ minLength: 1, maxLength: 12 });
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const definitionArb = fc
  .uniqueArray(id, { minLength: 0, maxLength: 8 })
  .chain((ids) =>
    fc.record({
      nodes: fc.tuple(
        ...ids.map((nodeId, i) =>
          fc.record({
            id: fc.constant(nodeId),
            type: fc.constantFrom('core.set', 'core.noOp', 'core.code', 'x.custom'),
            typeVersion: fc.integer({ min: 1, max: 3 }),
            name: fc.constant(`Node ${i}`),
            position: fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) }),
            params: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), json, { maxKeys: 4 }),
            settings: fc.record({ retries: fc.integer({ min: 0, max: 10 }) }),
          }),
        ),
      ),
      edges: (ids.length < 2
        ? fc.constant([])
        : fc.uniqueArray(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)), { maxLength: 6, selector: ([a, b]) => `${a}->${b}` })) as fc.Arbitrary<[string, string][]>,
    }),
  )
  .map(({ nodes, edges }) => {
    const parsed = parseDefinition({
      schemaVersion: 1,
      nodes,
      edges: edges.map(([source, target]) => ({ id: `${source}->${target}`, source, target })),
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.definition;
  });

const sortById = (def: WorkflowDefinition) => ({
  ...def,
  nodes: [...def.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)),
  edges: [...def.edges].sort((a, b) => (a.id < b.id ? -1 : 1)),
});

describe('Y.Doc ⇄ WorkflowDefinition', () => {
  it('round-trips any definition, also through the binary encoding', () => {
    fc.assert(
      fc.property(definitionArb, (def) => {
        const doc = docFromDefinition(def);
        expect(definitionFromDoc(doc)).toEqual(sortById(def));
        expect(definitionFromDoc(decodeDoc(encodeDoc(doc)))).toEqual(sortById(def));
      }),
      { numRuns: 200 },
    );
  });

  it('stores strings params as Y.Text, positions as one value, and no UI state', () => {
    const parsed = parseDefinition({
      schemaVersion: 1,
      nodes: [{ id: 'a', type: 'core.code', name: 'A', position: { x: 1, y: 2 }, params: { code: 'return 1', n: 3 } }],
    });
    if (!parsed.ok) throw new Error('fixture');
    const doc = docFromDefinition(parsed.definition);
    const node = nodesOf(doc).get('a')!;
    expect((node.get('params') as Y.Map<unknown>).get('code')).toBeInstanceOf(Y.Text);
    expect(node.get('position')).toEqual({ x: 1, y: 2 });
    expect([...node.keys()].sort()).toEqual(['name', 'params', 'position', 'settings', 'type', 'typeVersion']);
  });

  it('replaceDocContent swaps everything in one update', () => {
    const doc = docFromDefinition({ schemaVersion: 1, nodes: [], edges: [] });
    let updates = 0;
    doc.on('update', () => updates++);
    const parsed = parseDefinition({ schemaVersion: 1, nodes: [{ id: 'a', type: 't', name: 'A' }] });
    if (!parsed.ok) throw new Error('fixture');
    replaceDocContent(doc, parsed.definition);
    expect(updates).toBe(1);
    expect(definitionFromDoc(doc).nodes.map((n) => n.id)).toEqual(['a']);
  });
});

describe('typed accessors', () => {
  const fresh = () => {
    const doc = new Y.Doc();
    addNode(doc, { id: 'a', type: 'core.manualTrigger', name: 'Start', position: { x: 0, y: 0 } });
    addNode(doc, { id: 'b', type: 'core.set', name: 'Shape', position: { x: 200, y: 0 }, params: { note: 'hi' } });
    addNode(doc, { id: 'c', type: 'core.noOp', name: 'End' });
    addEdge(doc, { id: 'e1', source: 'a', target: 'b' });
    addEdge(doc, { id: 'e2', source: 'b', target: 'c' });
    return doc;
  };

  it('add, move, rename, settings, params', () => {
    const doc = fresh();
    updateNodePosition(doc, 'b', { x: 5, y: 6 });
    moveNodes(doc, { a: { x: 1, y: 1 }, c: { x: 9, y: 9 } });
    renameNode(doc, 'b', 'Shape it');
    setNodeSettings(doc, 'b', { retries: 2 });
    setParam(doc, 'b', 'url', 'https://example.com');
    setParam(doc, 'b', 'options', { timeout: 5 });
    editParamText(doc, 'b', 'note', { index: 2, insert: ' there' });
    removeParam(doc, 'b', 'options');
    expect(getNode(doc, 'b')).toMatchObject({
      name: 'Shape it',
      position: { x: 5, y: 6 },
      settings: { retries: 2, onError: 'stop' },
      params: { note: 'hi there', url: 'https://example.com' },
    });
    expect(getParam(doc, 'b', 'note')).toBe('hi there');
    expect(paramText(doc, 'b', 'note')).toBeInstanceOf(Y.Text);
    expect(getNode(doc, 'a')!.position).toEqual({ x: 1, y: 1 });
  });

  it('removing a node removes its edges in the same transaction', () => {
    const doc = fresh();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(removeNode(doc, 'b')).toBe(true);
    expect(transactions).toBe(1);
    expect([...edgesOf(doc).keys()]).toEqual([]);
    expect(removeNode(doc, 'b')).toBe(false);
  });

  it('refuses broken input with typed errors', () => {
    const doc = fresh();
    const codeOf = (f: () => void) => {
      try {
        f();
      } catch (err) {
        return err instanceof CollabError ? err.code : String(err);
      }
      return 'no error';
    };
    expect(codeOf(() => addNode(doc, { id: 'a', type: 't', name: 'x' }))).toBe('DUPLICATE_NODE_ID');
    expect(codeOf(() => addNode(doc, { id: 'z', type: '', name: 'x' }))).toBe('INVALID_NODE');
    expect(codeOf(() => addEdge(doc, { id: 'e9', source: 'a', target: 'nowhere' }))).toBe('UNKNOWN_NODE');
    expect(codeOf(() => addEdge(doc, { id: 'e1', source: 'a', target: 'c' }))).toBe('DUPLICATE_EDGE_ID');
    expect(codeOf(() => updateNodePosition(doc, 'a', { x: Number.NaN, y: 0 }))).toBe('INVALID_POSITION');
    expect(codeOf(() => renameNode(doc, 'nope', 'x'))).toBe('UNKNOWN_NODE');
  });

  it('two people typing in one prompt merge; two picking a value end with one of them', () => {
    const a = fresh();
    const b = new Y.Doc();
    Y.applyUpdate(b, encodeDoc(a));
    editParamText(a, 'b', 'note', { index: 2, insert: ' Ada' });
    editParamText(b, 'b', 'note', { index: 0, insert: 'Oh ' });
    setParam(a, 'b', 'method', 'POST');
    setParam(b, 'b', 'method', 'PUT');
    Y.applyUpdate(b, encodeDoc(a));
    Y.applyUpdate(a, encodeDoc(b));
    expect(getParam(a, 'b', 'note')).toBe('Oh hi Ada');
    expect(['POST', 'PUT']).toContain(getParam(a, 'b', 'method'));
    expect(definitionFromDoc(a)).toEqual(definitionFromDoc(b));
  });
});
