'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { ROLE_DESCRIPTION, ROLE_LABEL, RoleBadge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { CheckIcon, CopyIcon, LinkIcon } from '../../components/Icons.tsx';
import { Field, Select } from '../../components/Input.tsx';
import { useToast } from '../../components/Toast.tsx';
import { copyText } from '../../lib/download.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { useTRPC, type Role, type RouterOutputs } from '../../lib/trpc.ts';

const EXPIRY_OPTIONS = [
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
  { hours: 24 * 7, label: '7 days' },
  { hours: 24 * 30, label: '30 days' },
];
const USE_OPTIONS = [1, 5, 10, 25, 100];

type CreatedInvite = RouterOutputs['member']['createInvite'];

/** Owners create invite links (shown once, with a copy button) and revoke the ones still open. */
export function InvitePanel({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [role, setRole] = useState<Role>('editor');
  const [hours, setHours] = useState(72);
  const [maxUses, setMaxUses] = useState(1);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [copied, setCopied] = useState(false);

  const invites = useQuery(trpc.member.listInvites.queryOptions({ workspaceId }));
  const refreshInvites = () => queryClient.invalidateQueries(trpc.member.listInvites.pathFilter());

  const create = useMutation(
    trpc.member.createInvite.mutationOptions({
      onSuccess: async (invite) => {
        setCreated(invite);
        setCopied(false);
        await refreshInvites();
      },
    }),
  );
  const revoke = useMutation(
    trpc.member.revokeInvite.mutationOptions({
      onSuccess: async (_data, { inviteId }) => {
        if (created?.id === inviteId) setCreated(null);
        await refreshInvites();
        toast({ tone: 'success', title: 'Invite link revoked', description: 'It no longer lets anyone join.' });
      },
      onError: (error) => toast({ tone: 'error', title: 'Could not revoke the link', description: errorMessage(error) }),
    }),
  );

  async function copy(url: string) {
    const ok = await copyText(url);
    setCopied(ok);
    toast(ok ? { tone: 'success', title: 'Invite link copied' } : { tone: 'error', title: 'Copy failed', description: 'Select the link and copy it by hand.' });
  }

  return (
    <section aria-labelledby="invite-heading" className="rounded-xl border border-line bg-surface shadow-card">
      <div className="border-b border-line px-5 py-4">
        <h2 id="invite-heading" className="text-sm font-semibold text-fg">
          Invite people
        </h2>
        <p className="mt-0.5 text-[13px] text-muted">
          Create a link and send it to your teammates. It works until it expires or is used up.
        </p>
      </div>
      <form
        className="flex flex-wrap items-end gap-3 px-5 py-4"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ workspaceId, role, expiresInHours: hours, maxUses });
        }}
      >
        <Field label="Role" className="min-w-36">
          <Select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="invite-role">
            <option value="viewer">Viewer</option>
            <option value="editor">Editor</option>
            <option value="owner">Owner</option>
          </Select>
        </Field>
        <Field label="Expires after">
          <Select value={hours} onChange={(e) => setHours(Number(e.target.value))} data-testid="invite-expiry">
            {EXPIRY_OPTIONS.map((o) => (
              <option key={o.hours} value={o.hours}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Can be used">
          <Select value={maxUses} onChange={(e) => setMaxUses(Number(e.target.value))} data-testid="invite-uses">
            {USE_OPTIONS.map((n) => (
              <option key={n} value={n}>
                {n === 1 ? 'Once' : `${n} times`}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="primary" icon={<LinkIcon size={14} />} loading={create.isPending} data-testid="create-invite">
          Create invite link
        </Button>
        <p className="w-full text-xs text-faint">
          <span className="font-medium text-muted">{ROLE_LABEL[role]}s</span> {ROLE_DESCRIPTION[role]}.
        </p>
      </form>

      {create.error ? (
        <div className="px-5 pb-4">
          <Alert tone="error">{errorMessage(create.error)}</Alert>
        </div>
      ) : null}

      {created ? (
        <div className="mx-5 mb-4 rounded-lg border border-accent/25 bg-accent-soft p-3" data-testid="created-invite">
          <p className="text-[13px] font-medium text-fg">
            Invite link for a new <span className="lowercase">{created.role}</span> — copy it now, it is shown only once.
          </p>
          <div className="mt-2 flex gap-2">
            <input
              readOnly
              value={created.url}
              aria-label="Invite link"
              onFocus={(e) => e.currentTarget.select()}
              data-testid="invite-url"
              className="h-9 min-w-0 flex-1 rounded-md border border-line-strong bg-surface px-3 font-mono text-xs text-fg focus:border-accent focus:outline-none"
            />
            <Button
              variant="secondary"
              icon={copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
              onClick={() => void copy(created.url)}
              data-testid="copy-invite"
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          </div>
        </div>
      ) : null}

      <div className="border-t border-line">
        <h3 className="px-5 pt-3 pb-1 text-[11px] font-medium tracking-wide text-faint uppercase">Open invite links</h3>
        {invites.isPending ? (
          <p className="px-5 pb-4 text-[13px] text-faint">Loading…</p>
        ) : invites.isError ? (
          <div className="px-5 pb-4">
            <Alert tone="error">{errorMessage(invites.error)}</Alert>
          </div>
        ) : invites.data.length === 0 ? (
          <p className="px-5 pb-4 text-[13px] text-faint">No open links. Links you create appear here until they expire.</p>
        ) : (
          <ul className="pb-1">
            {invites.data.map((invite) => (
              <li key={invite.id} className="flex flex-wrap items-center gap-3 px-5 py-2.5" data-testid="invite-row">
                <RoleBadge role={invite.role} />
                <span className="text-[13px] text-muted">
                  {invite.uses} of {invite.maxUses} used
                </span>
                <span className="text-[13px] text-faint" title={formatDateTime(invite.expiresAt)}>
                  Expires {formatRelative(invite.expiresAt)}
                </span>
                <span className="ml-auto text-xs text-faint" title={formatDateTime(invite.createdAt)}>
                  Created {formatRelative(invite.createdAt)}
                </span>
                <Button
                  variant="danger-subtle"
                  size="sm"
                  loading={revoke.isPending && revoke.variables?.inviteId === invite.id}
                  onClick={() => revoke.mutate({ workspaceId, inviteId: invite.id })}
                  data-testid="revoke-invite"
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
