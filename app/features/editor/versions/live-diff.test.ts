import { describe, expect, it } from 'vitest';
import { docFromDefinition } from '../../../../collab/workflow-doc.ts';
import { addNode, removeNode } from '../../../../collab/ops/nodes.ts';
import { setParam } from '../../../../collab/ops/params.ts';
import { definition } from '../../../../collab/testing.ts';
import { createEditorStore } from '../editor-store.ts';
import { createLiveDiff } from './live-diff.ts';

const saved = definition({
  nodes: [
    { id: 'a', type: 'core.noOp', name: 'A', position: { x: 0, y: 0 }, params: {} },
    { id: 'b', type: 'core.noOp', name: 'B', position: { x: 200, y: 0 }, params: { note: 'x' } },
  ],
  edges: [{ id: 'ab', source: 'a', target: 'b' }],
});

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('createLiveDiff', () => {
  it('paints the diff at once and follows later edits of the document', async () => {
    const doc = docFromDefinition(saved);
    const store = createEditorStore();
    const live = createLiveDiff(doc, store, 1);

    live.show({ id: 'v3', number: 3, definition: saved });
    expect(store.getState().diff).toMatchObject({ label: 'Changes since version 3', nodes: {}, edges: {} });

    setParam(doc, 'b', 'note', 'y');
    addNode(doc, { id: 'c', type: 'core.noOp', name: 'C', position: { x: 400, y: 0 } });
    await settle();
    expect(store.getState().diff?.nodes).toEqual({ b: 'changed', c: 'added' });
    expect(live.state.getState().diff?.nodes.changed[0]?.fields).toEqual([{ path: 'params.note', kind: 'changed', before: 'x', after: 'y' }]);

    removeNode(doc, 'a');
    await settle();
    expect(store.getState().diff?.removedNodes.map((n) => n.id)).toEqual(['a']);
    expect(store.getState().diff?.removedEdges.map((e) => e.id)).toEqual(['ab']);
  });

  it('stops following the document once hidden, here or by the canvas', async () => {
    const doc = docFromDefinition(saved);
    const store = createEditorStore();
    const live = createLiveDiff(doc, store, 1);

    live.show({ id: 'v3', number: 3, definition: saved });
    live.hide();
    expect(store.getState().diff).toBeNull();
    setParam(doc, 'b', 'note', 'z');
    await settle();
    expect(store.getState().diff).toBeNull();

    live.show({ id: 'v3', number: 3, definition: saved });
    store.getState().setDiff(null);
    expect(live.state.getState().version).toBeNull();
    setParam(doc, 'b', 'note', 'w');
    await settle();
    expect(store.getState().diff).toBeNull();
  });
});
