'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, Input } from '../../components/Input.tsx';
import { useToast } from '../../components/Toast.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type WorkflowSummary } from '../../lib/trpc.ts';
import { patchCachedLists } from './use-workflow-actions.ts';

/** Renames `workflow`; open while it is set. */
export function RenameWorkflowDialog({ workflow, onClose }: { workflow: WorkflowSummary | null; onClose: () => void }) {
  return workflow ? <RenameForm key={workflow.id} workflow={workflow} onClose={onClose} /> : null;
}

function RenameForm({ workflow, onClose }: { workflow: WorkflowSummary; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(workflow.name);
  const [nameError, setNameError] = useState<string | null>(null);
  const rename = useMutation(
    trpc.workflow.rename.mutationOptions({
      onSuccess: async (updated) => {
        patchCachedLists(queryClient, trpc.workflow.list.pathKey(), updated);
        await Promise.all([
          queryClient.invalidateQueries(trpc.workflow.list.pathFilter()),
          queryClient.invalidateQueries(trpc.workflow.get.queryFilter({ workflowId: updated.id })),
        ]);
        toast({ tone: 'success', title: `Renamed to “${updated.name}”` });
        onClose();
      },
    }),
  );

  return (
    <Dialog
      open
      onClose={onClose}
      busy={rename.isPending}
      title="Rename workflow"
      data-testid="rename-workflow-dialog"
      onSubmit={() => {
        const trimmed = name.trim();
        if (!trimmed) return setNameError('The name cannot be empty');
        if (trimmed.length > 120) return setNameError('Use at most 120 characters');
        if (trimmed === workflow.name) return onClose();
        setNameError(null);
        rename.mutate({ workflowId: workflow.id, name: trimmed });
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={rename.isPending} data-testid="dialog-cancel">
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={rename.isPending} data-testid="rename-workflow-submit">
            Save
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
          maxLength={120}
          data-autofocus
          data-testid="rename-workflow-name"
        />
      </Field>
      {rename.error ? <Alert tone="error">{errorMessage(rename.error)}</Alert> : null}
    </Dialog>
  );
}
