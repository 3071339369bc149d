import type * as Y from 'yjs';

type Position = { x: number; y: number };

/**
 * What parts outside the canvas (the palette) may ask of the open canvas. Registered per
 * document by FlowCanvas, since the palette sits outside React Flow's provider.
 */
export interface CanvasBridge {
  /** The middle of the visible canvas, in flow coordinates. */
  viewportCenter(): Position;
  /** Adds a node of `type` centred on `at` (default: the middle of the view), selects it, returns its id. */
  addNodeOfType(type: string, at?: Position): string | null;
}

const bridges = new WeakMap<Y.Doc, CanvasBridge>();

export function registerCanvasBridge(doc: Y.Doc, bridge: CanvasBridge): () => void {
  bridges.set(doc, bridge);
  return () => {
    if (bridges.get(doc) === bridge) bridges.delete(doc);
  };
}

export const canvasBridgeOf = (doc: Y.Doc): CanvasBridge | undefined => bridges.get(doc);

/** The MIME type a palette item carries while dragged onto the canvas (its value: the node type). */
export const NODE_TYPE_MIME = 'application/x-flowforge-node-type';
