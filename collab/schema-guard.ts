import * as Y from 'yjs';
import {
  createParamsMap,
  DOC_ROOTS,
  EdgeField,
  edgesOf,
  NodeField,
  nodesOf,
} from './workflow-doc.ts';

/**
 * What keeps a shared document loadable whatever peers send: every node is a map with a type,
 * every edge joins two existing nodes, and only the known top-level types hold content.
 * Semantic problems (unknown node types, bad params, cycles) are the compiler's business and
 * stay in the document for the editor to show.
 */
export const SchemaViolationCode = {
  NodeNotAMap: 'NODE_NOT_A_MAP',
  NodeBadId: 'NODE_BAD_ID',
  NodeWithoutType: 'NODE_WITHOUT_TYPE',
  NodeBadField: 'NODE_BAD_FIELD',
  EdgeNotAMap: 'EDGE_NOT_A_MAP',
  EdgeBadId: 'EDGE_BAD_ID',
  EdgeBadEnd: 'EDGE_BAD_END',
  EdgeDangling: 'EDGE_DANGLING',
  EdgeBadPort: 'EDGE_BAD_PORT',
  UnknownRoot: 'UNKNOWN_ROOT',
} as const;
export type SchemaViolationCode = (typeof SchemaViolationCode)[keyof typeof SchemaViolationCode];

export type SchemaViolation = {
  code: SchemaViolationCode;
  nodeId?: string;
  edgeId?: string;
  field?: string;
  root?: string;
};

/** Which entries to look at; omit for the whole document. */
export type GuardScope = { nodeIds?: Iterable<string>; edgeIds?: Iterable<string>; roots?: Iterable<string> };

/** Any Yjs shared type (the type `tr.changed` and `doc.share` hold). */
type SharedType = Parameters<typeof Y.findRootTypeKey>[0];

const MAX_NODE_ID = 200;
const MAX_EDGE_ID = 400;

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isPlainObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType);
const isPosition = (v: unknown) =>
  isPlainObject(v) && Number.isFinite((v as { x?: unknown }).x) && Number.isFinite((v as { y?: unknown }).y);

export function checkNode(nodeId: string, value: unknown): SchemaViolation[] {
  if (!(value instanceof Y.Map)) return [{ code: 'NODE_NOT_A_MAP', nodeId }];
  if (nodeId.length === 0 || nodeId.length > MAX_NODE_ID) return [{ code: 'NODE_BAD_ID', nodeId }];
  if (!isNonEmptyString(value.get(NodeField.Type))) return [{ code: 'NODE_WITHOUT_TYPE', nodeId, field: NodeField.Type }];
  const out: SchemaViolation[] = [];
  const bad = (field: string) => out.push({ code: 'NODE_BAD_FIELD', nodeId, field });
  if (!isNonEmptyString(value.get(NodeField.Name))) bad(NodeField.Name);
  const version = value.get(NodeField.TypeVersion);
  if (!(typeof version === 'number' && Number.isInteger(version) && version >= 1)) bad(NodeField.TypeVersion);
  if (!isPosition(value.get(NodeField.Position))) bad(NodeField.Position);
  if (!isPlainObject(value.get(NodeField.Settings))) bad(NodeField.Settings);
  if (!(value.get(NodeField.Params) instanceof Y.Map)) bad(NodeField.Params);
  return out;
}

/** Whether a node entry can anchor an edge (present, a map, with an id and a type). */
function isUsableNode(nodeId: string, value: unknown): boolean {
  return checkNode(nodeId, value).every((v) => v.code === 'NODE_BAD_FIELD');
}

export function checkEdge(
  edgeId: string,
  value: unknown,
  nodes: Y.Map<unknown> | Y.Map<Y.Map<unknown>>,
  usable: (nodeId: string) => boolean = (id) => isUsableNode(id, nodes.get(id)),
): SchemaViolation[] {
  if (!(value instanceof Y.Map)) return [{ code: 'EDGE_NOT_A_MAP', edgeId }];
  if (edgeId.length === 0 || edgeId.length > MAX_EDGE_ID) return [{ code: 'EDGE_BAD_ID', edgeId }];
  const out: SchemaViolation[] = [];
  for (const field of [EdgeField.Source, EdgeField.Target]) {
    const end = value.get(field);
    if (!isNonEmptyString(end)) return [{ code: 'EDGE_BAD_END', edgeId, field }];
    // An edge to a node that is itself broken goes with that node.
    if (!nodes.has(end) || !usable(end)) return [{ code: 'EDGE_DANGLING', edgeId, field }];
  }
  for (const field of [EdgeField.SourceOutput, EdgeField.TargetInput]) {
    if (!isNonEmptyString(value.get(field))) out.push({ code: 'EDGE_BAD_PORT', edgeId, field });
  }
  return out;
}

/** Every violation within `scope` (the whole document when omitted). */
export function findViolations(doc: Y.Doc, scope?: GuardScope): SchemaViolation[] {
  const nodes = nodesOf(doc);
  const edges = edgesOf(doc);
  const out: SchemaViolation[] = [];
  for (const id of scope?.nodeIds ?? nodes.keys()) if (nodes.has(id)) out.push(...checkNode(id, nodes.get(id)));
  // Many edges share an end node: check each node once per call.
  const usable = new Map<string, boolean>();
  const isUsable = (id: string) => {
    let ok = usable.get(id);
    if (ok === undefined) usable.set(id, (ok = isUsableNode(id, nodes.get(id))));
    return ok;
  };
  for (const id of scope?.edgeIds ?? edges.keys()) if (edges.has(id)) out.push(...checkEdge(id, edges.get(id), nodes, isUsable));
  for (const root of scope?.roots ?? doc.share.keys()) {
    if (DOC_ROOTS.includes(root)) continue;
    const type = doc.share.get(root);
    if (type && hasContent(type)) out.push({ code: 'UNKNOWN_ROOT', root });
  }
  return out;
}

function hasContent(type: SharedType): boolean {
  for (const item of type._map.values()) if (!item.deleted) return true;
  for (let item = type._start; item; item = item.right) if (!item.deleted) return true;
  return false;
}

/** Deletes everything inside a top-level type, whatever kind it was created as. */
function clearType(type: SharedType, tr: Y.Transaction): void {
  for (const item of type._map.values()) if (!item.deleted) item.delete(tr);
  for (let item = type._start; item; item = item.right) if (!item.deleted) item.delete(tr);
}

/**
 * Fixes `violations` in one transaction: broken nodes and edges are removed (with the edges of
 * a removed node), bad fields get neutral values, unknown top-level types are emptied.
 */
export function repairViolations(doc: Y.Doc, violations: readonly SchemaViolation[], origin: unknown = null): void {
  if (violations.length === 0) return;
  doc.transact((tr) => {
    const nodes = nodesOf(doc);
    const edges = edgesOf(doc);
    const removedNodes = new Set<string>();
    for (const v of violations) {
      switch (v.code) {
        case 'NODE_NOT_A_MAP':
        case 'NODE_BAD_ID':
        case 'NODE_WITHOUT_TYPE':
          nodes.delete(v.nodeId!);
          removedNodes.add(v.nodeId!);
          break;
        case 'NODE_BAD_FIELD': {
          const node = nodes.get(v.nodeId!);
          if (node instanceof Y.Map) repairNodeField(node, v.nodeId!, v.field!);
          break;
        }
        case 'EDGE_NOT_A_MAP':
        case 'EDGE_BAD_ID':
        case 'EDGE_BAD_END':
        case 'EDGE_DANGLING':
          edges.delete(v.edgeId!);
          break;
        case 'EDGE_BAD_PORT': {
          const edge = edges.get(v.edgeId!);
          if (edge instanceof Y.Map) edge.set(v.field!, 'main');
          break;
        }
        case 'UNKNOWN_ROOT': {
          const type = doc.share.get(v.root!);
          if (type) clearType(type, tr);
          break;
        }
        default:
          assertUnreachable(v.code);
      }
    }
    if (removedNodes.size === 0) return;
    for (const [id, edge] of edges.entries()) {
      if (!(edge instanceof Y.Map)) continue;
      if (removedNodes.has(edge.get(EdgeField.Source) as string) || removedNodes.has(edge.get(EdgeField.Target) as string)) edges.delete(id);
    }
  }, origin);
}

function repairNodeField(node: Y.Map<unknown>, nodeId: string, field: string): void {
  switch (field) {
    case NodeField.Name:
      node.set(field, nodeId);
      break;
    case NodeField.TypeVersion:
      node.set(field, 1);
      break;
    case NodeField.Position:
      node.set(field, { x: 0, y: 0 });
      break;
    case NodeField.Settings:
      node.set(field, {});
      break;
    case NodeField.Params: {
      const current = node.get(field);
      node.set(field, createParamsMap(isPlainObject(current) ? (current as Record<string, unknown>) : {}));
      break;
    }
  }
}

function assertUnreachable(x: never): never {
  throw new Error(`Unhandled schema violation ${String(x)}`);
}

/** The entries a transaction touched: what the guard needs to re-check after it. */
export function scopeOfTransaction(doc: Y.Doc, tr: Y.Transaction): { nodeIds: Set<string>; edgeIds: Set<string>; roots: Set<string> } {
  return scopeOf(nodesOf(doc), edgesOf(doc), tr);
}

function scopeOf(nodeMap: Y.Map<Y.Map<unknown>>, edgeMap: Y.Map<Y.Map<unknown>>, tr: Y.Transaction) {
  const nodes: SharedType = nodeMap;
  const edges: SharedType = edgeMap;
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  const roots = new Set<string>();
  const removedNodes = new Set<string>();
  for (const [type, keys] of tr.changed) {
    if (type === nodes) {
      for (const key of keys) if (key !== null) (nodeMap.has(key) ? nodeIds : removedNodes).add(key);
    } else if (type === edges) {
      for (const key of keys) if (key !== null) edgeIds.add(key);
    } else if (type._item === null) {
      const root = Y.findRootTypeKey(type);
      if (!DOC_ROOTS.includes(root)) roots.add(root);
    } else if (type._item.parent === nodes && typeof type._item.parentSub === 'string') {
      nodeIds.add(type._item.parentSub);
    } else if (type._item.parent === edges && typeof type._item.parentSub === 'string') {
      edgeIds.add(type._item.parentSub);
    }
  }
  // Edges of a node that went away must be re-checked too (a node that breaks is removed by
  // the repair together with its edges, so a field change never needs this scan).
  if (removedNodes.size > 0) {
    for (const [id, edge] of edgeMap.entries()) {
      if (!(edge instanceof Y.Map)) continue;
      const source = edge.get(EdgeField.Source) as string;
      const target = edge.get(EdgeField.Target) as string;
      if (removedNodes.has(source) || removedNodes.has(target)) edgeIds.add(id);
    }
  }
  return { nodeIds, edgeIds, roots };
}

/**
 * The hot path (a drag, typing in a prompt): the transaction only changed fields of existing,
 * still valid nodes, or content inside them (params, texts). Answered without building a scope.
 */
function onlyValidNodeFieldChanges(nodes: SharedType, tr: Y.Transaction): boolean {
  for (const type of tr.changed.keys()) {
    const item = type._item;
    if (item === null) return false;
    if (item.parent === nodes) {
      if (typeof item.parentSub !== 'string' || checkNode(item.parentSub, type).length > 0) return false;
      continue;
    }
    // Somewhere below a node (its params map, a text in it)? Then it is free-form content.
    let ancestor = item.parent as SharedType | null;
    while (ancestor?._item && ancestor._item.parent !== nodes) ancestor = ancestor._item.parent as SharedType | null;
    if (!ancestor?._item) return false;
  }
  return true;
}

export type SchemaGuardOptions = {
  /** Origin of repair transactions; transactions with it are not re-checked. */
  origin: unknown;
  onRepair?: (violations: SchemaViolation[], cause: Y.Transaction | null) => void;
};

/**
 * Repairs the whole document now, then every transaction that breaks the schema right after it
 * (a node without type, an edge to nowhere — including ones made by two valid concurrent edits).
 * Returns the uninstall function.
 */
export function installSchemaGuard(doc: Y.Doc, options: SchemaGuardOptions): () => void {
  const initial = findViolations(doc);
  if (initial.length > 0) {
    repairViolations(doc, initial, options.origin);
    options.onRepair?.(initial, null);
  }
  const nodeMap = nodesOf(doc);
  const edgeMap = edgesOf(doc);
  const handler = (tr: Y.Transaction) => {
    if (tr.origin === options.origin || tr.changed.size === 0) return;
    if (onlyValidNodeFieldChanges(nodeMap, tr)) return;
    const violations = findViolations(doc, scopeOf(nodeMap, edgeMap, tr));
    if (violations.length === 0) return;
    repairViolations(doc, violations, options.origin);
    options.onRepair?.(violations, tr);
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
