import { z } from 'zod';
import {
  WorkflowEdgeSchema,
  WorkflowNodeSchema,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from '../../../../engine/definition.ts';
import { uniqueName } from './node-naming.ts';
import { renameReferences } from '../../../../collab/ops/node-references.ts';

/**
 * Copy and paste of nodes as JSON text with a marker type, so it travels through the system
 * clipboard between tabs and workflows. Pasted nodes get new ids and free names; edges among
 * them are kept, edges to nodes left behind are not.
 */

export const CLIPBOARD_TYPE = 'flowforge/nodes';

export interface ClipboardPayload {
  type: typeof CLIPBOARD_TYPE;
  version: 1;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

type Position = { x: number; y: number };

/** The selected nodes and the edges running between them, or null when nothing is selected. */
export function copySelection(definition: Pick<WorkflowDefinition, 'nodes' | 'edges'>, ids: Iterable<string>): ClipboardPayload | null {
  const wanted = new Set(ids);
  const nodes = definition.nodes.filter((n) => wanted.has(n.id));
  if (nodes.length === 0) return null;
  const kept = new Set(nodes.map((n) => n.id));
  const edges = definition.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  return { type: CLIPBOARD_TYPE, version: 1, nodes, edges };
}

export const serializeClipboard = (payload: ClipboardPayload): string => JSON.stringify(payload, null, 2);

const PastedSchema = z.object({
  nodes: z.array(WorkflowNodeSchema).min(1).max(2000),
  edges: z.array(WorkflowEdgeSchema).default([]),
});

/**
 * Reads clipboard text: our own payload, or an exported workflow definition (anything with a
 * `nodes` list in the definition shape). Anything else (plain text, broken JSON) is null.
 */
export function parseClipboard(text: string): ClipboardPayload | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const marked = (raw as { type?: unknown }).type === CLIPBOARD_TYPE;
  const isDefinition = 'schemaVersion' in raw;
  if (!marked && !isDefinition) return null;
  const parsed = PastedSchema.safeParse(raw);
  if (!parsed.success) return null;
  return { type: CLIPBOARD_TYPE, version: 1, nodes: parsed.data.nodes, edges: parsed.data.edges };
}

export interface PasteOptions {
  /** Names already used in the target workflow. */
  takenNames: Iterable<string>;
  /** Where the top-left of the pasted group lands; without it, the copies sit `offset` from the originals. */
  at?: Position;
  offset?: Position;
  newId?: () => string;
}

export interface PreparedPaste {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  /** Old id → new id. */
  idMap: Map<string, string>;
}

/** New ids, free names, positions moved to `at`, and expressions that named a renamed copy updated. */
export function preparePaste(payload: Pick<ClipboardPayload, 'nodes' | 'edges'>, options: PasteOptions): PreparedPaste {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const taken = new Set(options.takenNames);
  const idMap = new Map<string, string>();
  const renames = new Map<string, string>();
  const minX = Math.min(...payload.nodes.map((n) => n.position.x));
  const minY = Math.min(...payload.nodes.map((n) => n.position.y));
  const shift = options.at ? { x: options.at.x - minX, y: options.at.y - minY } : (options.offset ?? { x: 40, y: 40 });

  const named = payload.nodes.map((node) => {
    const name = uniqueName(node.name, taken);
    taken.add(name);
    if (name !== node.name) renames.set(node.name, name);
    const id = newId();
    idMap.set(node.id, id);
    return { node, id, name };
  });
  const nodes = named.map(({ node, id, name }) => ({
    ...node,
    id,
    name,
    position: { x: Math.round(node.position.x + shift.x), y: Math.round(node.position.y + shift.y) },
    params: renames.size > 0 ? (renameReferences(node.params, renames) as Record<string, unknown>) : structuredClone(node.params),
    settings: structuredClone(node.settings),
  }));
  const edges: WorkflowEdge[] = [];
  for (const edge of payload.edges) {
    const source = idMap.get(edge.source);
    const target = idMap.get(edge.target);
    if (!source || !target) continue;
    edges.push({ ...edge, id: newId(), source, target });
  }
  return { nodes, edges, idMap };
}

