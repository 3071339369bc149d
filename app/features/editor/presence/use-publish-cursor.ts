import { useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { useEditorSession } from '../session/editor-session.ts';
import { publisherFor } from './publisher.ts';

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Publishes this user's pointer in flow coordinates while it is over the canvas, and clears
 * it when the pointer leaves, the tab is hidden, or the canvas unmounts. When the view pans
 * or zooms under a resting pointer, its flow position changes too, so it is re-sent.
 */
export function usePublishCursor(): void {
  const { awareness } = useEditorSession();
  const storeApi = useStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const domNode = useStore((s) => s.domNode);

  useEffect(() => {
    if (!domNode) return;
    const publisher = publisherFor(awareness);
    let client: { x: number; y: number } | null = null;

    const publish = () => {
      if (!client) return;
      const flow = screenToFlowPosition(client, { snapToGrid: false });
      publisher.stream({ cursor: { x: round(flow.x), y: round(flow.y) } });
    };
    const onMove = (event: PointerEvent) => {
      // A finger panning the canvas is not a pointer anyone should see.
      if (event.pointerType === 'touch') return;
      client = { x: event.clientX, y: event.clientY };
      publish();
    };
    const clear = () => {
      if (client === null) return;
      client = null;
      publisher.send({ cursor: null });
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') clear();
    };
    const unsubscribe = storeApi.subscribe((state, prev) => {
      if (state.transform !== prev.transform) publish();
    });

    domNode.addEventListener('pointermove', onMove);
    domNode.addEventListener('pointerleave', clear);
    window.addEventListener('blur', clear);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      unsubscribe();
      domNode.removeEventListener('pointermove', onMove);
      domNode.removeEventListener('pointerleave', clear);
      window.removeEventListener('blur', clear);
      document.removeEventListener('visibilitychange', onVisibility);
      publisher.send({ cursor: null });
    };
  }, [awareness, domNode, storeApi, screenToFlowPosition]);
}
