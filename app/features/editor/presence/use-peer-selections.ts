/** Placeholder (presence owns this): the peers who selected each node, for outlines in their colour. */
export type PeerMark = { clientId: number; userId: string; name: string; color: string };

export function usePeerSelections(): ReadonlyMap<string, readonly PeerMark[]> {
  return new Map();
}
