import type { Awareness } from 'y-protocols/awareness';
import type { Following } from '../../../../collab/awareness.ts';

type LocalAwareness = Pick<Awareness, 'getLocalState' | 'setLocalStateField'>;

/**
 * Publishes whom or what this user follows. Two parts of the editor write this field (presence
 * for "following a user", the runs panel for "watching a replay"), so a write reads the current
 * state first: a replay being watched is never replaced by a user follow, and clearing with a
 * `kind` only clears a state of that kind (clearing without one clears whatever is there).
 * Returns whether anything was sent.
 */
export function setFollowing(awareness: LocalAwareness, value: Following | null, kind?: Following['kind']): boolean {
  const local = awareness.getLocalState();
  if (!local) return false;
  const current = (local.following ?? null) as Following | null;
  if (value === null) {
    if (current === null || (kind !== undefined && current.kind !== kind)) return false;
  } else if (value.kind === 'user' && current?.kind === 'replay') {
    return false;
  }
  if (JSON.stringify(current) === JSON.stringify(value)) return false;
  awareness.setLocalStateField('following', value);
  return true;
}
