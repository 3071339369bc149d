import * as Y from 'yjs';
import { NodeSettingsSchema, type NodeSettings, type WorkflowNode } from '../../engine/definition.ts';
import { CollabError } from '../errors.ts';
import { createNodeMap, edgesOf, EdgeField, NodeField, nodeMapOf, nodesOf, readNode } from '../workflow-doc.ts';

export type Position = { x: number; y: number };

/** What a caller gives to add a node: everything the engine defaults may be left out. */
export type NewNode = {
  id: string;
  type: string;
  name: string;
  typeVersion?: number;
  position?: Position;
  params?: Record<string, unknown>;
  settings?: Partial<NodeSettings>;
};

function assertPosition(position: Position, nodeId: string): void {
  if (!Number.isFinite(position.x) || !Number.isFinite(position.y)) {
    throw new CollabError('INVALID_POSITION', `Position of node "${nodeId}" must be finite numbers`, { nodeId, field: 'position' });
  }
}

function requireNode(doc: Y.Doc, nodeId: string) {
  const map = nodeMapOf(doc, nodeId);
  if (!map) throw new CollabError('UNKNOWN_NODE', `No node "${nodeId}"`, { nodeId });
  return map;
}

/** Adds a complete node in one transaction (a node never appears without its type). */
export function addNode(doc: Y.Doc, node: NewNode, origin: unknown = null): void {
  if (!node.id) throw new CollabError('INVALID_NODE', 'A node needs an id', { field: 'id' });
  if (!node.type) throw new CollabError('INVALID_NODE', `Node "${node.id}" needs a type`, { nodeId: node.id, field: 'type' });
  if (!node.name) throw new CollabError('INVALID_NODE', `Node "${node.id}" needs a name`, { nodeId: node.id, field: 'name' });
  const position = node.position ?? { x: 0, y: 0 };
  assertPosition(position, node.id);
  const full: WorkflowNode = {
    id: node.id,
    type: node.type,
    typeVersion: node.typeVersion ?? 1,
    name: node.name,
    position,
    params: node.params ?? {},
    settings: NodeSettingsSchema.parse(node.settings ?? {}),
  };
  doc.transact(() => {
    if (nodesOf(doc).has(node.id)) throw new CollabError('DUPLICATE_NODE_ID', `Node "${node.id}" already exists`, { nodeId: node.id });
    nodesOf(doc).set(node.id, createNodeMap(full));
  }, origin);
}

/** Removes a node and every edge touching it, as one transaction (one undo step). False when absent. */
export function removeNode(doc: Y.Doc, nodeId: string, origin: unknown = null): boolean {
  if (!nodesOf(doc).has(nodeId)) return false;
  doc.transact(() => {
    for (const edgeId of edgeIdsOfNode(doc, nodeId)) edgesOf(doc).delete(edgeId);
    nodesOf(doc).delete(nodeId);
  }, origin);
  return true;
}

/** Ids of the edges whose source or target is `nodeId`. */
export function edgeIdsOfNode(doc: Y.Doc, nodeId: string): string[] {
  const ids: string[] = [];
  for (const [id, edge] of edgesOf(doc).entries()) {
    if (!(edge instanceof Y.Map)) continue;
    if (edge.get(EdgeField.Source) === nodeId || edge.get(EdgeField.Target) === nodeId) ids.push(id);
  }
  return ids;
}

/** Moves one node. The position is one value, so concurrent moves resolve to one of them, never a mix. */
export function updateNodePosition(doc: Y.Doc, nodeId: string, position: Position, origin: unknown = null): void {
  moveNodes(doc, { [nodeId]: position }, origin);
}

/** Moves several nodes in one transaction (a multi-selection drag step). */
export function moveNodes(doc: Y.Doc, positions: Record<string, Position>, origin: unknown = null): void {
  const entries = Object.entries(positions);
  const maps = entries.map(([nodeId, position]) => {
    assertPosition(position, nodeId);
    return [requireNode(doc, nodeId), position] as const;
  });
  doc.transact(() => {
    for (const [map, position] of maps) map.set(NodeField.Position, { x: position.x, y: position.y });
  }, origin);
}

export function renameNode(doc: Y.Doc, nodeId: string, name: string, origin: unknown = null): void {
  if (!name) throw new CollabError('INVALID_NODE', 'A node name must not be empty', { nodeId, field: 'name' });
  const map = requireNode(doc, nodeId);
  doc.transact(() => map.set(NodeField.Name, name), origin);
}

/** Replaces the node's settings (retry, timeout, onError, disabled) as one value. */
export function setNodeSettings(doc: Y.Doc, nodeId: string, settings: Partial<NodeSettings>, origin: unknown = null): void {
  const map = requireNode(doc, nodeId);
  const parsed = NodeSettingsSchema.parse(settings);
  doc.transact(() => map.set(NodeField.Settings, parsed), origin);
}

/** The node as plain data, or null. */
export function getNode(doc: Y.Doc, nodeId: string): WorkflowNode | null {
  const map = nodeMapOf(doc, nodeId);
  return map ? readNode(nodeId, map) : null;
}

export function nodeIds(doc: Y.Doc): string[] {
  return [...nodesOf(doc).keys()];
}
