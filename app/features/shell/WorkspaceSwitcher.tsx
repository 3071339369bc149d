'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ROLE_LABEL } from '../../components/Badge.tsx';
import { CheckIcon, ChevronsUpDownIcon, PlusIcon } from '../../components/Icons.tsx';
import { Menu, MenuItem, MenuLabel, MenuSeparator } from '../../components/Menu.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { CreateWorkspaceDialog } from './CreateWorkspaceDialog.tsx';
import type { WorkspaceInfo } from './WorkspaceContext.tsx';
import { WorkspaceTile } from './WorkspaceTile.tsx';

/** Shows the current workspace; lists the others and creates new ones. */
export function WorkspaceSwitcher({ current, loading }: { current: WorkspaceInfo | undefined; loading: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const workspaces = useQuery(trpc.workspace.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const name = current?.name ?? (loading ? '' : 'Choose a workspace');

  return (
    <>
      <Menu
        label={current ? `Workspace: ${name}. Switch workspace` : 'Switch workspace'}
        triggerTestId="workspace-switcher"
        width={248}
        triggerClassName="flex w-full min-w-0 items-center gap-2.5 rounded-lg px-2 py-1.5 text-left transition-colors hover:bg-hover aria-expanded:bg-hover"
        trigger={
          <>
            {current ? (
              <WorkspaceTile name={current.name} size={28} />
            ) : (
              <span className="size-7 shrink-0 rounded-md bg-subtle" aria-hidden />
            )}
            <span className="min-w-0 flex-1">
              {loading && !current ? (
                <span className="block h-3 w-24 animate-pulse rounded bg-subtle" aria-hidden />
              ) : (
                <span className="block truncate text-[13px] font-semibold text-fg">{name}</span>
              )}
              <span className="block truncate text-xs text-faint">{current ? ROLE_LABEL[current.role] : '\u00a0'}</span>
            </span>
            <ChevronsUpDownIcon size={14} className="shrink-0 text-faint" />
          </>
        }
      >
        <MenuLabel>Workspaces</MenuLabel>
        {(workspaces.data ?? []).map((w) => (
          <MenuItem
            key={w.id}
            checked={w.id === current?.id}
            icon={<WorkspaceTile name={w.name} size={20} />}
            hint={w.id === current?.id ? <CheckIcon size={14} className="text-accent-text" /> : ROLE_LABEL[w.role]}
            onSelect={() => router.push(`/w/${w.id}`)}
            data-testid="workspace-option"
          >
            {w.name}
          </MenuItem>
        ))}
        <MenuSeparator />
        <MenuItem icon={<PlusIcon size={14} />} onSelect={() => setCreating(true)} data-testid="create-workspace">
          Create workspace
        </MenuItem>
      </Menu>
      <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
