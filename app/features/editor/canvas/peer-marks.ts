'use client';

import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { PeerMark } from '../presence/use-peer-selections.ts';

const NONE: readonly PeerMark[] = [];

const sameMarks = (a: readonly PeerMark[], b: readonly PeerMark[]) =>
  a.length === b.length && a.every((m, i) => m.clientId === b[i]!.clientId && m.color === b[i]!.color && m.name === b[i]!.name);

/**
 * Peers' selections per node, fed from `usePeerSelections()` in one place, read per node. A card
 * re-renders only when its own marks change, not on every presence update (cursors move at 30 Hz).
 */
export class PeerMarksStore {
  private marks = new Map<string, readonly PeerMark[]>();
  private readonly listeners = new Set<() => void>();

  set(next: ReadonlyMap<string, readonly PeerMark[]>): void {
    const merged = new Map<string, readonly PeerMark[]>();
    let changed = false;
    for (const [id, list] of next) {
      if (list.length === 0) continue;
      const old = this.marks.get(id);
      const keep = old && sameMarks(old, list);
      merged.set(id, keep ? old : list);
      if (!keep) changed = true;
    }
    if (!changed && merged.size === this.marks.size) return;
    this.marks = merged;
    for (const l of this.listeners) l();
  }

  get(id: string): readonly PeerMark[] {
    return this.marks.get(id) ?? NONE;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export const PeerMarksContext = createContext<PeerMarksStore | null>(null);

export function usePeerMarks(nodeId: string): readonly PeerMark[] {
  const store = useContext(PeerMarksContext);
  const get = useCallback(() => store?.get(nodeId) ?? NONE, [store, nodeId]);
  return useSyncExternalStore(store?.subscribe ?? noopSubscribe, get, get);
}

const noopSubscribe = () => () => {};
