'use client';

import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

const EVENTS = ['stack-item-added', 'stack-item-popped', 'stack-cleared', 'stack-item-updated'] as const;

/** Whether this user's undo and redo stacks have anything, following every change to them. */
export function useUndoState(undo: Y.UndoManager): { canUndo: boolean; canRedo: boolean } {
  const subscribe = useCallback(
    (listener: () => void) => {
      for (const e of EVENTS) undo.on(e, listener);
      return () => {
        for (const e of EVENTS) undo.off(e, listener);
      };
    },
    [undo],
  );
  const snapshot = useSyncExternalStore(
    subscribe,
    () => (undo.undoStack.length > 0 ? 1 : 0) | (undo.redoStack.length > 0 ? 2 : 0),
    () => 0,
  );
  return { canUndo: (snapshot & 1) !== 0, canRedo: (snapshot & 2) !== 0 };
}
