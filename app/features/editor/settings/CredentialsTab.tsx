'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';
import { Button } from '../../../components/Button.tsx';
import { ConfirmDialog } from '../../../components/Dialog.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { CheckCircleIcon, AlertIcon, PencilIcon, PlusIcon, TrashIcon } from '../../../components/Icons.tsx';
import { useToast } from '../../../components/Toast.tsx';
import { cn } from '../../../lib/cn.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { useTRPC, type RouterOutputs } from '../../../lib/trpc.ts';
import { CompactButton } from '../versions/CompactButton.tsx';
import { CredentialFormDialog } from './CredentialFormDialog.tsx';
import { FlaskIcon, KeyIcon } from './settings-icons.tsx';
import { NestedDialogBoundary } from './NestedDialogBoundary.tsx';
import { useCredentialKinds } from './use-credential-kinds.ts';

type Credential = RouterOutputs['credential']['list'][number];
type TestResult = { ok: boolean; message: string };

/** The workspace's credentials: editors create, edit, test and delete them; viewers see names and kinds. */
export function CredentialsTab({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { byKind } = useCredentialKinds();
  const list = useQuery(trpc.credential.list.queryOptions({ workspaceId }));
  const [form, setForm] = useState<{ credentialId?: string } | null>(null);
  const [deleting, setDeleting] = useState<Credential | null>(null);
  const [results, setResults] = useState<Record<string, TestResult>>({});

  const remove = useMutation(trpc.credential.delete.mutationOptions());
  const test = useMutation(
    trpc.credential.test.mutationOptions({
      onSuccess: (result, { credentialId }) => setResults((r) => ({ ...r, [credentialId]: result })),
      onError: (error, { credentialId }) => setResults((r) => ({ ...r, [credentialId]: { ok: false, message: errorMessage(error) } })),
    }),
  );

  return (
    <div className="flex flex-col gap-3" data-testid="credentials-tab">
      <div className="flex items-center gap-3">
        <p className="min-w-0 flex-1 text-[13px] text-muted">
          Shared by every workflow in this workspace. Secrets are encrypted and never shown again.
        </p>
        <Button
          variant="primary"
          size="sm"
          icon={<PlusIcon size={14} />}
          disabled={!canEdit}
          onClick={() => setForm({})}
          data-testid="credential-new"
        >
          New
        </Button>
      </div>

      {list.isPending ? (
        <p className="py-4 text-[13px] text-faint">Loading credentials…</p>
      ) : list.isError ? (
        <Alert tone="error">{errorMessage(list.error)}</Alert>
      ) : list.data.length === 0 ? (
        <EmptyState icon={<KeyIcon size={18} />} title="No credentials yet" className="rounded-lg border border-dashed border-line py-8">
          {canEdit ? 'Add API keys, tokens and passwords once; nodes pick them by name.' : 'Editors can add API keys and tokens here.'}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line" aria-label="Credentials">
          {list.data.map((credential) => {
            const kind = byKind.get(credential.kind);
            const result = results[credential.id];
            const testing = test.isPending && test.variables?.credentialId === credential.id;
            return (
              <li key={credential.id} className="px-3 py-2.5" data-testid={`credential-row-${credential.name}`}>
                <div className="flex items-center gap-3">
                  <span className="flex size-8 shrink-0 items-center justify-center rounded-md border border-line bg-subtle text-muted">
                    <KeyIcon size={15} />
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-[13px] font-medium text-fg">{credential.name}</p>
                    <p className="truncate text-xs text-faint">
                      {kind?.displayName ?? credential.kind} ·{' '}
                      <time dateTime={new Date(credential.updatedAt).toISOString()} title={formatDateTime(new Date(credential.updatedAt))}>
                        updated {formatRelative(new Date(credential.updatedAt))}
                      </time>
                    </p>
                  </div>
                  {kind?.testable ? (
                    <CompactButton
                      icon={<FlaskIcon size={13} />}
                      loading={testing}
                      disabled={!canEdit}
                      onClick={() => test.mutate({ workspaceId, credentialId: credential.id })}
                      aria-label={`Test ${credential.name}`}
                      data-testid={`credential-test-${credential.name}`}
                    >
                      Test
                    </CompactButton>
                  ) : null}
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    disabled={!canEdit}
                    onClick={() => setForm({ credentialId: credential.id })}
                    aria-label={`Edit ${credential.name}`}
                    title="Edit"
                    data-testid={`credential-edit-${credential.name}`}
                  >
                    <PencilIcon size={14} />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    className="hover:bg-danger-soft hover:text-danger-text"
                    disabled={!canEdit}
                    onClick={() => setDeleting(credential)}
                    aria-label={`Delete ${credential.name}`}
                    title="Delete"
                    data-testid={`credential-delete-${credential.name}`}
                  >
                    <TrashIcon size={14} />
                  </Button>
                </div>
                {result && !testing ? (
                  <p
                    role="status"
                    className={cn('mt-2 ml-11 flex items-start gap-1.5 text-xs', result.ok ? 'text-success-text' : 'text-danger-text')}
                    data-testid={`credential-test-result-${credential.name}`}
                  >
                    {result.ok ? <CheckCircleIcon size={13} className="mt-px shrink-0" /> : <AlertIcon size={13} className="mt-px shrink-0" />}
                    <span className="min-w-0 break-words">{result.message}</span>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {!canEdit ? <p className="text-xs text-faint">Viewers see credential names only. Ask an editor to add or change one.</p> : null}

      <CredentialFormDialog
        open={form !== null}
        onClose={() => setForm(null)}
        workspaceId={workspaceId}
        {...(form?.credentialId ? { credentialId: form.credentialId } : {})}
        onSaved={(id) => setResults(({ [id]: _dropped, ...rest }) => rest)}
      />
      <NestedDialogBoundary>
        <ConfirmDialog
          open={deleting !== null}
          onClose={() => setDeleting(null)}
          title={`Delete ${deleting?.name ?? ''}?`}
          description="Nodes that use it will fail until they are given another credential. This cannot be undone."
          confirmLabel="Delete credential"
          onConfirm={async () => {
            if (!deleting) return;
            const name = deleting.name;
            await remove.mutateAsync({ workspaceId, credentialId: deleting.id });
            await Promise.all([
              queryClient.invalidateQueries(trpc.credential.list.pathFilter()),
              queryClient.invalidateQueries(trpc.copilot.status.pathFilter()),
            ]);
            toast({ tone: 'success', title: `Deleted “${name}”` });
          }}
        />
      </NestedDialogBoundary>
    </div>
  );
}
