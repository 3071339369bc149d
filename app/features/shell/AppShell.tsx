'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useParams, usePathname } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { ErrorScreen } from '../../components/ErrorScreen.tsx';
import { UsersIcon, WorkflowIcon } from '../../components/Icons.tsx';
import { PageSpinner } from '../../components/Spinner.tsx';
import { ThemeToggle } from '../../components/ThemeToggle.tsx';
import { cn } from '../../lib/cn.ts';
import { errorCode, errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { RequireAuth } from '../auth/RequireAuth.tsx';
import { TableIcon } from '../data-tables/TableIcon.tsx';
import { rememberWorkspace } from './last-workspace.ts';
import { UserMenu } from './UserMenu.tsx';
import { accessOf, WorkspaceContext } from './WorkspaceContext.tsx';
import { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx';

/** Sidebar (workspace switcher, navigation, account) around every workspace page but the editor. */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <RequireAuth>
      <Shell>{children}</Shell>
    </RequireAuth>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { workspaceId } = useParams<{ workspaceId: string }>();
  const pathname = usePathname();
  const trpc = useTRPC();
  const workspace = useQuery(trpc.workspace.get.queryOptions({ workspaceId }));

  useEffect(() => {
    if (workspace.data) rememberWorkspace(workspace.data.id);
  }, [workspace.data]);

  const nav = [
    { href: `/w/${workspaceId}`, label: 'Workflows', icon: <WorkflowIcon size={16} />, testId: 'nav-workflows' },
    { href: `/w/${workspaceId}/tables`, label: 'Data tables', icon: <TableIcon size={16} />, testId: 'nav-tables' },
    { href: `/w/${workspaceId}/members`, label: 'Members', icon: <UsersIcon size={16} />, testId: 'nav-members' },
  ];

  let content: ReactNode;
  if (workspace.isPending) content = <PageSpinner />;
  else if (workspace.isError) {
    const missing = errorCode(workspace.error) === 'NOT_FOUND';
    content = (
      <ErrorScreen
        title={missing ? 'Workspace not found' : 'Could not open this workspace'}
        message={missing ? 'It does not exist, or you are not a member of it.' : errorMessage(workspace.error)}
        homeHref="/"
        {...(missing ? {} : { onRetry: () => void workspace.refetch() })}
      />
    );
  } else {
    content = <WorkspaceContext.Provider value={accessOf(workspace.data)}>{children}</WorkspaceContext.Provider>;
  }

  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <aside className="sticky top-0 z-20 flex shrink-0 items-center gap-1 border-b border-line bg-surface px-2 py-2 md:h-dvh md:w-60 md:flex-col md:items-stretch md:gap-0 md:border-r md:border-b-0 md:p-3">
        <div className="min-w-0 max-md:max-w-52 md:mb-4">
          <WorkspaceSwitcher current={workspace.data} loading={workspace.isPending} />
        </div>
        <nav aria-label="Workspace" className="flex gap-0.5 md:flex-col">
          {nav.map((item) => {
            const active = pathname === item.href;
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? 'page' : undefined}
                data-testid={item.testId}
                className={cn(
                  'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-[13px] font-medium transition-colors',
                  active ? 'bg-hover text-fg' : 'text-muted hover:bg-hover hover:text-fg',
                )}
              >
                <span className={active ? 'text-accent-text' : 'text-faint'}>{item.icon}</span>
                <span className="max-sm:sr-only">{item.label}</span>
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-2 md:mt-auto md:ml-0 md:flex-col md:items-stretch md:gap-3">
          <ThemeToggle className="max-md:hidden md:self-start md:mx-2" />
          <div className="flex min-w-0">
            <UserMenu />
          </div>
        </div>
      </aside>
      <main className="flex min-w-0 flex-1 flex-col">{content}</main>
    </div>
  );
}
