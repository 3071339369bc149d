import type { Node, NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { routeNodeChanges } from './route-node-changes.ts';

const changes: NodeChange<Node>[] = [
  { type: 'select', id: 'a', selected: true },
  { type: 'select', id: 'b', selected: false },
  { type: 'position', id: 'c', position: { x: 10, y: 20 }, dragging: true },
  { type: 'dimensions', id: 'c', dimensions: { width: 220, height: 60 } },
  { type: 'remove', id: 'd' },
];

describe('routeNodeChanges', () => {
  it('sends selection to the store, sizes and positions to the local nodes, positions to the document', () => {
    const routed = routeNodeChanges(changes, ['b', 'x'], true);
    expect(routed.selection?.sort()).toEqual(['a', 'x']);
    expect(routed.local.map((c) => c.type)).toEqual(['position', 'dimensions']);
    expect(routed.moved).toEqual({ c: { x: 10, y: 20 } });
  });

  it('moves nothing on a read-only canvas but still selects and measures', () => {
    const routed = routeNodeChanges(changes, [], false);
    expect(routed.selection).toEqual(['a']);
    expect(routed.local.map((c) => c.type)).toEqual(['dimensions']);
    expect(routed.moved).toEqual({});
  });

  it('leaves the selection alone when no change is a selection', () => {
    expect(routeNodeChanges([{ type: 'dimensions', id: 'c' }], ['q'], true).selection).toBeNull();
  });
});
