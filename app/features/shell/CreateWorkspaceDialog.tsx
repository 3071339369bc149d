'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, Input } from '../../components/Input.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useToast } from '../../components/Toast.tsx';

/** Creates a workspace (the user becomes its owner) and opens it. */
export function CreateWorkspaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: async (workspace) => {
        await queryClient.invalidateQueries(trpc.workspace.list.pathFilter());
        toast({ tone: 'success', title: `Created “${workspace.name}”` });
        close();
        router.push(`/w/${workspace.id}`);
      },
    }),
  );

  function close() {
    setName('');
    setNameError(null);
    create.reset();
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={create.isPending}
      title="Create a workspace"
      description="A workspace holds workflows, credentials and the people who work on them."
      data-testid="create-workspace-dialog"
      onSubmit={() => {
        const trimmed = name.trim();
        if (!trimmed) return setNameError('Give the workspace a name');
        if (trimmed.length > 120) return setNameError('Use at most 120 characters');
        setNameError(null);
        create.mutate({ name: trimmed });
      }}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending} data-testid="create-workspace-submit">
            Create workspace
          </Button>
        </>
      }
    >
      <Field label="Name" error={nameError}>
        <Input
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(null);
          }}
          placeholder="Acme Operations"
          maxLength={120}
          data-autofocus
          data-testid="create-workspace-name"
        />
      </Field>
      {create.error ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
    </Dialog>
  );
}
