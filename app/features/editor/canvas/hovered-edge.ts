'use client';

import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

/**
 * Which edge the pointer is over (or its delete button), kept outside React state so hovering
 * re-renders only the two edges whose "hovered" flips. Leaving waits a moment so the pointer
 * can travel from the line to the button.
 */
export class HoveredEdge {
  private id: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();

  enter(id: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.set(id);
  }

  leave(id: string, delayMs = 180): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.id === id) this.set(null);
    }, delayMs);
  }

  is(id: string): boolean {
    return this.id === id;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(id: string | null) {
    if (this.id === id) return;
    this.id = id;
    for (const l of this.listeners) l();
  }
}

export const HoveredEdgeContext = createContext<HoveredEdge | null>(null);

export function useEdgeHovered(id: string): boolean {
  const hovered = useContext(HoveredEdgeContext);
  const get = useCallback(() => hovered?.is(id) ?? false, [hovered, id]);
  return useSyncExternalStore(hovered?.subscribe ?? (() => () => {}), get, () => false);
}

export const useHoveredEdge = () => useContext(HoveredEdgeContext);
