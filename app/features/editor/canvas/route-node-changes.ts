import type { Node, NodeChange } from '@xyflow/react';

type Position = { x: number; y: number };

export interface RoutedChanges<N extends Node> {
  /** The new selection for the UI store, or null when no change selects or deselects. */
  selection: string[] | null;
  /** Changes React Flow's own copy of the nodes needs (sizes, positions being dragged). */
  local: NodeChange<N>[];
  /** Where moved nodes are now: what goes into the document. */
  moved: Record<string, Position>;
}

/**
 * Sorts React Flow's node changes by where they belong: selection to the UI store, sizes and
 * drag positions to the local nodes, positions to the document. Adds and removals are ignored
 * (the document is the only source of nodes; deleting goes through canvas commands), and a
 * read-only canvas moves nothing.
 */
export function routeNodeChanges<N extends Node>(changes: readonly NodeChange<N>[], selected: readonly string[], canEdit: boolean): RoutedChanges<N> {
  let selection: Set<string> | null = null;
  const local: NodeChange<N>[] = [];
  const moved: Record<string, Position> = {};
  for (const change of changes) {
    switch (change.type) {
      case 'select':
        selection ??= new Set(selected);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
        break;
      case 'position':
        if (!canEdit) break;
        if (change.position) moved[change.id] = { x: change.position.x, y: change.position.y };
        local.push(change);
        break;
      case 'dimensions':
        local.push(change);
        break;
      default:
        break;
    }
  }
  return { selection: selection ? [...selection] : null, local, moved };
}
