import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as Y from 'yjs';

/**
 * What the rest of the server needs from the collaboration layer (Hocuspocus on /collab).
 * Implemented by `createCollabServer` in collab-server.ts.
 */
export interface CollabService {
  /** Routes a WebSocket upgrade on /collab. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Applies `change` to the live document of a workflow as one transaction with `origin`
   * (loading it if nobody has it open), so every connected editor sees it; persisted.
   */
  change(workflowId: string, change: (doc: Y.Doc) => void, origin?: unknown): Promise<void>;
  /** The current state of a workflow's document (live if open, else as stored). */
  read(workflowId: string): Promise<Y.Doc>;
  /** Flushes pending persistence and closes every connection. */
  close(): Promise<void>;
}
