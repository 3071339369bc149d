import * as Y from 'yjs';
import {
  CURRENT_SCHEMA_VERSION,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from '../engine/definition.ts';

/**
 * The shared document of one workflow:
 *   nodes: Y.Map<nodeId, Y.Map>   type, typeVersion, name, position {x,y}, settings, params: Y.Map
 *   edges: Y.Map<edgeId, Y.Map>   source, sourceOutput, target, targetInput
 *   meta:  Y.Map                  schemaVersion
 * Keyed maps (not arrays) so concurrent edits to different nodes never conflict. Top-level
 * string params are Y.Text so two people can type in one prompt or script at once.
 */
export const DOC_NODES = 'nodes';
export const DOC_EDGES = 'edges';
export const DOC_META = 'meta';

export type NodeMap = Y.Map<unknown>;
export type EdgeMap = Y.Map<unknown>;

export const nodesOf = (doc: Y.Doc) => doc.getMap<NodeMap>(DOC_NODES);
export const edgesOf = (doc: Y.Doc) => doc.getMap<EdgeMap>(DOC_EDGES);
export const metaOf = (doc: Y.Doc) => doc.getMap<unknown>(DOC_META);

/** A param value as stored in the doc: strings become Y.Text, the rest stays plain JSON. */
export function toParamValue(value: unknown): unknown {
  return typeof value === 'string' ? new Y.Text(value) : value;
}

export function fromParamValue(value: unknown): unknown {
  return value instanceof Y.Text ? value.toString() : value;
}

export function createNodeMap(node: WorkflowNode): NodeMap {
  const map = new Y.Map<unknown>();
  map.set('type', node.type);
  map.set('typeVersion', node.typeVersion);
  map.set('name', node.name);
  map.set('position', { x: node.position.x, y: node.position.y });
  map.set('settings', node.settings);
  const params = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(node.params)) params.set(key, toParamValue(value));
  map.set('params', params);
  return map;
}

export function createEdgeMap(edge: WorkflowEdge): EdgeMap {
  const map = new Y.Map<unknown>();
  map.set('source', edge.source);
  map.set('sourceOutput', edge.sourceOutput);
  map.set('target', edge.target);
  map.set('targetInput', edge.targetInput);
  return map;
}

/** Replaces the whole content in one transaction (import, version restore): one update, one undo step. */
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

/**
 * Reads the document as a definition (unvalidated input for parseDefinition/compile).
 * Nodes and edges are sorted by id so equal documents give equal definitions.
 */
export function definitionFromDoc(doc: Y.Doc): WorkflowDefinition {
  const nodes: WorkflowNode[] = [];
  for (const [id, map] of [...nodesOf(doc).entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!(map instanceof Y.Map)) continue;
    const params: Record<string, unknown> = {};
    const yParams = map.get('params');
    if (yParams instanceof Y.Map) for (const [k, v] of yParams.entries()) params[k] = fromParamValue(v);
    const position = asObject(map.get('position'));
    nodes.push({
      id,
      type: asString(map.get('type'), ''),
      typeVersion: asNumber(map.get('typeVersion'), 1),
      name: asString(map.get('name'), id),
      position: { x: asNumber(position.x, 0), y: asNumber(position.y, 0) },
      params,
      settings: asObject(map.get('settings')) as WorkflowNode['settings'],
    });
  }
  const edges: WorkflowEdge[] = [];
  for (const [id, map] of [...edgesOf(doc).entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!(map instanceof Y.Map)) continue;
    edges.push({
      id,
      source: asString(map.get('source'), ''),
      sourceOutput: asString(map.get('sourceOutput'), 'main'),
      target: asString(map.get('target'), ''),
      targetInput: asString(map.get('targetInput'), 'main'),
    });
  }
  return { schemaVersion: CURRENT_SCHEMA_VERSION, nodes, edges };
}

export const encodeDoc = (doc: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(doc);

export function decodeDoc(state: Uint8Array | null | undefined): Y.Doc {
  const doc = new Y.Doc();
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
  return doc;
}
