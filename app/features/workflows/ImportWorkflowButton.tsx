'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { Button } from '../../components/Button.tsx';
import { UploadIcon } from '../../components/Icons.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

const MAX_BYTES = 5 * 1024 * 1024;

export type ImportOutcome =
  | { ok: true; fileName: string; result: RouterOutputs['workflow']['import'] }
  | { ok: false; fileName: string; message: string };

/** Picks a FlowForge export (.json) and sends its text to the server, which validates it. */
export function ImportWorkflowButton({
  workspaceId,
  onStart,
  onDone,
  variant = 'secondary',
  testId = 'import-workflow',
}: {
  workspaceId: string;
  onStart?: () => void;
  onDone: (outcome: ImportOutcome) => void;
  variant?: 'secondary' | 'primary';
  /** The button's test id; the file input's is the same with `-input`. */
  testId?: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const importWorkflow = useMutation(trpc.workflow.import.mutationOptions());

  async function onFile(file: File) {
    onStart?.();
    if (file.size > MAX_BYTES) {
      onDone({ ok: false, fileName: file.name, message: 'The file is larger than 5 MB.' });
      return;
    }
    try {
      const text = await file.text();
      const result = await importWorkflow.mutateAsync({ workspaceId, data: text });
      await queryClient.invalidateQueries(trpc.workflow.list.pathFilter());
      onDone({ ok: true, fileName: file.name, result });
    } catch (error) {
      onDone({ ok: false, fileName: file.name, message: errorMessage(error) });
    }
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="hidden"
        tabIndex={-1}
        aria-hidden
        data-testid={`${testId}-input`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void onFile(file);
        }}
      />
      <Button
        variant={variant}
        icon={<UploadIcon size={14} />}
        loading={importWorkflow.isPending}
        onClick={() => input.current?.click()}
        data-testid={testId}
      >
        Import
      </Button>
    </>
  );
}
