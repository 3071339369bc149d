import { useSyncExternalStore } from 'react';
import { useEditorSession } from '../session/editor-session.ts';
import { EMPTY_PRESENCE, presenceStoreFor, type PresenceSnapshot } from './presence-store.ts';

/**
 * One field of the presence snapshot. The component re-renders only when that field changes
 * (cursors stream ~30 times a second; selections, users and editing marks change rarely).
 */
export function usePresence<K extends keyof PresenceSnapshot>(key: K): PresenceSnapshot[K] {
  const { awareness, self } = useEditorSession();
  const store = presenceStoreFor(awareness, self.id);
  return useSyncExternalStore(
    store.subscribe,
    () => store.getSnapshot()[key],
    () => EMPTY_PRESENCE[key],
  );
}
