'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useParams, useRouter } from 'next/navigation';
import { Alert } from '../../components/Alert.tsx';
import { Avatar } from '../../components/Avatar.tsx';
import { Button, ButtonLink } from '../../components/Button.tsx';
import { UsersIcon } from '../../components/Icons.tsx';
import { Logo } from '../../components/Logo.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { ThemeToggle } from '../../components/ThemeToggle.tsx';
import { useToast } from '../../components/Toast.tsx';
import { signOut } from '../../lib/auth-client.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useSession } from '../auth/use-session.ts';

/** `/invite/<token>`: sign in or create an account, then join the workspace the link is for. */
export function AcceptInvite() {
  const { token } = useParams<{ token: string }>();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const session = useSession();
  const here = `/invite/${encodeURIComponent(token)}`;

  const accept = useMutation(
    trpc.member.acceptInvite.mutationOptions({
      onSuccess: async ({ workspaceId, role, alreadyMember }) => {
        await queryClient.invalidateQueries(trpc.workspace.list.pathFilter());
        toast(
          alreadyMember
            ? { tone: 'info', title: 'You are already a member of this workspace' }
            : { tone: 'success', title: `You joined as ${role === 'owner' ? 'an' : 'a'} ${role}` },
        );
        router.replace(`/w/${workspaceId}`);
      },
    }),
  );

  let body;
  if (session.isPending) {
    body = (
      <div className="mt-6 flex justify-center text-faint">
        <Spinner size={20} label="Checking your session" />
      </div>
    );
  } else if (!session.data) {
    body = (
      <>
        <p className="mt-1.5 text-[13px] text-muted">Sign in or create an account to accept it. You will come back here.</p>
        <div className="mt-6 flex flex-col gap-2">
          <ButtonLink href={`/sign-in?next=${encodeURIComponent(here)}`} variant="primary" className="w-full" data-testid="invite-sign-in">
            Sign in to accept
          </ButtonLink>
          <ButtonLink href={`/sign-up?next=${encodeURIComponent(here)}`} variant="secondary" className="w-full" data-testid="invite-sign-up">
            Create an account
          </ButtonLink>
        </div>
      </>
    );
  } else {
    const user = session.data;
    body = (
      <>
        <p className="mt-1.5 text-[13px] text-muted">Accept to see and work on the workflows your teammates share there.</p>
        <div className="mt-5 flex items-center gap-2.5 rounded-lg border border-line bg-subtle px-3 py-2.5 text-left">
          <Avatar name={user.name} seed={user.id} size={28} />
          <div className="min-w-0 flex-1">
            <p className="truncate text-[13px] font-medium text-fg">{user.name}</p>
            <p className="truncate text-xs text-faint">{user.email}</p>
          </div>
          <button
            type="button"
            className="shrink-0 text-xs font-medium text-accent-text hover:underline"
            onClick={async () => {
              await signOut().catch(() => undefined);
              queryClient.clear();
              window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
            }}
          >
            Not you?
          </button>
        </div>
        {accept.error ? (
          <Alert tone="error" className="mt-4 text-left" data-testid="invite-error">
            {errorMessage(accept.error)}
          </Alert>
        ) : null}
        <Button
          variant="primary"
          className="mt-5 w-full"
          loading={accept.isPending || accept.isSuccess}
          onClick={() => accept.mutate({ token })}
          data-testid="accept-invite"
        >
          Accept invite
        </Button>
        {accept.error ? (
          <Link href="/" className="mt-3 inline-block text-[13px] text-muted hover:text-fg">
            Go to your workspaces
          </Link>
        ) : null}
      </>
    );
  }

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between px-6 py-5">
        <Link href="/" aria-label="FlowForge home">
          <Logo />
        </Link>
        <ThemeToggle />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-[8vh] pb-16">
        <div className="w-full max-w-[380px] rounded-xl border border-line bg-surface p-6 text-center shadow-card">
          <div className="mx-auto mb-4 flex size-11 items-center justify-center rounded-xl bg-accent-soft text-accent-text">
            <UsersIcon size={20} />
          </div>
          <h1 className="text-lg font-semibold tracking-tight text-fg">You have been invited to a workspace</h1>
          {body}
        </div>
      </main>
    </div>
  );
}
