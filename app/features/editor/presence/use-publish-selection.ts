import { useEffect } from 'react';
import { MAX_SELECTION } from '../../../../collab/awareness.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { publisherFor } from './publisher.ts';

/** Mirrors this user's node selection into awareness (peers outline it); cleared on unmount. */
export function usePublishSelection(): void {
  const { awareness, store } = useEditorSession();

  useEffect(() => {
    const publisher = publisherFor(awareness);
    const publish = (ids: readonly string[]) => publisher.send({ selection: ids.slice(0, MAX_SELECTION) });
    publish(store.getState().selectedNodeIds);
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.selectedNodeIds !== prev.selectedNodeIds) publish(state.selectedNodeIds);
    });
    return () => {
      unsubscribe();
      publisher.send({ selection: [] });
    };
  }, [awareness, store]);
}
