import * as Y from 'yjs';
import {
  addEdge,
  addNode,
  asOneUndoStep,
  definitionFromDoc,
  edgesOf,
  moveNodes,
  nodesOf,
  readEdge,
  removeEdge,
  removeNode,
  type NewNode,
} from '../../../../collab/index.ts';
import { MAIN_PORT } from '../../../../engine/definition.ts';
import { copySelection, preparePaste, type ClipboardPayload } from './clipboard.ts';
import { canConnect, type ConnectionAttempt } from './connection-rules.ts';

/**
 * The document edits behind canvas commands. Each is one transaction with the editor's origin
 * and one undo step; they return what the UI should select next.
 */
export interface CommandContext {
  doc: Y.Doc;
  undo: Y.UndoManager;
  origin: object;
}

type Position = { x: number; y: number };

export function existingNames(doc: Y.Doc): Set<string> {
  const names = new Set<string>();
  for (const map of nodesOf(doc).values()) {
    const name = map instanceof Y.Map ? map.get('name') : undefined;
    if (typeof name === 'string') names.add(name);
  }
  return names;
}

export function nodePositions(doc: Y.Doc): Position[] {
  const out: Position[] = [];
  for (const map of nodesOf(doc).values()) {
    const p = map instanceof Y.Map ? (map.get('position') as Position | undefined) : undefined;
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) out.push(p);
  }
  return out;
}

export function deleteElements(ctx: CommandContext, nodeIds: readonly string[], edgeIds: readonly string[]): boolean {
  const nodes = nodeIds.filter((id) => nodesOf(ctx.doc).has(id));
  const edges = edgeIds.filter((id) => edgesOf(ctx.doc).has(id));
  if (nodes.length === 0 && edges.length === 0) return false;
  asOneUndoStep(ctx.doc, ctx.undo, ctx.origin, () => {
    for (const id of edges) removeEdge(ctx.doc, id, ctx.origin);
    for (const id of nodes) removeNode(ctx.doc, id, ctx.origin);
  });
  return true;
}

/** Inserts a clipboard payload (new ids, free names) and returns the new node ids. */
export function pasteInto(ctx: CommandContext, payload: Pick<ClipboardPayload, 'nodes' | 'edges'>, at?: Position): string[] {
  const prepared = preparePaste(payload, { takenNames: existingNames(ctx.doc), at });
  asOneUndoStep(ctx.doc, ctx.undo, ctx.origin, () => {
    for (const node of prepared.nodes) addNode(ctx.doc, node, ctx.origin);
    for (const edge of prepared.edges) addEdge(ctx.doc, edge, ctx.origin);
  });
  return prepared.nodes.map((n) => n.id);
}

export function copyNodes(doc: Y.Doc, ids: readonly string[]): ClipboardPayload | null {
  return copySelection(definitionFromDoc(doc), ids);
}

/** Copies beside the originals (edges among them kept); returns the copies' ids. */
export function duplicateNodes(ctx: CommandContext, ids: readonly string[]): string[] {
  const payload = copyNodes(ctx.doc, ids);
  return payload ? pasteInto(ctx, payload) : [];
}

export function connectPorts(ctx: CommandContext, attempt: ConnectionAttempt, id: string = crypto.randomUUID()): boolean {
  const existing = [...edgesOf(ctx.doc).entries()].flatMap(([edgeId, map]) => (map instanceof Y.Map ? [readEdge(edgeId, map)] : []));
  if (!canConnect(attempt, existing)) return false;
  if (!nodesOf(ctx.doc).has(attempt.source!) || !nodesOf(ctx.doc).has(attempt.target!)) return false;
  asOneUndoStep(ctx.doc, ctx.undo, ctx.origin, () =>
    addEdge(
      ctx.doc,
      {
        id,
        source: attempt.source!,
        sourceOutput: attempt.sourceHandle || MAIN_PORT,
        target: attempt.target!,
        targetInput: attempt.targetHandle || MAIN_PORT,
      },
      ctx.origin,
    ),
  );
  return true;
}

export function createNode(ctx: CommandContext, node: NewNode): void {
  asOneUndoStep(ctx.doc, ctx.undo, ctx.origin, () => addNode(ctx.doc, node, ctx.origin));
}

/** Moves nodes that still exist (a peer may have deleted some meanwhile) as one step. */
export function applyPositions(ctx: CommandContext, positions: Record<string, Position>): void {
  const live = Object.fromEntries(Object.entries(positions).filter(([id]) => nodesOf(ctx.doc).has(id)));
  if (Object.keys(live).length === 0) return;
  asOneUndoStep(ctx.doc, ctx.undo, ctx.origin, () => moveNodes(ctx.doc, live, ctx.origin));
}
