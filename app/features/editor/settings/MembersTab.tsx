'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';
import { Avatar } from '../../../components/Avatar.tsx';
import { Badge, ROLE_DESCRIPTION, ROLE_LABEL, RoleBadge } from '../../../components/Badge.tsx';
import { Button, ButtonLink } from '../../../components/Button.tsx';
import { CheckIcon, CopyIcon, ExternalIcon, LinkIcon } from '../../../components/Icons.tsx';
import { Select } from '../../../components/Input.tsx';
import { useToast } from '../../../components/Toast.tsx';
import { copyText } from '../../../lib/download.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC, type Role, type RouterOutputs } from '../../../lib/trpc.ts';

type CreatedInvite = RouterOutputs['member']['createInvite'];

/**
 * Who can open this workflow (the workspace's members) and with which role. Owners change roles
 * here and create an invite link in one click; the members page has the rest.
 */
export function MembersTab({ workspaceId, role, selfId }: { workspaceId: string; role: Role; selfId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const isOwner = role === 'owner';
  const members = useQuery(trpc.member.list.queryOptions({ workspaceId }));

  const changeRole = useMutation(
    trpc.member.changeRole.mutationOptions({
      onSuccess: async ({ role: next }, { userId }) => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.member.list.pathFilter()),
          queryClient.invalidateQueries(trpc.workspace.get.pathFilter()),
        ]);
        const who = members.data?.find((m) => m.userId === userId)?.name ?? 'They';
        toast({ tone: 'success', title: `${userId === selfId ? 'You are' : `${who} is`} now ${next === 'owner' ? 'an' : 'a'} ${next}` });
      },
      onError: (error) => toast({ tone: 'error', title: 'Could not change the role', description: errorMessage(error) }),
    }),
  );

  return (
    <div className="flex flex-col gap-3" data-testid="members-tab">
      <div className="flex items-center gap-3">
        <p className="min-w-0 flex-1 text-[13px] text-muted">Everyone in the workspace can open this workflow with their role.</p>
        <ButtonLink
          href={`/w/${workspaceId}/members`}
          variant="ghost"
          size="sm"
          icon={<ExternalIcon size={13} />}
          data-testid="members-page-link"
        >
          Members page
        </ButtonLink>
      </div>

      {members.isPending ? (
        <p className="py-4 text-[13px] text-faint">Loading members…</p>
      ) : members.isError ? (
        <Alert tone="error">{errorMessage(members.error)}</Alert>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line" aria-label="Members" data-testid="settings-member-list">
          {members.data.map((member) => (
            <li key={member.userId} className="flex items-center gap-3 px-3 py-2" data-testid="settings-member-row" data-user-id={member.userId}>
              <Avatar name={member.name} seed={member.userId} size={28} />
              <div className="min-w-0 flex-1">
                <p className="flex items-center gap-1.5 truncate text-[13px] font-medium text-fg">
                  {member.name}
                  {member.userId === selfId ? <Badge>You</Badge> : null}
                </p>
                <p className="truncate text-xs text-faint">{member.email}</p>
              </div>
              {isOwner ? (
                <Select
                  aria-label={`Role of ${member.name}`}
                  value={member.role}
                  disabled={changeRole.isPending && changeRole.variables?.userId === member.userId}
                  onChange={(e) => changeRole.mutate({ workspaceId, userId: member.userId, role: e.target.value as Role })}
                  className="[&_select]:h-8 [&_select]:text-[13px]"
                  data-testid="settings-member-role"
                >
                  <option value="owner">Owner</option>
                  <option value="editor">Editor</option>
                  <option value="viewer">Viewer</option>
                </Select>
              ) : (
                <RoleBadge role={member.role} />
              )}
            </li>
          ))}
        </ul>
      )}

      {isOwner ? <InviteShortcut workspaceId={workspaceId} /> : <p className="text-xs text-faint">Only owners change roles and invite people.</p>}
    </div>
  );
}

/** One click to an invite link (7 days, up to 10 people); shown once, with a copy button. */
function InviteShortcut({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [role, setRole] = useState<Role>('editor');
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation(
    trpc.member.createInvite.mutationOptions({
      onSuccess: async (invite) => {
        setCreated(invite);
        setCopied(false);
        await queryClient.invalidateQueries(trpc.member.listInvites.pathFilter());
      },
      onError: (error) => toast({ tone: 'error', title: 'Could not create an invite link', description: errorMessage(error) }),
    }),
  );

  const copy = async (url: string) => {
    const ok = await copyText(url);
    setCopied(ok);
    toast(ok ? { tone: 'success', title: 'Copied' } : { tone: 'error', title: 'Copy failed', description: 'Select the link and copy it by hand.' });
  };

  return (
    <section className="rounded-lg border border-line bg-subtle/50 p-3" aria-labelledby="invite-shortcut-heading" data-testid="invite-shortcut">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="invite-shortcut-heading" className="mr-auto text-[13px] font-medium text-fg">
          Invite people
        </h3>
        <Select
          aria-label="Role for the invite"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          className="[&_select]:h-8 [&_select]:text-[13px]"
          data-testid="invite-shortcut-role"
        >
          <option value="viewer">Viewer</option>
          <option value="editor">Editor</option>
          <option value="owner">Owner</option>
        </Select>
        <Button
          variant="secondary"
          size="sm"
          icon={<LinkIcon size={14} />}
          loading={create.isPending}
          onClick={() => create.mutate({ workspaceId, role, expiresInHours: 24 * 7, maxUses: 10 })}
          data-testid="invite-shortcut-create"
        >
          Create link
        </Button>
      </div>
      <p className="mt-1.5 text-xs text-faint">
        {ROLE_LABEL[role]}s {ROLE_DESCRIPTION[role]}. The link works for 7 days, for up to 10 people.
      </p>
      {created ? (
        <div className="mt-2.5 flex gap-2">
          <input
            readOnly
            value={created.url}
            aria-label="Invite link"
            onFocus={(e) => e.currentTarget.select()}
            data-testid="invite-shortcut-url"
            className="h-8 min-w-0 flex-1 rounded-md border border-line-strong bg-surface px-2.5 font-mono text-xs text-fg focus:border-accent focus:outline-none"
          />
          <Button
            variant="secondary"
            size="sm"
            icon={copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
            onClick={() => void copy(created.url)}
            data-testid="invite-shortcut-copy"
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
