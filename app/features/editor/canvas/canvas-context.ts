'use client';

import { createContext, useContext } from 'react';

/** What edges and cards need from the canvas beyond React Flow's own props. */
export interface CanvasActions {
  canEdit: boolean;
  deleteEdge(id: string): void;
}

export const CanvasActionsContext = createContext<CanvasActions>({ canEdit: false, deleteEdge: () => {} });

export const useCanvasActions = () => useContext(CanvasActionsContext);
