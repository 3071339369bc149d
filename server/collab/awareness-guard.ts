import { sanitizeAwareness } from '../../collab/awareness.ts';
import type { SessionUser } from '../auth/session-cache.ts';

type Clients = { clients: Set<number> };

/**
 * Rewrites an incoming awareness update in place before anyone sees it: a connection may only
 * speak for its own Yjs client ids (never take over a peer's presence), at most `maxClients` of
 * them, and every state it sends is cleaned field by field and stamped with the authenticated
 * user, so nobody can show up under another user's id or name.
 */
export function guardAwareness(input: {
  states: Map<number, Record<string, unknown>>;
  /** The client ids the raw message really carried (see readAwarenessClientIds). */
  sent: ReadonlySet<number>;
  user: SessionUser;
  own: Set<number>;
  /** Every connection of the document with the client ids it owns (this one included). */
  connections: readonly Clients[];
  maxClients: number;
}): void {
  const takenByOthers = (clientId: number) => {
    for (const entry of input.connections) if (entry.clients !== input.own && entry.clients.has(clientId)) return true;
    return false;
  };
  let owned = input.own.size;
  for (const [clientId, state] of input.states) {
    // Hocuspocus decodes into a scratch Awareness whose own empty state would otherwise be
    // broadcast as a phantom peer with every message.
    if (!input.sent.has(clientId)) {
      input.states.delete(clientId);
      continue;
    }
    if (!input.own.has(clientId)) {
      if (owned >= input.maxClients || takenByOthers(clientId)) {
        input.states.delete(clientId);
        continue;
      }
      owned++;
    }
    const clean = sanitizeAwareness(state, input.user);
    for (const key of Object.keys(state)) delete state[key];
    Object.assign(state, clean);
  }
}
