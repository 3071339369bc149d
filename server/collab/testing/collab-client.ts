import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { COLLAB_PATH } from '../collab-service.ts';

/** ws:// URL of a server's collab endpoint. */
export const collabUrl = (baseUrl: string) => `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`;

/** The Cookie header of a signed-in TestUser. */
export const cookieOf = (user: { cookies: Map<string, string> }) => [...user.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

export type SocketOptions = {
  baseUrl: string;
  /** Sent on the upgrade like a browser sends its session cookie. */
  cookie?: string;
  origin?: string;
};

/**
 * One WebSocket (one simulated browser tab) that any number of document providers share.
 * Node's WebSocket cannot set a Cookie header, so this uses `ws` with the headers given, and
 * reconnects fast (tests and benchmarks do not want browser back-off).
 */
export function openSocket(opts: SocketOptions): HocuspocusProviderWebsocket {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
      // Like a browser: failures surface as close events, never as thrown errors.
      this.on('error', () => {});
    }
  }
  return new HocuspocusProviderWebsocket({
    url: collabUrl(opts.baseUrl),
    WebSocketPolyfill: HeaderWebSocket,
    delay: 20,
    minDelay: 20,
    maxDelay: 200,
    factor: 1.5,
    jitter: false,
  });
}

export type AuthOutcome = { ok: true; scope: string } | { ok: false; reason: string };

export type DocClient = {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Resolves with the server's answer to this document's authentication. */
  auth: Promise<AuthOutcome>;
  /** Resolves once the first sync completed; rejects if authentication failed. */
  synced: Promise<void>;
  /** Stateless messages received (restore notices…). */
  stateless: string[];
  /** Detaches the provider (and closes the socket when this client owns it). */
  destroy(): void;
};

/** A provider for one workflow document on `socket` (or on a socket of its own). */
export function openDoc(
  socketOrOptions: HocuspocusProviderWebsocket | SocketOptions,
  workflowId: string,
  opts: { token?: string | (() => Promise<string>); doc?: Y.Doc } = {},
): DocClient {
  const ownsSocket = !(socketOrOptions instanceof HocuspocusProviderWebsocket);
  const socket = ownsSocket ? openSocket(socketOrOptions as SocketOptions) : (socketOrOptions as HocuspocusProviderWebsocket);
  const doc = opts.doc ?? new Y.Doc();
  const stateless: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: workflowId,
    document: doc,
    token: opts.token ?? null,
    onStateless: ({ payload }) => void stateless.push(payload),
  });
  const auth = new Promise<AuthOutcome>((resolve) => {
    provider.on('authenticated', ({ scope }: { scope: string }) => resolve({ ok: true, scope }));
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve({ ok: false, reason }));
  });
  const synced = new Promise<void>((resolve, reject) => {
    provider.on('synced', () => resolve());
    void auth.then((a) => (a.ok ? undefined : reject(new Error(`authentication failed: ${a.reason}`))));
  });
  synced.catch(() => {});
  provider.attach();
  return {
    doc,
    provider,
    socket,
    auth,
    synced,
    stateless,
    destroy: () => {
      provider.destroy();
      if (ownsSocket) socket.destroy();
    },
  };
}

/** Polls until `check` passes (returns without throwing) or the time is up, then rethrows its last error. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5_000, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Waits until every doc has the same Yjs state (same state vector and content). */
export async function converged(docs: readonly Y.Doc[], timeoutMs = 5_000): Promise<void> {
  await eventually(() => {
    const first = Buffer.from(Y.encodeStateVector(docs[0]!)).toString('base64');
    for (const doc of docs.slice(1)) {
      if (Buffer.from(Y.encodeStateVector(doc)).toString('base64') !== first) throw new Error('state vectors differ');
    }
  }, timeoutMs);
}
