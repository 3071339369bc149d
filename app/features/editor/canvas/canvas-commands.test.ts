import { describe, expect, it } from 'vitest';
import { createUndoManager, definitionFromDoc, docFromDefinition, edgesOf, nodesOf } from '../../../../collab/index.ts';
import { definition } from '../../../../collab/testing.ts';
import { applyPositions, connectPorts, copyNodes, deleteElements, duplicateNodes, pasteInto, type CommandContext } from './canvas-commands.ts';
import { canConnect } from './connection-rules.ts';

function setup(): CommandContext {
  const doc = docFromDefinition(
    definition({
      nodes: [
        { id: 'a', type: 'core.manualTrigger', name: 'Start', position: { x: 0, y: 0 } },
        { id: 'b', type: 'core.if', name: 'Check', position: { x: 300, y: 0 } },
        { id: 'c', type: 'core.noOp', name: 'Done', position: { x: 600, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'a', target: 'b' }],
    }),
  );
  const origin = { editor: 'me' };
  return { doc, undo: createUndoManager(doc, origin), origin };
}

describe('canConnect', () => {
  const existing = [{ source: 'a', target: 'b', sourceOutput: 'main', targetInput: 'main' }];
  it('rejects self loops, missing ends and duplicates of an existing edge', () => {
    expect(canConnect({ source: 'a', target: 'a' }, existing)).toBe(false);
    expect(canConnect({ source: 'a', target: null }, existing)).toBe(false);
    expect(canConnect({ source: 'a', target: 'b', sourceHandle: 'main', targetHandle: null }, existing)).toBe(false);
  });
  it('accepts a second edge between the same nodes on other ports', () => {
    expect(canConnect({ source: 'a', target: 'b', sourceHandle: 'true' }, existing)).toBe(true);
  });
});

describe('canvas commands', () => {
  it('connects ports once, as one undo step', () => {
    const ctx = setup();
    expect(connectPorts(ctx, { source: 'b', sourceHandle: 'true', target: 'c', targetHandle: 'main' }, 'e2')).toBe(true);
    expect(connectPorts(ctx, { source: 'b', sourceHandle: 'true', target: 'c', targetHandle: 'main' }, 'e3')).toBe(false);
    expect(connectPorts(ctx, { source: 'c', target: 'c' }, 'e4')).toBe(false);
    expect(definitionFromDoc(ctx.doc).edges.find((e) => e.id === 'e2')).toMatchObject({ sourceOutput: 'true', targetInput: 'main' });
    ctx.undo.undo();
    expect(edgesOf(ctx.doc).has('e2')).toBe(false);
  });

  it('deletes nodes with their edges and selected edges in one undo step', () => {
    const ctx = setup();
    connectPorts(ctx, { source: 'b', sourceHandle: 'false', target: 'c' }, 'e2');
    expect(deleteElements(ctx, ['a'], ['e2'])).toBe(true);
    expect([...nodesOf(ctx.doc).keys()].sort()).toEqual(['b', 'c']);
    expect(edgesOf(ctx.doc).size).toBe(0);
    ctx.undo.undo();
    expect([...nodesOf(ctx.doc).keys()].sort()).toEqual(['a', 'b', 'c']);
    expect([...edgesOf(ctx.doc).keys()].sort()).toEqual(['e1', 'e2']);
    expect(deleteElements(ctx, ['missing'], [])).toBe(false);
  });

  it('duplicates a selection with new ids, free names and inner edges, undone at once', () => {
    const ctx = setup();
    const ids = duplicateNodes(ctx, ['a', 'b']);
    expect(ids).toHaveLength(2);
    const def = definitionFromDoc(ctx.doc);
    const copies = def.nodes.filter((n) => ids.includes(n.id));
    expect(copies.map((n) => n.name).sort()).toEqual(['Check 2', 'Start 2']);
    const inner = def.edges.filter((e) => ids.includes(e.source) && ids.includes(e.target));
    expect(inner).toHaveLength(1);
    ctx.undo.undo();
    expect(nodesOf(ctx.doc).size).toBe(3);
    expect(edgesOf(ctx.doc).size).toBe(1);
  });

  it('pastes a payload copied from another workflow at a point', () => {
    const from = setup();
    const to = setup();
    const payload = copyNodes(from.doc, ['c'])!;
    const [id] = pasteInto(to, payload, { x: 50, y: 60 });
    const pasted = definitionFromDoc(to.doc).nodes.find((n) => n.id === id)!;
    expect(pasted).toMatchObject({ name: 'Done 2', position: { x: 50, y: 60 }, type: 'core.noOp' });
  });

  it('moves only nodes that still exist, as one step', () => {
    const ctx = setup();
    applyPositions(ctx, { a: { x: 10, y: 10 }, b: { x: 20, y: 20 }, gone: { x: 1, y: 1 } });
    expect(definitionFromDoc(ctx.doc).nodes.map((n) => n.position)).toEqual([
      { x: 10, y: 10 },
      { x: 20, y: 20 },
      { x: 600, y: 0 },
    ]);
    ctx.undo.undo();
    expect(definitionFromDoc(ctx.doc).nodes[0]!.position).toEqual({ x: 0, y: 0 });
  });
});
