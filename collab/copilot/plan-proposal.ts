import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from '../../engine/definition.ts';
import { NodeSettingsSchema } from '../../engine/definition.ts';
import type { Proposal } from './proposal.ts';

/** The document after a proposal, and what changed: what the preview paints and Accept writes. */
export interface ProposalPlan {
  definition: WorkflowDefinition;
  addedNodes: WorkflowNode[];
  addedEdges: WorkflowEdge[];
  updatedNodeIds: string[];
  removedNodeIds: string[];
  removedEdgeIds: string[];
  /** Model ref → node id given to the new node. */
  refToId: Record<string, string>;
}

export type PlanResult = { ok: true; plan: ProposalPlan } | { ok: false; errors: string[] };

const COLUMN = 280;
const ROW = 150;

/**
 * Resolves a proposal against a document: refs become fresh ids, names are made unique, edges
 * must join nodes that exist afterwards, new nodes get positions next to what they connect to.
 * Pure, so the server (to validate and compile) and the browser (to apply on accept, against
 * the document as it is then) compute the same result.
 */
export function planProposal(current: WorkflowDefinition, proposal: Proposal, newId: () => string): PlanResult {
  const errors: string[] = [];
  const nodes = new Map(current.nodes.map((n) => [n.id, { ...n }]));
  const edges = new Map(current.edges.map((e) => [e.id, { ...e }]));

  const removedEdgeIds = new Set<string>();
  for (const id of proposal.removeEdges) {
    if (edges.has(id)) removedEdgeIds.add(id);
    else errors.push(`removeEdges: no edge "${id}"`);
  }
  const removedNodeIds = new Set<string>();
  for (const id of proposal.removeNodes) {
    if (nodes.has(id)) removedNodeIds.add(id);
    else errors.push(`removeNodes: no node "${id}"`);
  }
  for (const id of removedNodeIds) nodes.delete(id);
  for (const [id, edge] of edges) {
    if (removedEdgeIds.has(id) || removedNodeIds.has(edge.source) || removedNodeIds.has(edge.target)) {
      removedEdgeIds.add(id);
      edges.delete(id);
    }
  }

  const updatedNodeIds: string[] = [];
  for (const update of proposal.updateNodes) {
    const node = nodes.get(update.id);
    if (!node) {
      errors.push(`updateNodes: no node "${update.id}"`);
      continue;
    }
    if (update.name !== undefined) node.name = update.name;
    if (update.params) node.params = { ...node.params, ...update.params };
    updatedNodeIds.push(update.id);
  }

  const names = new Set([...nodes.values()].map((n) => n.name));
  const refToId: Record<string, string> = {};
  const addedNodes: WorkflowNode[] = [];
  for (const proposed of proposal.addNodes) {
    if (proposed.ref in refToId || nodes.has(proposed.ref)) {
      errors.push(`addNodes: ref "${proposed.ref}" is used twice`);
      continue;
    }
    const id = newId();
    refToId[proposed.ref] = id;
    const node: WorkflowNode = {
      id,
      type: proposed.type,
      typeVersion: 1,
      name: uniqueName(proposed.name, names),
      position: { x: 0, y: 0 },
      params: proposed.params,
      settings: NodeSettingsSchema.parse({}),
    };
    names.add(node.name);
    nodes.set(id, node);
    addedNodes.push(node);
  }

  const resolve = (ref: string) => refToId[ref] ?? (nodes.has(ref) ? ref : undefined);
  const addedEdges: WorkflowEdge[] = [];
  const existingKeys = new Set([...edges.values()].map(edgeKey));
  for (const proposed of proposal.addEdges) {
    const source = resolve(proposed.from);
    const target = resolve(proposed.to);
    if (!source || !target) {
      errors.push(`addEdges: ${!source ? `"${proposed.from}"` : `"${proposed.to}"`} is neither a new node's ref nor an existing node`);
      continue;
    }
    if (source === target) {
      errors.push(`addEdges: node "${proposed.from}" cannot connect to itself`);
      continue;
    }
    const edge: WorkflowEdge = { id: newId(), source, sourceOutput: proposed.fromOutput, target, targetInput: proposed.toInput };
    if (existingKeys.has(edgeKey(edge))) continue;
    existingKeys.add(edgeKey(edge));
    edges.set(edge.id, edge);
    addedEdges.push(edge);
  }
  if (errors.length > 0) return { ok: false, errors };

  placeNewNodes(nodes, [...edges.values()], new Set(addedNodes.map((n) => n.id)));
  return {
    ok: true,
    plan: {
      definition: { schemaVersion: current.schemaVersion, nodes: [...nodes.values()], edges: [...edges.values()] },
      addedNodes: addedNodes.map((n) => nodes.get(n.id)!),
      addedEdges,
      updatedNodeIds,
      removedNodeIds: [...removedNodeIds],
      removedEdgeIds: [...removedEdgeIds],
      refToId,
    },
  };
}

const edgeKey = (e: WorkflowEdge) => `${e.source}\u0000${e.sourceOutput}\u0000${e.target}\u0000${e.targetInput}`;

function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted} ${i}`)) return `${wanted} ${i}`;
}

/**
 * New nodes go one column right of their first placed parent (a row lower for each sibling);
 * parentless ones start a row below the existing workflow. Occupied cells are skipped.
 */
function placeNewNodes(nodes: Map<string, WorkflowNode>, edges: WorkflowEdge[], fresh: Set<string>): void {
  const existing = [...nodes.values()].filter((n) => !fresh.has(n.id));
  const minX = existing.length ? Math.min(...existing.map((n) => n.position.x)) : 0;
  let nextRootY = existing.length ? Math.max(...existing.map((n) => n.position.y)) + ROW * 1.5 : 0;
  const occupied = new Set(existing.map((n) => cell(n.position)));
  const parents = new Map<string, string[]>();
  for (const e of edges) parents.set(e.target, [...(parents.get(e.target) ?? []), e.source]);
  const placed = new Set(existing.map((n) => n.id));

  const place = (node: WorkflowNode, visiting: Set<string>) => {
    if (placed.has(node.id) || visiting.has(node.id)) return;
    visiting.add(node.id);
    const parentIds = parents.get(node.id) ?? [];
    for (const id of parentIds) {
      const parent = nodes.get(id);
      if (parent && fresh.has(id)) place(parent, visiting);
    }
    const anchor = parentIds.map((id) => nodes.get(id)).find((p) => p && placed.has(p.id));
    let position = anchor ? { x: anchor.position.x + COLUMN, y: anchor.position.y } : { x: minX, y: nextRootY };
    if (!anchor) nextRootY += ROW;
    while (occupied.has(cell(position))) position = { x: position.x, y: position.y + ROW };
    node.position = position;
    occupied.add(cell(position));
    placed.add(node.id);
  };
  for (const id of fresh) place(nodes.get(id)!, new Set());
}

const cell = (p: { x: number; y: number }) => `${Math.round(p.x / COLUMN)}:${Math.round(p.y / ROW)}`;
