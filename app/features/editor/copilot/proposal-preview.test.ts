import { describe, expect, it } from 'vitest';
import { describePreview, previewLayers } from './proposal-preview.ts';

const node = (id: string) => ({
  id,
  type: 'core.noOp',
  typeVersion: 1,
  name: id,
  position: { x: 0, y: 0 },
  params: {},
  settings: { retries: 0, backoff: { kind: 'exponential' as const, baseMs: 1000, maxMs: 60000 }, onError: 'stop' as const, disabled: false },
});

describe('copilot preview', () => {
  it('paints new nodes as ghosts and marks changed and removed ones', () => {
    const preview = { nodes: [node('n1')], edges: [], updatedNodeIds: ['a'], removedNodeIds: ['b'], removedEdgeIds: ['e'] };
    const { ghost, diff } = previewLayers(preview, 'Copilot');
    expect(ghost.nodes.map((n) => n.id)).toEqual(['n1']);
    expect(diff).toEqual({ label: 'Copilot', nodes: { a: 'changed', b: 'removed' }, edges: { e: 'removed' }, removedNodes: [], removedEdges: [] });
    expect(describePreview(preview)).toBe('1 node added, 1 changed, 1 removed');
  });

  it('needs no diff layer for a pure addition', () => {
    const { diff } = previewLayers({ nodes: [node('x'), node('y')], edges: [], updatedNodeIds: [], removedNodeIds: [], removedEdgeIds: [] }, 'AI');
    expect(diff).toBeNull();
  });
});
