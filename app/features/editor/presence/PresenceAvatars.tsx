'use client';

import { Menu, MenuItem } from '../../../components/Menu.tsx';
import { cn } from '../../../lib/cn.ts';
import { useEditorStore } from '../session/editor-session.ts';
import { stackAvatars } from './avatar-stack.ts';
import { PeerAvatar } from './PeerAvatar.tsx';
import type { PeerUser } from './peers.ts';
import { usePresence } from './use-presence.ts';

const MAX_SHOWN = 4;

/**
 * The other people in this workflow, once each (several tabs of one person are one avatar),
 * overlapping in their presence colour. Clicking one follows their view; clicking again stops.
 */
export function PresenceAvatars() {
  const users = usePresence('users');
  const followingUserId = useEditorStore((s) => s.followingUserId);
  const follow = useEditorStore((s) => s.follow);
  const { shown, more } = stackAvatars(users, MAX_SHOWN, followingUserId);
  const toggle = (userId: string) => follow(followingUserId === userId ? null : userId);

  return (
    <div role="group" aria-label="People in this workflow" data-testid="presence-avatars" className="flex items-center pl-1.5 empty:hidden">
      {shown.map((user) => (
        <AvatarButton key={user.userId} user={user} following={followingUserId === user.userId} onClick={() => toggle(user.userId)} />
      ))}
      {more.length > 0 ? (
        <Menu
          label={`${more.length} more people`}
          triggerTestId="presence-overflow"
          align="end"
          width={220}
          triggerClassName="-ml-1.5 flex size-7 items-center justify-center rounded-full bg-subtle text-[11px] font-semibold text-muted ring-2 ring-surface transition-colors hover:bg-hover hover:text-fg aria-expanded:bg-hover"
          trigger={<>+{more.length}</>}
        >
          {more.map((user) => (
            <MenuItem
              key={user.userId}
              icon={<PeerAvatar name={user.name} color={user.color} size={20} />}
              checked={followingUserId === user.userId}
              hint={followingUserId === user.userId ? 'Following' : undefined}
              onSelect={() => toggle(user.userId)}
              data-testid={`presence-avatar-${user.userId}`}
            >
              <span className="truncate">{user.name}</span>
            </MenuItem>
          ))}
        </Menu>
      ) : null}
    </div>
  );
}

function AvatarButton({ user, following, onClick }: { user: PeerUser; following: boolean; onClick: () => void }) {
  const tabs = user.clientIds.length;
  const hint = following ? 'Click to stop following' : 'Click to follow';
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={following}
      aria-label={following ? `Stop following ${user.name}` : `Follow ${user.name}`}
      data-testid={`presence-avatar-${user.userId}`}
      className={cn(
        'group relative -ml-1.5 rounded-full transition-transform hover:z-10 hover:-translate-y-px focus-visible:z-10',
        following && 'z-10',
      )}
      // The ring separates overlapping avatars; the outer ring in their colour marks whom we follow.
      style={{ boxShadow: following ? `0 0 0 2px var(--ff-surface), 0 0 0 4px ${user.color}` : '0 0 0 2px var(--ff-surface)' }}
    >
      <PeerAvatar name={user.name} color={user.color} />
      <span
        role="tooltip"
        className="pointer-events-none absolute top-full left-1/2 z-50 mt-2 -translate-x-1/2 rounded-md bg-fg px-2 py-1 text-left text-xs whitespace-nowrap text-surface opacity-0 shadow-pop transition-opacity delay-0 group-hover:opacity-100 group-hover:delay-300 group-focus-visible:opacity-100"
      >
        <span className="block font-medium">
          {user.name}
          {tabs > 1 ? <span className="font-normal opacity-70"> · {tabs} tabs</span> : null}
        </span>
        <span className="block opacity-70">{hint}</span>
      </span>
    </button>
  );
}
