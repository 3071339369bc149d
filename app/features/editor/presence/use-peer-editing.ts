import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useEditorSession } from '../session/editor-session.ts';
import { peersEditing } from './peers.ts';
import { publisherFor } from './publisher.ts';
import type { PeerMark } from './use-peer-selections.ts';
import { usePresence } from './use-presence.ts';

const NONE: readonly PeerMark[] = [];

/** The peers editing one param of one node right now (one mark per user). */
export function usePeerEditing(nodeId: string, param: string): readonly PeerMark[] {
  const marks = usePresence('editing');
  return useMemo(() => {
    const found = peersEditing(marks, nodeId, param);
    return found.length ? found : NONE;
  }, [marks, nodeId, param]);
}

type Field = { nodeId: string; param: string };

/**
 * Announces (or clears, with null) the field this user is editing: call it on focus and blur.
 * If the component unmounts while its field is still announced (a removed element does not
 * always fire blur), the announcement is cleared.
 */
export function useSetEditingField(): (field: Field | null) => void {
  const { awareness } = useEditorSession();
  const announced = useRef<Field | null>(null);

  useEffect(
    () => () => {
      const mine = announced.current;
      const current = awareness.getLocalState()?.editing as Field | null | undefined;
      if (mine && current && current.nodeId === mine.nodeId && current.param === mine.param) publisherFor(awareness).send({ editing: null });
    },
    [awareness],
  );

  return useCallback(
    (field: Field | null) => {
      announced.current = field;
      publisherFor(awareness).send({ editing: field ? { nodeId: field.nodeId, param: field.param } : null });
    },
    [awareness],
  );
}
