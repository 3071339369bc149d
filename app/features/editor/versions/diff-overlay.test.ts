import { describe, expect, it } from 'vitest';
import { definition } from '../../../../collab/testing.ts';
import { diffDefinitions } from '../../../../collab/version-diff.ts';
import { isEmptyDiff, nodeCounts, overlayFromDiff } from './diff-overlay.ts';

const node = (id: string, x = 0, params: Record<string, unknown> = {}) => ({
  id,
  type: 'core.noOp',
  name: id.toUpperCase(),
  position: { x, y: 0 },
  params,
});

const saved = definition({
  nodes: [node('a'), node('b', 200, { note: 'x' }), node('c', 400), node('d', 600)],
  edges: [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'bc', source: 'b', target: 'c' },
  ],
});
const current = definition({
  // c removed, b edited, d only moved, e added.
  nodes: [node('a'), node('b', 200, { note: 'y' }), node('d', 650), node('e', 800)],
  edges: [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'be', source: 'b', target: 'e' },
  ],
});

describe('overlayFromDiff', () => {
  const diff = diffDefinitions(saved, current);
  const overlay = overlayFromDiff(diff, 'Changes since version 3');

  it('marks added, removed and edited nodes and edges by id', () => {
    expect(overlay.label).toBe('Changes since version 3');
    expect(overlay.nodes).toEqual({ e: 'added', c: 'removed', b: 'changed' });
    expect(overlay.edges).toEqual({ be: 'added', bc: 'removed' });
  });

  it('leaves nodes that only moved unmarked', () => {
    expect(overlay.nodes.d).toBeUndefined();
  });

  it('carries what the document no longer has, whole, for ghosts', () => {
    expect(overlay.removedNodes.map((n) => n.id)).toEqual(['c']);
    expect(overlay.removedNodes[0]).toMatchObject({ name: 'C', position: { x: 400, y: 0 } });
    expect(overlay.removedEdges).toEqual([expect.objectContaining({ id: 'bc', source: 'b', target: 'c' })]);
  });

  it('counts nodes for the summary line, moves apart', () => {
    expect(nodeCounts(diff)).toEqual({ added: 1, removed: 1, changed: 1, moved: 1 });
    expect(isEmptyDiff(diff)).toBe(false);
    expect(isEmptyDiff(diffDefinitions(saved, saved))).toBe(true);
  });
});
