'use client';

import { XIcon } from '../../../components/Icons.tsx';
import { useEditorStore } from '../session/editor-session.ts';
import { readableTextOn } from './readable-text.ts';
import { usePresence } from './use-presence.ts';

/**
 * While following someone: a frame around the canvas in their colour and a pill at the top,
 * "Following Ada · Stop", like Figma's spotlight.
 */
export function FollowingIndicator() {
  const followingUserId = useEditorStore((s) => s.followingUserId);
  const follow = useEditorStore((s) => s.follow);
  const users = usePresence('users');
  const user = followingUserId ? users.find((u) => u.userId === followingUserId) : undefined;
  if (!user) return null;
  const text = readableTextOn(user.color);

  return (
    <>
      <div className="pointer-events-none absolute inset-0 z-[6] border-2" style={{ borderColor: user.color }} aria-hidden />
      <div
        className="absolute top-2 left-1/2 z-[7] flex -translate-x-1/2 animate-pop-in items-center gap-1 rounded-full py-0.5 pr-0.5 pl-3 text-xs font-medium shadow-pop"
        style={{ background: user.color, color: text }}
        role="status"
        data-testid="following-indicator"
      >
        <span className="max-w-48 truncate">Following {user.name}</span>
        <button
          type="button"
          onClick={() => follow(null)}
          className="flex items-center gap-1 rounded-full px-2 py-0.5 transition-colors hover:bg-black/15 focus-visible:outline-offset-0"
          style={{ color: text }}
          aria-label={`Stop following ${user.name}`}
          data-testid="following-stop"
        >
          <span aria-hidden>·</span> Stop
          <XIcon size={12} aria-hidden />
        </button>
      </div>
    </>
  );
}
