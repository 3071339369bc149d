'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Avatar } from '../../components/Avatar.tsx';
import { Badge, RoleBadge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { DoorIcon } from '../../components/Icons.tsx';
import { Select } from '../../components/Input.tsx';
import { useToast } from '../../components/Toast.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useTRPC, type Role, type RouterOutputs } from '../../lib/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { useWorkspace } from '../shell/WorkspaceContext.tsx';
import { InvitePanel } from './InvitePanel.tsx';

type Member = RouterOutputs['member']['list'][number];

/** Who is in the workspace. Owners change roles, remove people and manage invites; anyone can leave. */
export function MembersView() {
  const { workspace, isOwner } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const me = useSession().data;
  const workspaceId = workspace.id;

  const members = useQuery(trpc.member.list.queryOptions({ workspaceId }));
  const [removing, setRemoving] = useState<Member | null>(null);
  const [leaving, setLeaving] = useState(false);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.member.list.pathFilter()),
      queryClient.invalidateQueries(trpc.workspace.get.pathFilter()),
      queryClient.invalidateQueries(trpc.workspace.list.pathFilter()),
    ]);

  const changeRole = useMutation(
    trpc.member.changeRole.mutationOptions({
      onSuccess: async ({ role }, { userId }) => {
        await refresh();
        const who = members.data?.find((m) => m.userId === userId);
        toast({ tone: 'success', title: `${userId === me?.id ? 'You are' : `${who?.name ?? 'They'} is`} now ${article(role)} ${role}` });
      },
      onError: (error) => toast({ tone: 'error', title: 'Could not change the role', description: errorMessage(error) }),
    }),
  );
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSuccess: refresh }));
  const leave = useMutation(trpc.member.leave.mutationOptions());

  const owners = members.data?.filter((m) => m.role === 'owner').length ?? 0;
  const lastOwner = isOwner && owners <= 1;

  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-8 sm:px-8">
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-fg">Members</h1>
        <p className="mt-1 text-[13px] text-muted">People in {workspace.name} and what they can do.</p>
      </div>

      {isOwner ? <InvitePanel workspaceId={workspaceId} /> : null}

      <section aria-labelledby="members-heading" className="rounded-xl border border-line bg-surface shadow-card">
        <div className="flex items-center justify-between border-b border-line px-5 py-3.5">
          <h2 id="members-heading" className="text-sm font-semibold text-fg">
            Members {members.data ? <span className="font-normal text-faint">· {members.data.length}</span> : null}
          </h2>
        </div>
        {members.isPending ? (
          <p className="px-5 py-6 text-[13px] text-faint">Loading members…</p>
        ) : members.isError ? (
          <div className="p-5">
            <Alert tone="error">{errorMessage(members.error)}</Alert>
          </div>
        ) : (
          <ul data-testid="member-list">
            {members.data.map((member) => {
              const self = member.userId === me?.id;
              return (
                <li
                  key={member.userId}
                  className="flex flex-wrap items-center gap-3 border-b border-line px-5 py-3 last:border-b-0"
                  data-testid="member-row"
                  data-user-id={member.userId}
                >
                  <Avatar name={member.name} seed={member.userId} size={32} />
                  <div className="min-w-0 flex-1">
                    <p className="flex items-center gap-2 truncate text-[13px] font-medium text-fg">
                      {member.name}
                      {self ? <Badge>You</Badge> : null}
                    </p>
                    <p className="truncate text-xs text-faint">
                      {member.email} · joined {formatDate(member.since)}
                    </p>
                  </div>
                  {isOwner ? (
                    <Select
                      aria-label={`Role of ${member.name}`}
                      value={member.role}
                      disabled={changeRole.isPending && changeRole.variables?.userId === member.userId}
                      onChange={(e) => changeRole.mutate({ workspaceId, userId: member.userId, role: e.target.value as Role })}
                      data-testid="member-role"
                    >
                      <option value="owner">Owner</option>
                      <option value="editor">Editor</option>
                      <option value="viewer">Viewer</option>
                    </Select>
                  ) : (
                    <RoleBadge role={member.role} />
                  )}
                  {isOwner && !self ? (
                    <Button
                      variant="danger-subtle"
                      size="sm"
                      onClick={() => setRemoving(member)}
                      data-testid="member-remove"
                    >
                      Remove
                    </Button>
                  ) : isOwner ? (
                    <span className="w-[70px]" aria-hidden />
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section
        aria-labelledby="leave-heading"
        className="flex flex-wrap items-center justify-between gap-4 rounded-xl border border-line bg-surface px-5 py-4 shadow-card"
      >
        <div className="min-w-0">
          <h2 id="leave-heading" className="text-sm font-semibold text-fg">
            Leave workspace
          </h2>
          <p className="mt-0.5 text-[13px] text-muted">
            {lastOwner
              ? 'You are the only owner. Make someone else an owner before you leave.'
              : 'You lose access to its workflows until someone invites you again.'}
          </p>
        </div>
        <Button
          variant="danger-subtle"
          icon={<DoorIcon size={14} />}
          className="border border-line-strong"
          disabled={lastOwner}
          onClick={() => setLeaving(true)}
          data-testid="leave-workspace"
        >
          Leave {workspace.name}
        </Button>
      </section>

      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove ${removing?.name ?? ''}?`}
        description={`${removing?.name ?? 'They'} will lose access to ${workspace.name} and its workflows. You can invite them again later.`}
        confirmLabel="Remove member"
        onConfirm={async () => {
          if (!removing) return;
          const name = removing.name;
          await remove.mutateAsync({ workspaceId, userId: removing.userId });
          toast({ tone: 'success', title: `Removed ${name}` });
        }}
      />
      <ConfirmDialog
        open={leaving}
        onClose={() => setLeaving(false)}
        title={`Leave ${workspace.name}?`}
        description="You will lose access to its workflows. To come back, someone has to invite you again."
        confirmLabel="Leave workspace"
        onConfirm={async () => {
          await leave.mutateAsync({ workspaceId });
          await queryClient.invalidateQueries(trpc.workspace.list.pathFilter());
          toast({ tone: 'success', title: `You left ${workspace.name}` });
          router.replace('/');
        }}
      />
    </div>
  );
}

function article(role: Role) {
  return role === 'owner' ? 'an' : 'a';
}
