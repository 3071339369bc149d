import { useStoreApi, type Transform } from '@xyflow/react';
import { useEffect } from 'react';
import { useEditorSession } from '../session/editor-session.ts';
import { publisherFor } from './publisher.ts';

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const viewportOf = ([x, y, zoom]: Transform) => ({ x: round(x, 1), y: round(y, 1), zoom: round(zoom, 4) });

/** Publishes this user's viewport (streamed, ~30 Hz) so others can follow it; cleared on unmount. */
export function usePublishViewport(): void {
  const { awareness } = useEditorSession();
  const storeApi = useStoreApi();

  useEffect(() => {
    const publisher = publisherFor(awareness);
    publisher.send({ viewport: viewportOf(storeApi.getState().transform) });
    const unsubscribe = storeApi.subscribe((state, prev) => {
      if (state.transform !== prev.transform) publisher.stream({ viewport: viewportOf(state.transform) });
    });
    return () => {
      unsubscribe();
      publisher.send({ viewport: null });
    };
  }, [awareness, storeApi]);
}
