import type { DefinitionDiff } from '../../../../collab/version-diff.ts';
import type { ChangeMark, DiffOverlay } from '../editor-store.ts';

/**
 * What the canvas paints for a diff from an older definition to the current document: nodes
 * and edges of the document that were added or changed keep their ids, and what the document
 * no longer has comes along whole so the canvas can draw it as a ghost. Nodes that only moved
 * are left unmarked (a moved node in amber reads as "edited" and hides real edits).
 */
export function overlayFromDiff(diff: DefinitionDiff, label: string): DiffOverlay {
  const nodes: Record<string, ChangeMark> = {};
  const edges: Record<string, ChangeMark> = {};
  for (const n of diff.nodes.added) nodes[n.id] = 'added';
  for (const n of diff.nodes.removed) nodes[n.id] = 'removed';
  for (const c of diff.nodes.changed) if (!c.movedOnly) nodes[c.id] = 'changed';
  for (const e of diff.edges.added) edges[e.id] = 'added';
  for (const e of diff.edges.removed) edges[e.id] = 'removed';
  for (const c of diff.edges.changed) edges[c.id] = 'changed';
  return { label, nodes, edges, removedNodes: diff.nodes.removed, removedEdges: diff.edges.removed };
}

export type DiffCounts = { added: number; removed: number; changed: number; moved: number };

/** Node counts for the panel's summary line (edges are listed, but the headline counts nodes). */
export function nodeCounts(diff: DefinitionDiff): DiffCounts {
  const moved = diff.nodes.changed.filter((c) => c.movedOnly).length;
  return { added: diff.nodes.added.length, removed: diff.nodes.removed.length, changed: diff.nodes.changed.length - moved, moved };
}

export const isEmptyDiff = (diff: DefinitionDiff) =>
  diff.summary.added === 0 && diff.summary.removed === 0 && diff.summary.changed === 0 && diff.summary.moved === 0;
