'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Avatar } from '../../components/Avatar.tsx';
import { LogOutIcon } from '../../components/Icons.tsx';
import { Menu, MenuHeader, MenuItem, MenuSeparator } from '../../components/Menu.tsx';
import { useToast } from '../../components/Toast.tsx';
import { signOut } from '../../lib/auth-client.ts';
import { useSession } from '../auth/use-session.ts';

/** The signed-in person, and signing out. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const user = session.data;
  if (!user) return null;

  return (
    <Menu
      label={`Account: ${user.name}`}
      triggerTestId="user-menu"
      align="end"
      width={240}
      triggerClassName={
        compact
          ? 'rounded-full transition-opacity hover:opacity-90'
          : 'flex min-w-0 flex-1 items-center gap-2 rounded-lg p-1 text-left transition-colors hover:bg-hover aria-expanded:bg-hover md:px-2 md:py-1.5'
      }
      trigger={
        <>
          <Avatar name={user.name} seed={user.id} size={compact ? 28 : 24} />
          {compact ? null : <span className="min-w-0 flex-1 truncate text-[13px] font-medium text-fg max-md:hidden">{user.name}</span>}
        </>
      }
    >
      <MenuHeader>
        <div className="flex items-center gap-2.5">
          <Avatar name={user.name} seed={user.id} size={32} />
          <div className="min-w-0">
            <p className="truncate text-[13px] font-medium text-fg">{user.name}</p>
            <p className="truncate text-xs text-faint">{user.email}</p>
          </div>
        </div>
      </MenuHeader>
      <MenuSeparator />
      <MenuItem
        icon={<LogOutIcon size={14} />}
        data-testid="sign-out"
        onSelect={async () => {
          try {
            await signOut();
            queryClient.clear();
            window.location.assign('/sign-in');
          } catch (err) {
            toast({ tone: 'error', title: 'Could not sign out', description: (err as Error).message });
          }
        }}
      >
        Sign out
      </MenuItem>
    </Menu>
  );
}
