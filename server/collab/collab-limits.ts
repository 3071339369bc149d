/** Bounds on what one client may send and one document may grow to. */
export type CollabLimits = {
  /** Largest WebSocket message accepted (bigger ones close the socket with 1009). */
  maxMessageBytes: number;
  /** Largest document, as encoded state; updates that would grow it past this are refused. */
  maxDocumentBytes: number;
  /** Awareness client ids one connection may speak for (a provider uses one). */
  maxAwarenessClientsPerConnection: number;
};

export const DEFAULT_COLLAB_LIMITS: CollabLimits = {
  maxMessageBytes: 2 * 1024 * 1024,
  maxDocumentBytes: 16 * 1024 * 1024,
  maxAwarenessClientsPerConnection: 4,
};
