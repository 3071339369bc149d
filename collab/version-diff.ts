import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from '../engine/definition.ts';
import { deepEqual } from './deep-equal.ts';

/**
 * The difference between two workflow definitions, as data the editor can paint: nodes and
 * edges added, removed or changed, and for each change the fields and params that differ
 * (with before/after values). Pure; ordered by id, so equal inputs give equal diffs.
 */
export type FieldChangeKind = 'added' | 'removed' | 'changed';

export type FieldChange = {
  /** `name`, `type`, `typeVersion`, `position`, `settings.retries`, `params.url`, `params.options.timeout`, `source` … */
  path: string;
  kind: FieldChangeKind;
  before?: unknown;
  after?: unknown;
};

export type NodeChange = {
  id: string;
  /** The node's name in the newer definition. */
  name: string;
  type: string;
  /** True when the position is the only difference (painted as "moved", not "edited"). */
  movedOnly: boolean;
  fields: FieldChange[];
};

export type EdgeChange = { id: string; fields: FieldChange[] };

export type DefinitionDiff = {
  nodes: { added: WorkflowNode[]; removed: WorkflowNode[]; changed: NodeChange[] };
  edges: { added: WorkflowEdge[]; removed: WorkflowEdge[]; changed: EdgeChange[] };
  /** Counts for a one-line summary ("3 added, 1 removed, 2 changed"). */
  summary: { added: number; removed: number; changed: number; moved: number; unchanged: number };
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Field changes between two values; plain objects are walked key by key, arrays compared whole. */
function diffValue(path: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (deepEqual(before, after)) return;
  if (before === undefined) return void out.push({ path, kind: 'added', after });
  if (after === undefined) return void out.push({ path, kind: 'removed', before });
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diffValue(`${path}.${key}`, before[key], after[key], out);
    return;
  }
  out.push({ path, kind: 'changed', before, after });
}

function diffNode(before: WorkflowNode, after: WorkflowNode): NodeChange | null {
  const fields: FieldChange[] = [];
  for (const key of ['type', 'typeVersion', 'name'] as const) diffValue(key, before[key], after[key], fields);
  if (before.position.x !== after.position.x || before.position.y !== after.position.y) {
    fields.push({ path: 'position', kind: 'changed', before: before.position, after: after.position });
  }
  diffValue('settings', before.settings ?? {}, after.settings ?? {}, fields);
  diffValue('params', before.params ?? {}, after.params ?? {}, fields);
  if (fields.length === 0) return null;
  return {
    id: after.id,
    name: after.name,
    type: after.type,
    movedOnly: fields.every((f) => f.path === 'position'),
    fields,
  };
}

function diffEdge(before: WorkflowEdge, after: WorkflowEdge): EdgeChange | null {
  const fields: FieldChange[] = [];
  for (const key of ['source', 'sourceOutput', 'target', 'targetInput'] as const) diffValue(key, before[key], after[key], fields);
  return fields.length ? { id: after.id, fields } : null;
}

/** What changed going from `before` to `after`. */
export function diffDefinitions(before: WorkflowDefinition, after: WorkflowDefinition): DefinitionDiff {
  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const newNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const oldEdges = new Map(before.edges.map((e) => [e.id, e]));
  const newEdges = new Map(after.edges.map((e) => [e.id, e]));

  const nodes: DefinitionDiff['nodes'] = {
    added: after.nodes.filter((n) => !oldNodes.has(n.id)).sort(byId),
    removed: before.nodes.filter((n) => !newNodes.has(n.id)).sort(byId),
    changed: [],
  };
  let unchanged = 0;
  for (const node of [...after.nodes].sort(byId)) {
    const old = oldNodes.get(node.id);
    if (!old) continue;
    const change = diffNode(old, node);
    if (change) nodes.changed.push(change);
    else unchanged++;
  }
  const edges: DefinitionDiff['edges'] = {
    added: after.edges.filter((e) => !oldEdges.has(e.id)).sort(byId),
    removed: before.edges.filter((e) => !newEdges.has(e.id)).sort(byId),
    changed: [],
  };
  for (const edge of [...after.edges].sort(byId)) {
    const old = oldEdges.get(edge.id);
    const change = old ? diffEdge(old, edge) : null;
    if (change) edges.changed.push(change);
  }
  const moved = nodes.changed.filter((c) => c.movedOnly).length;
  return {
    nodes,
    edges,
    summary: {
      added: nodes.added.length + edges.added.length,
      removed: nodes.removed.length + edges.removed.length,
      changed: nodes.changed.length - moved + edges.changed.length,
      moved,
      unchanged,
    },
  };
}

/** True when the two definitions describe the same workflow (positions included). */
export function sameDefinition(a: WorkflowDefinition, b: WorkflowDefinition): boolean {
  const d = diffDefinitions(a, b);
  return d.summary.added === 0 && d.summary.removed === 0 && d.summary.changed === 0 && d.summary.moved === 0;
}
