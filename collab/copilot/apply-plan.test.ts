import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode } from '../ops/nodes.ts';
import { createUndoManager, asOneUndoStep } from '../undo.ts';
import { definitionFromDoc, nodeMapOf } from '../workflow-doc.ts';
import { applyPlan, readDraftMark } from './apply-plan.ts';
import { planProposal } from './plan-proposal.ts';
import { ProposalSchema } from './proposal.ts';

function linked() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
  return { a, b };
}

let n = 0;
const ids = () => `id-${++n}`;
const mark = { by: 'ai' as const, forUserId: 'u1', forName: 'Ana', at: 1 };

describe('copilot proposals on the shared document', () => {
  it('applies as one update and one undo step, marked, and undo leaves a peer edit alone', () => {
    const { a, b } = linked();
    const me = { user: 'a' };
    const undo = createUndoManager(a, me);
    addNode(a, { id: 'trigger', type: 'core.manualTrigger', name: 'Start' }, me);
    undo.stopCapturing();
    const proposal = ProposalSchema.parse({
      summary: 'two steps',
      addNodes: [
        { ref: 'get', type: 'core.httpRequest', name: 'Fetch', params: { url: 'https://example.com' } },
        { ref: 'set', type: 'core.set', name: 'Start', params: {} },
      ],
      addEdges: [
        { from: 'trigger', to: 'get' },
        { from: 'get', to: 'set' },
      ],
    });
    const planned = planProposal(definitionFromDoc(a), proposal, ids);
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    let updates = 0;
    b.on('update', () => updates++);
    asOneUndoStep(a, undo, me, () => applyPlan(a, planned.plan, mark, me));
    expect(updates).toBe(1);
    const atB = definitionFromDoc(b);
    expect(atB.nodes.map((x) => x.name).sort()).toEqual(['Fetch', 'Start', 'Start 2']);
    expect(atB.edges).toHaveLength(2);
    expect(readDraftMark(nodeMapOf(b, planned.plan.refToId.get!)!)).toEqual(mark);

    // A peer edits meanwhile; undoing the accepted proposal removes exactly it.
    addNode(b, { id: 'peer', type: 'core.noOp', name: 'Peer note' }, { user: 'b' });
    undo.undo();
    expect(definitionFromDoc(b).nodes.map((x) => x.id).sort()).toEqual(['peer', 'trigger']);
    expect(definitionFromDoc(b).edges).toHaveLength(0);
  });

  it('refuses references to nodes that do not exist, and duplicate refs', () => {
    const doc = new Y.Doc();
    const result = planProposal(
      definitionFromDoc(doc),
      ProposalSchema.parse({
        addNodes: [
          { ref: 'x', type: 'core.noOp', name: 'X' },
          { ref: 'x', type: 'core.noOp', name: 'Y' },
        ],
        addEdges: [{ from: 'x', to: 'nowhere' }],
        removeNodes: ['missing'],
      }),
      ids,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join('\n')).toMatch(/no node "missing"/);
    expect(result.errors.join('\n')).toMatch(/ref "x" is used twice/);
    expect(result.errors.join('\n')).toMatch(/"nowhere" is neither/);
  });

  it('updates params and names of existing nodes and removes nodes with their edges', () => {
    const doc = new Y.Doc();
    addNode(doc, { id: 't', type: 'core.manualTrigger', name: 'T' });
    addNode(doc, { id: 'h', type: 'core.httpRequest', name: 'H', params: { url: 'https://a', method: 'GET' } });
    addNode(doc, { id: 'z', type: 'core.noOp', name: 'Z' });
    const planned = planProposal(
      definitionFromDoc(doc),
      ProposalSchema.parse({ updateNodes: [{ id: 'h', name: 'Fetch page', params: { url: 'https://b' } }], removeNodes: ['z'], addEdges: [{ from: 't', to: 'h' }] }),
      ids,
    );
    if (!planned.ok) throw new Error(planned.errors.join());
    applyPlan(doc, planned.plan, mark, null);
    const def = definitionFromDoc(doc);
    expect(def.nodes.map((x) => x.id)).toEqual(['h', 't']);
    expect(def.nodes.find((x) => x.id === 'h')).toMatchObject({ name: 'Fetch page', params: { url: 'https://b', method: 'GET' } });
    expect(def.edges).toHaveLength(1);
  });
});
