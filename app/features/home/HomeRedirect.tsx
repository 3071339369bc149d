'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { ErrorScreen } from '../../components/ErrorScreen.tsx';
import { PlusIcon, UsersIcon } from '../../components/Icons.tsx';
import { Logo } from '../../components/Logo.tsx';
import { PageSpinner } from '../../components/Spinner.tsx';
import { signOut } from '../../lib/auth-client.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { CreateWorkspaceDialog } from '../shell/CreateWorkspaceDialog.tsx';
import { lastWorkspace } from '../shell/last-workspace.ts';

/** `/`: the workspace the user last opened (or their first), sign-in when signed out. */
export function HomeRedirect() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const session = useSession();
  const workspaces = useQuery({ ...trpc.workspace.list.queryOptions(), enabled: Boolean(session.data) });
  const [creating, setCreating] = useState(false);

  const target = (() => {
    const list = workspaces.data;
    if (!list?.length) return null;
    const last = lastWorkspace();
    return (list.find((w) => w.id === last) ?? list[0])!.id;
  })();

  useEffect(() => {
    if (session.data === null) router.replace('/sign-in');
    else if (target) router.replace(`/w/${target}`);
  }, [session.data, target, router]);

  const error = session.error ?? workspaces.error;
  if (error) {
    return (
      <ErrorScreen
        title="FlowForge is not answering"
        message={errorMessage(error)}
        onRetry={() => void queryClient.invalidateQueries()}
      />
    );
  }

  if (workspaces.data && workspaces.data.length === 0 && session.data) {
    return (
      <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
        <Logo className="mb-10" />
        <div className="mb-4 flex size-11 items-center justify-center rounded-xl border border-line bg-subtle text-muted">
          <UsersIcon size={20} />
        </div>
        <h1 className="text-lg font-semibold tracking-tight">You are not in any workspace</h1>
        <p className="mt-1.5 max-w-sm text-[13px] text-muted">
          Create one to start building workflows, or open an invite link a teammate sent you.
        </p>
        <div className="mt-6 flex gap-2">
          <Button variant="primary" icon={<PlusIcon size={14} />} onClick={() => setCreating(true)} data-testid="create-workspace">
            Create a workspace
          </Button>
          <Button
            variant="ghost"
            onClick={async () => {
              await signOut().catch(() => undefined);
              window.location.assign('/sign-in');
            }}
          >
            Sign out
          </Button>
        </div>
        <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
      </main>
    );
  }

  return <PageSpinner label="Opening your workspace" />;
}
