import * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION, type WorkflowDefinition, type WorkflowNode } from '../engine/definition.ts';
import {
  createEdgeMap,
  createNodeMap,
  createParamsMap,
  EdgeField,
  edgesOf,
  fromParamValue,
  metaOf,
  NodeField,
  nodesOf,
  paramsMapOf,
  readEdge,
  toParamValue,
  type NodeMap,
} from './workflow-doc.ts';
import { deepEqual } from './deep-equal.ts';

/**
 * Makes the document equal to `definition` in one transaction, touching only what differs
 * (version restore): nodes and edges that already match are left alone, so a peer's concurrent
 * edit to an untouched node survives and the update stays small. Returns whether anything changed.
 */
export function applyDefinition(doc: Y.Doc, definition: WorkflowDefinition, origin: unknown = null): boolean {
  let changed = false;
  doc.transact(() => {
    const nodes = nodesOf(doc);
    const edges = edgesOf(doc);
    const wantedNodes = new Map(definition.nodes.map((n) => [n.id, n]));
    const wantedEdges = new Map(definition.edges.map((e) => [e.id, e]));

    for (const id of [...edges.keys()]) {
      if (!wantedEdges.has(id)) {
        edges.delete(id);
        changed = true;
      }
    }
    for (const id of [...nodes.keys()]) {
      if (!wantedNodes.has(id)) {
        nodes.delete(id);
        changed = true;
      }
    }
    for (const node of definition.nodes) {
      const current = nodes.get(node.id);
      if (current instanceof Y.Map && paramsMapOf(current)) {
        changed = updateNode(current, node) || changed;
      } else {
        nodes.set(node.id, createNodeMap(node));
        changed = true;
      }
    }
    for (const edge of definition.edges) {
      const current = edges.get(edge.id);
      if (current instanceof Y.Map && deepEqual(readEdge(edge.id, current), edge)) continue;
      if (current instanceof Y.Map) {
        for (const field of Object.values(EdgeField)) if (current.get(field) !== edge[field]) current.set(field, edge[field]);
      } else {
        edges.set(edge.id, createEdgeMap(edge));
      }
      changed = true;
    }
    const meta = metaOf(doc);
    if (meta.get('schemaVersion') !== CURRENT_SCHEMA_VERSION) {
      meta.set('schemaVersion', CURRENT_SCHEMA_VERSION);
      changed = true;
    }
  }, origin);
  return changed;
}

function updateNode(map: NodeMap, node: WorkflowNode): boolean {
  let changed = false;
  const set = (field: string, value: unknown) => {
    if (!deepEqual(map.get(field), value)) {
      map.set(field, value);
      changed = true;
    }
  };
  set(NodeField.Type, node.type);
  set(NodeField.TypeVersion, node.typeVersion);
  set(NodeField.Name, node.name);
  set(NodeField.Position, { x: node.position.x, y: node.position.y });
  set(NodeField.Settings, node.settings);
  const params = paramsMapOf(map);
  if (!params) {
    map.set(NodeField.Params, createParamsMap(node.params));
    return true;
  }
  for (const key of [...params.keys()]) {
    if (!(key in node.params) || node.params[key] === undefined) {
      params.delete(key);
      changed = true;
    }
  }
  for (const [key, value] of Object.entries(node.params)) {
    if (value === undefined || deepEqual(fromParamValue(params.get(key)), value)) continue;
    params.set(key, toParamValue(value));
    changed = true;
  }
  return changed;
}
