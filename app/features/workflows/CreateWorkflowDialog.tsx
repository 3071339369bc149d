'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, Input, Textarea } from '../../components/Input.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type WorkflowSummary } from '../../lib/trpc.ts';

const MAX_NAME = 120;
const MAX_DESCRIPTION = 2000;

export function CreateWorkflowDialog({
  open,
  onClose,
  workspaceId,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  workspaceId: string;
  onCreated: (workflow: WorkflowSummary) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const create = useMutation(
    trpc.workflow.create.mutationOptions({
      onSuccess: async (workflow) => {
        await queryClient.invalidateQueries(trpc.workflow.list.pathFilter());
        onCreated(workflow);
        close();
      },
    }),
  );

  function close() {
    setName('');
    setDescription('');
    setNameError(null);
    create.reset();
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={create.isPending}
      title="New workflow"
      description="Name it after what it does; you can change both later."
      data-testid="create-workflow-dialog"
      onSubmit={() => {
        const trimmed = name.trim();
        if (!trimmed) return setNameError('Give the workflow a name');
        if (trimmed.length > MAX_NAME) return setNameError(`Use at most ${MAX_NAME} characters`);
        setNameError(null);
        create.mutate({ workspaceId, name: trimmed, description: description.trim() });
      }}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={create.isPending} data-testid="dialog-cancel">
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending} data-testid="create-workflow-submit">
            Create workflow
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
          placeholder="Sync new Stripe customers to HubSpot"
          maxLength={MAX_NAME}
          data-autofocus
          data-testid="create-workflow-name"
        />
      </Field>
      <Field
        label="Description"
        aside={<span className="text-xs text-faint">Optional</span>}
        hint={description.length > MAX_DESCRIPTION * 0.8 ? `${description.length} / ${MAX_DESCRIPTION}` : undefined}
      >
        <Textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="What triggers it, and what it changes"
          maxLength={MAX_DESCRIPTION}
          rows={3}
          data-testid="create-workflow-description"
        />
      </Field>
      {create.error ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
    </Dialog>
  );
}
