import type { Edge, Node } from '@xyflow/react';
import * as Y from 'yjs';
import { edgesOf, nodesOf, readEdge, readNode } from '../../../../collab/index.ts';
import { MAIN_PORT, type WorkflowEdge, type WorkflowNode } from '../../../../engine/definition.ts';

/**
 * Pure mapping between workflow nodes/edges and React Flow's. Node data holds only what a card
 * paints (primitives), so a position-only change keeps the same `data` object and a param edit
 * the card does not show keeps the whole node object: memoised cards skip re-rendering.
 */

export type WorkflowNodeData = {
  type: string;
  typeVersion: number;
  name: string;
  onError: string;
  disabled: boolean;
};

/** How a node not in the document is drawn: a proposal (copilot) or a removal (version diff). */
export type GhostTone = 'ghost' | 'removed';

export type GhostNodeData = WorkflowNodeData & { tone: GhostTone; sourceId: string };

export type WorkflowFlowNode = Node<WorkflowNodeData, 'workflow'>;
export type GhostFlowNode = Node<GhostNodeData, 'ghost'>;
export type CanvasNode = WorkflowFlowNode | GhostFlowNode;

export type CanvasEdgeData = { ghost?: GhostTone };
export type CanvasEdge = Edge<CanvasEdgeData, 'workflow'>;

export const GHOST_PREFIX = 'ghost:';

export function nodeData(node: WorkflowNode): WorkflowNodeData {
  return {
    type: node.type,
    typeVersion: node.typeVersion,
    name: node.name,
    onError: node.settings?.onError ?? 'stop',
    disabled: node.settings?.disabled === true,
  };
}

const sameData = (a: WorkflowNodeData, b: WorkflowNodeData) =>
  a.type === b.type && a.typeVersion === b.typeVersion && a.name === b.name && a.onError === b.onError && a.disabled === b.disabled;

/** The React Flow node for `node`, reusing `prev` (or its data) when nothing visible changed. */
export function toFlowNode(node: WorkflowNode, prev?: WorkflowFlowNode, keepPrevPosition = false): WorkflowFlowNode {
  const data = nodeData(node);
  const position = keepPrevPosition && prev ? prev.position : node.position;
  if (prev) {
    const dataSame = sameData(prev.data, data);
    const positionSame = prev.position.x === position.x && prev.position.y === position.y;
    if (dataSame && positionSame) return prev;
    return { ...prev, position: positionSame ? prev.position : position, data: dataSame ? prev.data : data };
  }
  return { id: node.id, type: 'workflow', position: { x: position.x, y: position.y }, data };
}

export function toFlowEdge(edge: WorkflowEdge, prev?: CanvasEdge): CanvasEdge {
  const sourceHandle = edge.sourceOutput || MAIN_PORT;
  const targetHandle = edge.targetInput || MAIN_PORT;
  if (
    prev &&
    prev.source === edge.source &&
    prev.target === edge.target &&
    prev.sourceHandle === sourceHandle &&
    prev.targetHandle === targetHandle
  ) {
    return prev;
  }
  return { ...prev, id: edge.id, type: 'workflow', source: edge.source, target: edge.target, sourceHandle, targetHandle };
}

/** The top-level keys (node or edge ids) that a batch of observeDeep events touched. */
export function touchedKeys(events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const keys = new Set<string>();
  for (const event of events) {
    if (event.path.length === 0) {
      for (const key of event.changes.keys.keys()) keys.add(key);
    } else {
      const first = event.path[0];
      if (typeof first === 'string') keys.add(first);
    }
  }
  return keys;
}

/**
 * Rebuilds only the `changed` entries of `prev` (order kept, new ones appended, missing ones
 * dropped). Returns `prev` itself when nothing changed, so React skips the update.
 */
export function patchList<T extends { id: string }, V>(
  prev: readonly T[],
  changed: ReadonlySet<string>,
  read: (id: string) => V | null,
  build: (value: V, prev: T | undefined) => T,
): T[] {
  if (changed.size === 0) return prev as T[];
  let dirty = false;
  const seen = new Set<string>();
  const next: T[] = [];
  for (const item of prev) {
    if (!changed.has(item.id)) {
      next.push(item);
      continue;
    }
    seen.add(item.id);
    const value = read(item.id);
    if (value === null) {
      dirty = true;
      continue;
    }
    const built = build(value, item);
    if (built !== item) dirty = true;
    next.push(built);
  }
  for (const id of changed) {
    if (seen.has(id)) continue;
    const value = read(id);
    if (value === null) continue;
    next.push(build(value, undefined));
    dirty = true;
  }
  return dirty ? next : (prev as T[]);
}

export function readDocNode(doc: Y.Doc, id: string): WorkflowNode | null {
  const map = nodesOf(doc).get(id);
  return map instanceof Y.Map ? readNode(id, map) : null;
}

export function readDocEdge(doc: Y.Doc, id: string): WorkflowEdge | null {
  const map = edgesOf(doc).get(id);
  return map instanceof Y.Map ? readEdge(id, map) : null;
}

export function flowNodesFromDoc(doc: Y.Doc): WorkflowFlowNode[] {
  const out: WorkflowFlowNode[] = [];
  for (const id of nodesOf(doc).keys()) {
    const node = readDocNode(doc, id);
    if (node) out.push(toFlowNode(node));
  }
  return out;
}

export function flowEdgesFromDoc(doc: Y.Doc): CanvasEdge[] {
  const out: CanvasEdge[] = [];
  for (const id of edgesOf(doc).keys()) {
    const edge = readDocEdge(doc, id);
    if (edge) out.push(toFlowEdge(edge));
  }
  return out;
}

/** Sets `selected` to match `ids`, creating new objects only for nodes whose flag flips. */
export function withSelection<T extends { id: string; selected?: boolean }>(items: readonly T[], ids: ReadonlySet<string>): T[] {
  let dirty = false;
  const next = items.map((item) => {
    const want = ids.has(item.id);
    if (Boolean(item.selected) === want) return item;
    dirty = true;
    return { ...item, selected: want };
  });
  return dirty ? next : (items as T[]);
}

/**
 * Nodes and edges drawn translucent over the document (a proposal or a diff's removals). Ids
 * are prefixed so they never collide with document ids; an edge end that is not a ghost
 * attaches to the live node of that id.
 */
export function ghostElements(
  nodes: readonly WorkflowNode[],
  edges: readonly WorkflowEdge[],
  tone: GhostTone,
): { nodes: GhostFlowNode[]; edges: CanvasEdge[] } {
  const ghostIds = new Set(nodes.map((n) => n.id));
  const end = (id: string) => (ghostIds.has(id) ? GHOST_PREFIX + id : id);
  return {
    nodes: nodes.map((node) => ({
      id: GHOST_PREFIX + node.id,
      type: 'ghost',
      position: node.position,
      data: { ...nodeData(node), tone, sourceId: node.id },
      selectable: false,
      draggable: false,
      connectable: false,
      focusable: false,
      deletable: false,
      zIndex: tone === 'ghost' ? 5 : -1,
    })),
    edges: edges.map((edge) => ({
      id: GHOST_PREFIX + edge.id,
      type: 'workflow',
      source: end(edge.source),
      target: end(edge.target),
      sourceHandle: edge.sourceOutput || MAIN_PORT,
      targetHandle: edge.targetInput || MAIN_PORT,
      selectable: false,
      focusable: false,
      deletable: false,
      data: { ghost: tone },
    })),
  };
}
