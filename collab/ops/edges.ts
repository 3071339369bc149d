import type * as Y from 'yjs';
import { MAIN_PORT, type WorkflowEdge } from '../../engine/definition.ts';
import { CollabError } from '../errors.ts';
import { createEdgeMap, edgeMapOf, edgesOf, nodesOf, readEdge } from '../workflow-doc.ts';

export type NewEdge = {
  id: string;
  source: string;
  target: string;
  sourceOutput?: string;
  targetInput?: string;
};

/**
 * Adds an edge between two existing nodes. Both ends are checked here; an edge that loses an
 * end through a concurrent node removal is removed by the server's schema guard.
 */
export function addEdge(doc: Y.Doc, edge: NewEdge, origin: unknown = null): void {
  if (!edge.id) throw new CollabError('INVALID_EDGE', 'An edge needs an id', { field: 'id' });
  const full: WorkflowEdge = {
    id: edge.id,
    source: edge.source,
    sourceOutput: edge.sourceOutput ?? MAIN_PORT,
    target: edge.target,
    targetInput: edge.targetInput ?? MAIN_PORT,
  };
  doc.transact(() => {
    const nodes = nodesOf(doc);
    if (!nodes.has(full.source)) throw new CollabError('UNKNOWN_NODE', `No source node "${full.source}"`, { edgeId: edge.id, field: 'source' });
    if (!nodes.has(full.target)) throw new CollabError('UNKNOWN_NODE', `No target node "${full.target}"`, { edgeId: edge.id, field: 'target' });
    if (edgesOf(doc).has(edge.id)) throw new CollabError('DUPLICATE_EDGE_ID', `Edge "${edge.id}" already exists`, { edgeId: edge.id });
    edgesOf(doc).set(edge.id, createEdgeMap(full));
  }, origin);
}

/** False when the edge was not there. */
export function removeEdge(doc: Y.Doc, edgeId: string, origin: unknown = null): boolean {
  if (!edgesOf(doc).has(edgeId)) return false;
  doc.transact(() => edgesOf(doc).delete(edgeId), origin);
  return true;
}

export function getEdge(doc: Y.Doc, edgeId: string): WorkflowEdge | null {
  const map = edgeMapOf(doc, edgeId);
  return map ? readEdge(edgeId, map) : null;
}
