import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyDefinition } from './apply-definition.ts';
import { updateNodePosition } from './ops/nodes.ts';
import { editParamText } from './ops/params.ts';
import { definition, syncDocs } from './testing.ts';
import { definitionFromDoc, docFromDefinition, encodeDoc } from './workflow-doc.ts';

const v1 = definition({
  nodes: [
    { id: 'a', type: 'core.manualTrigger', name: 'Start' },
    { id: 'b', type: 'core.code', name: 'Code', params: { code: 'return 1', n: 1 } },
    { id: 'c', type: 'core.noOp', name: 'Gone later' },
  ],
  edges: [{ id: 'ab', source: 'a', target: 'b' }, { id: 'bc', source: 'b', target: 'c' }],
});
const v2 = definition({
  nodes: [
    { id: 'a', type: 'core.manualTrigger', name: 'Start' },
    { id: 'b', type: 'core.code', name: 'Code', params: { code: 'return 2' } },
    { id: 'd', type: 'core.set', name: 'New' },
  ],
  edges: [{ id: 'ab', source: 'a', target: 'b' }, { id: 'bd', source: 'b', target: 'd' }],
});

describe('applyDefinition', () => {
  it('makes the doc equal to the definition in one update, touching only what differs', () => {
    const doc = docFromDefinition(v1);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(applyDefinition(doc, v2)).toBe(true);
    expect(updates).toHaveLength(1);
    expect(definitionFromDoc(doc)).toEqual(v2);
    expect(applyDefinition(doc, v2)).toBe(false);
    expect(updates).toHaveLength(1);
  });

  it('a peer’s concurrent edit to a node the restore leaves alone survives', () => {
    const server = docFromDefinition(v1);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, encodeDoc(server));
    updateNodePosition(peer, 'a', { x: 42, y: 42 });
    applyDefinition(server, v2);
    syncDocs(server, peer);
    expect(definitionFromDoc(peer).nodes.find((n) => n.id === 'a')!.position).toEqual({ x: 42, y: 42 });
    expect(definitionFromDoc(server)).toEqual(definitionFromDoc(peer));
  });

  it('replaces a text param someone was typing in (the restore wins, no interleaving)', () => {
    const server = docFromDefinition(v1);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, encodeDoc(server));
    editParamText(peer, 'b', 'code', { index: 0, insert: '// x\n' });
    applyDefinition(server, v2);
    syncDocs(server, peer);
    expect(definitionFromDoc(peer).nodes.find((n) => n.id === 'b')!.params.code).toBe('return 2');
  });
});
