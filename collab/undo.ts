import * as Y from 'yjs';
import { moveNodes, type Position } from './ops/nodes.ts';
import { DOC_EDGES, DOC_META, DOC_NODES, nodesOf } from './workflow-doc.ts';

/**
 * Per-user undo: the manager tracks only transactions made with `origin` (this editor's own
 * edits), so undo never reverts a peer's edit, and a value a peer overwrote since is left as
 * the peer set it (Yjs' default `ignoreRemoteMapChanges: false`).
 */
export function createUndoManager(doc: Y.Doc, origin: unknown, opts: { captureTimeout?: number } = {}): Y.UndoManager {
  return new Y.UndoManager([doc.getMap(DOC_NODES), doc.getMap(DOC_EDGES), doc.getMap(DOC_META)], {
    trackedOrigins: new Set([origin]),
    captureTimeout: opts.captureTimeout ?? 500,
  });
}

/**
 * Runs `change` as one transaction that is exactly one undo step, never merged with the edits
 * just before or after it (a copilot insertion, a paste, a version restore done locally).
 */
export function asOneUndoStep<T>(doc: Y.Doc, undo: Y.UndoManager, origin: unknown, change: () => T): T {
  undo.stopCapturing();
  try {
    return doc.transact(change, origin);
  } finally {
    undo.stopCapturing();
  }
}

export type DragOptions = {
  /** Minimum time between two writes to the document (DESIGN: at most ~30 Hz). */
  minIntervalMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

export interface DragSession {
  /** The latest positions of the dragged nodes; written now or at the next tick of the throttle. */
  move(positions: Record<string, Position>): void;
  /** Writes the final positions and closes the undo step. */
  end(positions?: Record<string, Position>): void;
}

/**
 * A whole drag as one undo step, streamed to peers at most every `minIntervalMs`: positions go
 * into the document while dragging (so peers watch it move) and the undo manager keeps merging
 * them into one stack item, however long the drag pauses.
 */
export function beginDrag(doc: Y.Doc, undo: Y.UndoManager, origin: unknown, opts: DragOptions = {}): DragSession {
  const minInterval = opts.minIntervalMs ?? 33;
  const now = opts.now ?? (() => performance.now());
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const savedTimeout = undo.captureTimeout;
  undo.stopCapturing();
  undo.captureTimeout = Number.POSITIVE_INFINITY;

  let pending: Record<string, Position> | null = null;
  let lastWrite = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  let ended = false;

  const write = () => {
    if (timer !== null) {
      clearTimer(timer);
      timer = null;
    }
    if (!pending) return;
    // A node a peer deleted mid-drag is skipped rather than failing the drag.
    const nodes = nodesOf(doc);
    const live = Object.fromEntries(Object.entries(pending).filter(([id]) => nodes.get(id) instanceof Y.Map));
    pending = null;
    lastWrite = now();
    if (Object.keys(live).length > 0) moveNodes(doc, live, origin);
  };

  return {
    move(positions) {
      if (ended) return;
      pending = { ...pending, ...positions };
      const wait = lastWrite + minInterval - now();
      if (wait <= 0) write();
      else if (timer === null) timer = setTimer(write, wait);
    },
    end(positions) {
      if (ended) return;
      if (positions) pending = { ...pending, ...positions };
      write();
      ended = true;
      undo.captureTimeout = savedTimeout;
      undo.stopCapturing();
    },
  };
}
