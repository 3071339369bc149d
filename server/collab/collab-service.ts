import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as Y from 'yjs';
import type { SessionUser } from '../auth/session-cache.ts';

/** The URL path of the collaboration WebSocket (same port as everything else). */
export const COLLAB_PATH = '/collab';

export type ChangeOptions = {
  /**
   * A stateless message for every connected client, sent right before the change's update is
   * applied (so it arrives first); built from that update. Used by version restore so the
   * restoring editor can put the restore on its own undo stack.
   */
  notice?: (update: Uint8Array) => string | null;
};

export type ChangeResult = {
  /** The Yjs update the change produced; null when it changed nothing. */
  update: Uint8Array | null;
};

export type CollabToken = {
  token: string;
  expiresAt: Date;
  /** Document name to give the provider. */
  documentName: string;
};

export type CollabStats = { documents: number; connections: number };

/**
 * What the rest of the server needs from the collaboration layer (Hocuspocus on /collab).
 * Implemented by `createCollabServer` in collab-server.ts.
 */
export interface CollabService {
  /** Routes a WebSocket upgrade on /collab. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Applies `change` to the live document of a workflow as one transaction with `origin`
   * (loading it if nobody has it open), so every connected editor sees it; persisted before the
   * promise resolves. If `change` throws, nothing is applied.
   */
  change(workflowId: string, change: (doc: Y.Doc) => void, origin?: unknown, options?: ChangeOptions): Promise<ChangeResult>;
  /** A copy of the current state of a workflow's document (live if open here, else as stored). */
  read(workflowId: string): Promise<Y.Doc>;
  /** A short-lived token that lets `user` connect to the workflow's document without a cookie. */
  issueToken(user: SessionUser, workflowId: string): CollabToken;
  stats(): CollabStats;
  /** Stops accepting connections, closes every one, persists every open document. */
  close(): Promise<void>;
}
