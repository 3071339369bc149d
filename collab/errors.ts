/** Why a document operation was refused. Stable codes: the editor shows them as they are. */
export const CollabErrorCode = {
  UnknownNode: 'UNKNOWN_NODE',
  UnknownEdge: 'UNKNOWN_EDGE',
  DuplicateNodeId: 'DUPLICATE_NODE_ID',
  DuplicateEdgeId: 'DUPLICATE_EDGE_ID',
  InvalidNode: 'INVALID_NODE',
  InvalidEdge: 'INVALID_EDGE',
  InvalidPosition: 'INVALID_POSITION',
} as const;
export type CollabErrorCode = (typeof CollabErrorCode)[keyof typeof CollabErrorCode];

export type CollabErrorPath = { nodeId?: string; edgeId?: string; field?: string };

export class CollabError extends Error {
  override readonly name = 'CollabError';
  constructor(
    readonly code: CollabErrorCode,
    message: string,
    readonly path: CollabErrorPath = {},
  ) {
    super(message);
  }
}
