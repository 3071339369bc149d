import type { PeerMark } from './peers.ts';
import { usePresence } from './use-presence.ts';

export type { PeerMark } from './peers.ts';

/**
 * The peers who selected each node (node id → marks, one per user, in order of arrival), for
 * outlines in their colour. Keeps its identity until a selection changes, so the canvas is not
 * re-rendered by cursor motion.
 */
export function usePeerSelections(): ReadonlyMap<string, readonly PeerMark[]> {
  return usePresence('selections');
}
