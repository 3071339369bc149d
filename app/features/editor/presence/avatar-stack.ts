import type { PeerUser } from './peers.ts';

/**
 * Which avatars the top bar shows and which go into "+N": at most `max` shown, never a "+1"
 * (the last avatar fits where the counter would go), and the person being followed is always
 * shown, taking the last visible place if they would otherwise overflow.
 */
export function stackAvatars(users: readonly PeerUser[], max: number, followingUserId: string | null): { shown: PeerUser[]; more: PeerUser[] } {
  if (users.length <= max + 1) return { shown: [...users], more: [] };
  const shown = users.slice(0, max);
  const more = users.slice(max);
  const followed = more.findIndex((u) => u.userId === followingUserId);
  if (followed >= 0) {
    const [user] = more.splice(followed, 1);
    more.unshift(shown.pop()!);
    shown.push(user!);
  }
  return { shown, more };
}
