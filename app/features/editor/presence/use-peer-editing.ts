import type { PeerMark } from './use-peer-selections.ts';

/** Placeholder (presence owns this): the peers editing one param of one node right now. */
export function usePeerEditing(_nodeId: string, _param: string): readonly PeerMark[] {
  return [];
}

/** Placeholder: announces (or clears, with null) the field this user is editing. */
export function useSetEditingField(): (field: { nodeId: string; param: string } | null) => void {
  return () => {};
}
