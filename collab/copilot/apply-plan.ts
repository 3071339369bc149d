import * as Y from 'yjs';
import { setParam } from '../ops/params.ts';
import { createEdgeMap, createNodeMap, edgesOf, NodeField, nodeMapOf, nodesOf } from '../workflow-doc.ts';
import type { ProposalPlan } from './plan-proposal.ts';
import type { DraftMark } from './proposal.ts';

/** Node field holding the DraftMark of a node the copilot added or changed (not part of the definition). */
export const DRAFT_MARK_FIELD = 'drafted';

/**
 * Writes a planned proposal into the document in ONE transaction with `origin`: peers receive
 * it as one update, and wrapped in `asOneUndoStep` it is one undo step for the user who accepted.
 */
export function applyPlan(doc: Y.Doc, plan: ProposalPlan, mark: DraftMark, origin: unknown): void {
  doc.transact(() => {
    const nodes = nodesOf(doc);
    const edges = edgesOf(doc);
    for (const id of plan.removedEdgeIds) edges.delete(id);
    for (const id of plan.removedNodeIds) nodes.delete(id);
    const byId = new Map(plan.definition.nodes.map((n) => [n.id, n]));
    for (const id of plan.updatedNodeIds) {
      const map = nodeMapOf(doc, id);
      const next = byId.get(id);
      if (!map || !next) continue;
      if (map.get(NodeField.Name) !== next.name) map.set(NodeField.Name, next.name);
      for (const [key, value] of Object.entries(next.params)) setParam(doc, id, key, value, origin);
      map.set(DRAFT_MARK_FIELD, mark);
    }
    for (const node of plan.addedNodes) {
      const map = createNodeMap(node);
      map.set(DRAFT_MARK_FIELD, mark);
      nodes.set(node.id, map);
    }
    for (const edge of plan.addedEdges) {
      if (nodes.has(edge.source) && nodes.has(edge.target)) edges.set(edge.id, createEdgeMap(edge));
    }
  }, origin);
}

/** The draft mark of a node, if the copilot added or changed it. */
export function readDraftMark(map: Y.Map<unknown>): DraftMark | null {
  const value = map.get(DRAFT_MARK_FIELD) as Partial<DraftMark> | undefined;
  return value && value.by === 'ai' && typeof value.forName === 'string' ? (value as DraftMark) : null;
}
