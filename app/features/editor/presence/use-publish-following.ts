import { useEffect } from 'react';
import { useEditorSession } from '../session/editor-session.ts';
import { setFollowing } from './following.ts';

/**
 * Publishes `{kind:'user'}` while this user follows someone (null when not), leaving a replay
 * the runs panel publishes alone; when that replay ends while still following someone, the
 * user follow is published again.
 */
export function usePublishFollowing(): void {
  const { awareness, store } = useEditorSession();

  useEffect(() => {
    const publish = () => {
      const userId = store.getState().followingUserId;
      setFollowing(awareness, userId ? { kind: 'user', userId } : null, 'user');
    };
    publish();
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.followingUserId !== prev.followingUserId) publish();
    });
    const onChange = ({ updated }: { updated: number[] }) => {
      if (updated.includes(awareness.clientID) && !awareness.getLocalState()?.following && store.getState().followingUserId) publish();
    };
    awareness.on('change', onChange);
    return () => {
      unsubscribe();
      awareness.off('change', onChange);
      setFollowing(awareness, null, 'user');
    };
  }, [awareness, store]);
}
