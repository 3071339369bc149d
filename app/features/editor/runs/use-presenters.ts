'use client';

import { useEffect, useState } from 'react';
import { readPeers } from '../../../../collab/index.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { presentersOf, samePresenters, type Presenter } from './presenters.ts';

/** Peers presenting a replay right now; re-renders only when that list changes. */
export function usePresenters(): readonly Presenter[] {
  const { awareness, self } = useEditorSession();
  const [presenters, setPresenters] = useState<readonly Presenter[]>([]);
  useEffect(() => {
    const read = () => {
      const next = presentersOf(readPeers(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID), self.id);
      setPresenters((prev) => (samePresenters(prev, next) ? prev : next));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness, self.id]);
  return presenters;
}
