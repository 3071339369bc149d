import * as Y from 'yjs';
import {
  CURRENT_SCHEMA_VERSION,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from '../engine/definition.ts';

/**
 * The shared document of one workflow:
 *   nodes: Y.Map<nodeId, Y.Map>   type, typeVersion, name, position {x,y} (one value), settings (one value),
 *                                 params: Y.Map<key, Y.Text | JSON>
 *   edges: Y.Map<edgeId, Y.Map>   source, sourceOutput, target, targetInput
 *   meta:  Y.Map                  schemaVersion
 * Keyed maps (not arrays) so concurrent edits to different nodes never conflict. Top-level
 * string params are Y.Text so two people can type in one prompt or script at once; every
 * other value is replaced as a whole (last writer wins). Selection, drags in progress,
 * measured sizes and run overlays never enter the document (they live in awareness or UI state).
 */
export const DOC_NODES = 'nodes';
export const DOC_EDGES = 'edges';
export const DOC_META = 'meta';
/** The only top-level types a workflow document may hold; the server clears any other. */
export const DOC_ROOTS: readonly string[] = [DOC_NODES, DOC_EDGES, DOC_META];

export const NodeField = {
  Type: 'type',
  TypeVersion: 'typeVersion',
  Name: 'name',
  Position: 'position',
  Settings: 'settings',
  Params: 'params',
} as const;

export const EdgeField = {
  Source: 'source',
  SourceOutput: 'sourceOutput',
  Target: 'target',
  TargetInput: 'targetInput',
} as const;

export type NodeMap = Y.Map<unknown>;
export type EdgeMap = Y.Map<unknown>;
export type ParamsMap = Y.Map<unknown>;

export const nodesOf = (doc: Y.Doc) => doc.getMap<NodeMap>(DOC_NODES);
export const edgesOf = (doc: Y.Doc) => doc.getMap<EdgeMap>(DOC_EDGES);
export const metaOf = (doc: Y.Doc) => doc.getMap<unknown>(DOC_META);

/** The node's Y.Map, or null when absent or not a map (a broken entry the server will repair). */
export function nodeMapOf(doc: Y.Doc, nodeId: string): NodeMap | null {
  const map = nodesOf(doc).get(nodeId);
  return map instanceof Y.Map ? map : null;
}

export function edgeMapOf(doc: Y.Doc, edgeId: string): EdgeMap | null {
  const map = edgesOf(doc).get(edgeId);
  return map instanceof Y.Map ? map : null;
}

export function paramsMapOf(node: NodeMap): ParamsMap | null {
  const params = node.get(NodeField.Params);
  return params instanceof Y.Map ? params : null;
}

/**
 * A param value as stored in the doc: strings become Y.Text, the rest plain JSON (normalised
 * through JSON, so objects without a prototype or with Dates store the way they export).
 */
export function toParamValue(value: unknown): unknown {
  if (typeof value === 'string') return new Y.Text(value);
  if (value !== null && typeof value === 'object') return JSON.parse(JSON.stringify(value)) as unknown;
  return value;
}

export function fromParamValue(value: unknown): unknown {
  return value instanceof Y.Text ? value.toString() : value;
}

export function createParamsMap(params: Record<string, unknown>): ParamsMap {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) map.set(key, toParamValue(value));
  return map;
}

export function createNodeMap(node: WorkflowNode): NodeMap {
  const map = new Y.Map<unknown>();
  map.set(NodeField.Type, node.type);
  map.set(NodeField.TypeVersion, node.typeVersion);
  map.set(NodeField.Name, node.name);
  map.set(NodeField.Position, { x: node.position.x, y: node.position.y });
  map.set(NodeField.Settings, node.settings);
  map.set(NodeField.Params, createParamsMap(node.params));
  return map;
}

export function createEdgeMap(edge: WorkflowEdge): EdgeMap {
  const map = new Y.Map<unknown>();
  map.set(EdgeField.Source, edge.source);
  map.set(EdgeField.SourceOutput, edge.sourceOutput);
  map.set(EdgeField.Target, edge.target);
  map.set(EdgeField.TargetInput, edge.targetInput);
  return map;
}

/** Replaces the whole content in one transaction (import): one update, one undo step. */
export function replaceDocContent(doc: Y.Doc, definition: WorkflowDefinition, origin: unknown = null): void {
  doc.transact(() => {
    const nodes = nodesOf(doc);
    const edges = edgesOf(doc);
    for (const id of [...edges.keys()]) edges.delete(id);
    for (const id of [...nodes.keys()]) nodes.delete(id);
    for (const node of definition.nodes) nodes.set(node.id, createNodeMap(node));
    for (const edge of definition.edges) edges.set(edge.id, createEdgeMap(edge));
    metaOf(doc).set('schemaVersion', CURRENT_SCHEMA_VERSION);
  }, origin);
}

export function docFromDefinition(definition: WorkflowDefinition): Y.Doc {
  const doc = new Y.Doc();
  replaceDocContent(doc, definition);
  return doc;
}

const asNumber = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const asString = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
const asObject = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
/** Code-unit order, not locale order: the same document gives the same definition everywhere. */
const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/** Reads one node entry; missing or malformed fields fall back to neutral values. */
export function readNode(id: string, map: NodeMap): WorkflowNode {
  const params: Record<string, unknown> = {};
  const yParams = paramsMapOf(map);
  if (yParams) for (const [k, v] of yParams.entries()) params[k] = fromParamValue(v);
  const position = asObject(map.get(NodeField.Position));
  return {
    id,
    type: asString(map.get(NodeField.Type), ''),
    typeVersion: asNumber(map.get(NodeField.TypeVersion), 1),
    name: asString(map.get(NodeField.Name), id),
    position: { x: asNumber(position.x, 0), y: asNumber(position.y, 0) },
    params,
    settings: asObject(map.get(NodeField.Settings)) as WorkflowNode['settings'],
  };
}

export function readEdge(id: string, map: EdgeMap): WorkflowEdge {
  return {
    id,
    source: asString(map.get(EdgeField.Source), ''),
    sourceOutput: asString(map.get(EdgeField.SourceOutput), 'main'),
    target: asString(map.get(EdgeField.Target), ''),
    targetInput: asString(map.get(EdgeField.TargetInput), 'main'),
  };
}

/**
 * Reads the document as a definition (unvalidated input for parseDefinition/compile).
 * Nodes and edges are sorted by id so equal documents give equal definitions.
 */
export function definitionFromDoc(doc: Y.Doc): WorkflowDefinition {
  const nodes: WorkflowNode[] = [];
  for (const [id, map] of [...nodesOf(doc).entries()].sort(byKey)) {
    if (map instanceof Y.Map) nodes.push(readNode(id, map));
  }
  const edges: WorkflowEdge[] = [];
  for (const [id, map] of [...edgesOf(doc).entries()].sort(byKey)) {
    if (map instanceof Y.Map) edges.push(readEdge(id, map));
  }
  return { schemaVersion: CURRENT_SCHEMA_VERSION, nodes, edges };
}

export const encodeDoc = (doc: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(doc);

export function decodeDoc(state: Uint8Array | null | undefined): Y.Doc {
  const doc = new Y.Doc();
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
  return doc;
}
