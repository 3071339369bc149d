import type { ChangeMark, DiffOverlay, GhostLayer } from '../editor-store.ts';
import type { WorkflowEdge, WorkflowNode } from '../../../../engine/definition.ts';

export interface DraftPreview {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  updatedNodeIds: string[];
  removedNodeIds: string[];
  removedEdgeIds: string[];
}

/**
 * How a proposal is painted before anyone accepts it: new nodes and edges as ghosts over the
 * document, existing nodes it changes or removes marked amber / red.
 */
export function previewLayers(preview: DraftPreview, label: string): { ghost: GhostLayer; diff: DiffOverlay | null } {
  const ghost: GhostLayer = { label, nodes: preview.nodes, edges: preview.edges };
  if (preview.updatedNodeIds.length === 0 && preview.removedNodeIds.length === 0 && preview.removedEdgeIds.length === 0) {
    return { ghost, diff: null };
  }
  const nodes: Record<string, ChangeMark> = {};
  for (const id of preview.updatedNodeIds) nodes[id] = 'changed';
  for (const id of preview.removedNodeIds) nodes[id] = 'removed';
  const edges: Record<string, ChangeMark> = {};
  for (const id of preview.removedEdgeIds) edges[id] = 'removed';
  return { ghost, diff: { label, nodes, edges, removedNodes: [], removedEdges: [] } };
}

/** "3 nodes added, 1 changed" — what Accept will do, in words. */
export function describePreview(preview: DraftPreview): string {
  const parts: string[] = [];
  const count = (n: number, what: string) => n > 0 && parts.push(`${n} ${what}`);
  count(preview.nodes.length, preview.nodes.length === 1 ? 'node added' : 'nodes added');
  count(preview.edges.length, preview.edges.length === 1 ? 'connection added' : 'connections added');
  count(preview.updatedNodeIds.length, 'changed');
  count(preview.removedNodeIds.length, 'removed');
  return parts.join(', ') || 'No changes';
}
