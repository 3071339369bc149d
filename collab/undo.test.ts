import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEdge } from './ops/edges.ts';
import { addNode, getNode, updateNodePosition } from './ops/nodes.ts';
import { editParamText, getParam } from './ops/params.ts';
import { asOneUndoStep, beginDrag, createUndoManager } from './undo.ts';
import { syncDocs } from './testing.ts';
import { definitionFromDoc, nodesOf } from './workflow-doc.ts';

function pair() {
  const alice = new Y.Doc();
  const bob = new Y.Doc();
  addNode(alice, { id: 'a', type: 't', name: 'A', position: { x: 0, y: 0 } });
  addNode(alice, { id: 'b', type: 't', name: 'B', position: { x: 100, y: 0 }, params: { prompt: 'Hello' } });
  syncDocs(alice, bob);
  const A = { user: 'alice' };
  const B = { user: 'bob' };
  return { alice, bob, A, B, undoA: createUndoManager(alice, A), undoB: createUndoManager(bob, B) };
}

describe('per-user undo', () => {
  it('undo reverts only my own edits, never a peer’s', () => {
    const { alice, bob, A, B, undoA } = pair();
    updateNodePosition(alice, 'a', { x: 10, y: 10 }, A);
    editParamText(bob, 'b', 'prompt', { index: 5, insert: ', world' }, B);
    updateNodePosition(bob, 'b', { x: 300, y: 0 }, B);
    syncDocs(alice, bob);
    undoA.undo();
    syncDocs(alice, bob);
    for (const doc of [alice, bob]) {
      expect(getNode(doc, 'a')!.position).toEqual({ x: 0, y: 0 });
      expect(getNode(doc, 'b')!.position).toEqual({ x: 300, y: 0 });
      expect(getParam(doc, 'b', 'prompt')).toBe('Hello, world');
    }
  });

  it('a value a peer overwrote after me stays the peer’s when I undo', () => {
    const { alice, bob, A, B, undoA } = pair();
    updateNodePosition(alice, 'a', { x: 10, y: 10 }, A);
    syncDocs(alice, bob);
    updateNodePosition(bob, 'a', { x: 20, y: 20 }, B);
    syncDocs(alice, bob);
    undoA.undo();
    syncDocs(alice, bob);
    expect(getNode(alice, 'a')!.position).toEqual({ x: 20, y: 20 });
  });

  it('a whole drag is one undo step, however long it pauses, and streams at most every interval', () => {
    const { alice, A, undoA } = pair();
    let clock = 0;
    const timers: Array<() => void> = [];
    let writes = 0;
    nodesOf(alice).observeDeep(() => writes++);
    const drag = beginDrag(alice, undoA, A, { now: () => clock, setTimer: (fn) => timers.push(fn), clearTimer: () => {} });
    for (let i = 1; i <= 30; i++) {
      clock += i === 15 ? 5000 : 10; // a long pause halfway
      drag.move({ a: { x: i, y: i }, b: { x: 100 + i, y: 0 } });
    }
    drag.end({ a: { x: 99, y: 99 } });
    expect(writes).toBeLessThan(15);
    updateNodePosition(alice, 'b', { x: -1, y: -1 }, A);
    expect(undoA.undoStack.length).toBe(2); // the drag and the move (the fixture was made untracked)
    undoA.undo();
    expect(getNode(alice, 'b')!.position).toEqual({ x: 130, y: 0 });
    undoA.undo();
    expect(getNode(alice, 'a')!.position).toEqual({ x: 0, y: 0 });
    expect(getNode(alice, 'b')!.position).toEqual({ x: 100, y: 0 });
  });

  it('a copilot insertion is one step, not merged with the typing before it', () => {
    const { alice, A, undoA } = pair();
    editParamText(alice, 'b', 'prompt', { index: 0, insert: '>' }, A);
    asOneUndoStep(alice, undoA, A, () => {
      addNode(alice, { id: 'c', type: 't', name: 'C' });
      addNode(alice, { id: 'd', type: 't', name: 'D' });
      addEdge(alice, { id: 'cd', source: 'c', target: 'd' });
    });
    undoA.undo();
    expect(definitionFromDoc(alice).nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(getParam(alice, 'b', 'prompt')).toBe('>Hello');
  });
});
