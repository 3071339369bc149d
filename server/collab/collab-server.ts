import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  Hocuspocus,
  type Document,
  type Extension,
  type LocalTransactionOrigin,
  type WebSocketLike,
} from '@hocuspocus/server';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { installSchemaGuard } from '../../collab/schema-guard.ts';
import { decodeDoc } from '../../collab/workflow-doc.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { SessionUser } from '../auth/session-cache.ts';
import type { Logger } from '../logger.ts';
import { guardAwareness } from './awareness-guard.ts';
import { authenticateConnection, parseDocumentName, type CollabConnectionContext } from './collab-auth.ts';
import { DEFAULT_COLLAB_LIMITS, type CollabLimits } from './collab-limits.ts';
import { createDocumentStore, type DocumentStore } from './collab-persistence.ts';
import { CollabRefusal } from './collab-refusal.ts';
import type { ChangeOptions, ChangeResult, CollabService, CollabStats, CollabToken } from './collab-service.ts';
import { DEFAULT_TOKEN_TTL_MS, deriveCollabTokenKey, signCollabToken } from './collab-token.ts';
import { checkSyncMessage, readAwarenessClientIds } from './message-guard.ts';

export type CollabServerOptions = {
  db: PrismaClient;
  resolveUser: (headers: Headers) => Promise<SessionUser | null>;
  /** The auth secret; collab tokens are signed with a key derived from it. */
  authSecret: string;
  /** The URL users reach: its origin may use the session cookie on the upgrade. */
  publicUrl: string;
  logger: Logger;
  limits?: Partial<CollabLimits>;
  /** Debounce of document writes while editing; a write happens at least every `maxDebounceMs`. */
  debounceMs?: number;
  maxDebounceMs?: number;
  tokenTtlMs?: number;
  /** Scaled mode: the Hocuspocus Redis extension (see loadRedisExtension), so several web processes serve one document. */
  redis?: Extension | null;
  store?: DocumentStore;
  now?: () => number;
};

/** Origin of the server's own schema repairs (persisted and broadcast like any edit). */
const GUARD_ORIGIN: LocalTransactionOrigin = { source: 'local', context: { kind: 'schema-guard' } };

/**
 * Hocuspocus on the app's HTTP server (path /collab): one Y.Doc per workflow, named by the
 * workflow id. Every document connection is authenticated (cookie or collab token) and checked
 * against the workspace role; viewers get read-only connections. Incoming updates are checked
 * (decodable, within size limits) before they apply, and a schema guard repairs whatever would
 * leave the document unloadable. Documents persist to `workflows.ydoc`, debounced while edited,
 * immediately when the last editor leaves and on close.
 */
export function createCollabServer(options: CollabServerOptions): CollabService {
  const log = options.logger;
  const limits: CollabLimits = { ...DEFAULT_COLLAB_LIMITS, ...options.limits };
  const store = options.store ?? createDocumentStore(options.db);
  const now = options.now ?? Date.now;
  const tokenKey = deriveCollabTokenKey(options.authSecret);
  const tokenTtl = options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
  const authDeps = {
    db: options.db,
    resolveUser: options.resolveUser,
    tokenKey,
    allowedOrigins: [new URL(options.publicUrl).origin],
    now,
  };
  /** Encoded size per open document: exact after load and store, grown by each update between. */
  const sizes = new Map<string, number>();
  const sockets = new Set<WebSocket>();
  /** Client ids of the awareness message a connection is processing (read from the raw frame). */
  const awarenessSent = new WeakMap<object, Set<number>>();
  let closing: Promise<void> | null = null;

  const persist = async (name: string, document: Y.Doc) => {
    const state = Y.encodeStateAsUpdate(document);
    sizes.set(name, state.byteLength);
    const saved = await store.save(name, state);
    // The workflow was deleted while open: drop its editors instead of keeping the doc forever.
    if (!saved) hocuspocus.closeConnections(name);
  };

  const extension: Extension<CollabConnectionContext> = {
    extensionName: 'flowforge',

    async onAuthenticate({ token, requestHeaders, documentName, connectionConfig }) {
      if (closing) throw new CollabRefusal('SERVER_CLOSING');
      try {
        const context = await authenticateConnection(authDeps, { token, headers: requestHeaders, documentName });
        connectionConfig.readOnly = context.readOnly;
        return context;
      } catch (err) {
        if (err instanceof CollabRefusal) log.info('collab connection refused', { reason: err.reason, documentName });
        else log.error('collab authentication failed', { err, documentName });
        throw err instanceof CollabRefusal ? err : new CollabRefusal('UNAUTHORIZED');
      }
    },

    async onLoadDocument({ documentName }) {
      const state = await store.load(parseDocumentName(documentName));
      if (state === undefined) throw new CollabRefusal('NOT_FOUND');
      sizes.set(documentName, state?.byteLength ?? 0);
      return state ?? undefined;
    },

    async afterLoadDocument({ documentName, document }) {
      installSchemaGuard(document, {
        origin: GUARD_ORIGIN,
        onRepair: (violations, cause) => {
          const origin = cause?.origin as { source?: string; connection?: { context?: CollabConnectionContext } } | undefined;
          log.warn('collab document repaired', {
            documentName,
            userId: origin?.connection?.context?.user.id,
            violations: violations.slice(0, 20),
          });
        },
      });
    },

    async onChange({ documentName, update }) {
      sizes.set(documentName, (sizes.get(documentName) ?? 0) + update.byteLength);
    },

    async onStoreDocument({ documentName, document }) {
      await persist(documentName, document);
    },

    async afterUnloadDocument({ documentName }) {
      sizes.delete(documentName);
    },

    async beforeHandleMessage({ update, connection }) {
      if (update.byteLength > limits.maxMessageBytes) throw new CollabRefusal('MESSAGE_TOO_LARGE');
      // Messages of one connection are handled one at a time, so this is read by the awareness hook below.
      const ids = readAwarenessClientIds(update);
      if (ids) awarenessSent.set(connection, ids);
    },

    async beforeSync({ type, payload, connection, documentName }) {
      // Hocuspocus itself refuses (and acknowledges as not applied) a read-only connection's writes.
      if (connection.readOnly) return;
      try {
        checkSyncMessage(limits, { type, payload, documentBytes: sizes.get(documentName) ?? 0 });
      } catch (err) {
        if (err instanceof CollabRefusal) {
          log.warn('collab update refused', { reason: err.reason, documentName, userId: connection.context?.user.id });
        }
        throw err;
      }
    },

    async beforeHandleAwareness({ states, connection, document, context }) {
      // Updates relayed by the Redis extension come from another instance that already checked them.
      if (!connection || !context) return;
      const sent = awarenessSent.get(connection) ?? new Set<number>();
      awarenessSent.delete(connection);
      guardAwareness({
        states,
        sent,
        user: context.user,
        own: document.getClients(connection),
        connections: [...document.connections.values()],
        maxClients: limits.maxAwarenessClientsPerConnection,
      });
    },
  };

  const hocuspocus = new Hocuspocus<CollabConnectionContext>({
    name: 'flowforge-collab',
    quiet: true,
    debounce: options.debounceMs ?? 2_000,
    maxDebounce: options.maxDebounceMs ?? 10_000,
    unloadImmediately: true,
    yDocOptions: { gc: true, gcFilter: () => true },
    extensions: [...(options.redis ? [options.redis] : []), extension],
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (closing) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const request = new Request(new URL(req.url ?? '/', 'http://collab.invalid'), { headers: headersOf(req) });
      const connection = hocuspocus.handleConnection(ws as unknown as WebSocketLike, request);
      ws.on('message', (data: Buffer) => connection.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
      ws.on('error', (err) => log.debug('collab socket error', { err }));
      ws.on('close', (code, reason) => {
        sockets.delete(ws);
        connection.handleClose({ code, reason: reason.toString() });
      });
    });
  }

  async function change(workflowId: string, fn: (doc: Y.Doc) => void, origin?: unknown, opts: ChangeOptions = {}): Promise<ChangeResult> {
    if (closing) throw new CollabRefusal('SERVER_CLOSING');
    const direct = await hocuspocus.openDirectConnection(parseDocumentName(workflowId));
    try {
      const live = direct.document!;
      // The change runs on a copy first: a change that throws halfway leaves the live document
      // untouched, and the exact update is known before anyone receives it (for the notice).
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
      const updates: Uint8Array[] = [];
      scratch.on('update', (update: Uint8Array) => updates.push(update));
      scratch.transact(() => fn(scratch), origin ?? null);
      scratch.destroy();
      if (updates.length === 0) return { update: null };
      const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
      const notice = opts.notice?.(update);
      if (notice) live.broadcastStateless(notice);
      Y.applyUpdate(live, update, { source: 'local', context: { origin } } satisfies LocalTransactionOrigin);
      return { update };
    } finally {
      await direct.disconnect();
    }
  }

  async function read(workflowId: string): Promise<Y.Doc> {
    const name = parseDocumentName(workflowId);
    const live = (await hocuspocus.loadingDocuments.get(name)?.catch(() => undefined)) ?? hocuspocus.documents.get(name);
    if (live && !live.isDestroyed) return decodeDoc(Y.encodeStateAsUpdate(live));
    const state = await store.load(name);
    if (state === undefined) throw new CollabRefusal('NOT_FOUND');
    return decodeDoc(state);
  }

  function issueToken(user: SessionUser, workflowId: string): CollabToken {
    const expiresAt = now() + tokenTtl;
    const token = signCollabToken(tokenKey, { sub: user.id, name: user.name, wf: parseDocumentName(workflowId), exp: expiresAt });
    return { token, expiresAt: new Date(expiresAt), documentName: workflowId };
  }

  function stats(): CollabStats {
    return { documents: hocuspocus.getDocumentsCount(), connections: hocuspocus.getConnectionsCount() };
  }

  async function shutDown(): Promise<void> {
    for (const ws of sockets) ws.terminate();
    wss.close();
    // Each socket's close handler runs the disconnect hooks, which store and unload its documents.
    await waitFor(() => sockets.size === 0 && hocuspocus.getConnectionsCount() === 0, 5_000);
    hocuspocus.flushPendingStores();
    await waitFor(() => hocuspocus.getDocumentsCount() === 0 && hocuspocus.loadingDocuments.size === 0, 10_000);
    // Whatever is still loaded (a store that failed, a slow unload) is written one last time.
    for (const document of [...hocuspocus.documents.values()] as Document[]) {
      await persist(document.name, document).catch((err: unknown) => log.error('collab final store failed', { err, documentName: document.name }));
    }
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
  }

  return {
    handleUpgrade,
    change,
    read,
    issueToken,
    stats,
    close: () => (closing ??= shutDown()),
  };
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}
