'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../../components/Toast.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import type { NodeOverlay } from '../editor-store.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { closeReplay } from './replay-control.ts';
import { reusableNodes } from './run-overlay.ts';
import { runsStoreOf } from './runs-store.ts';

/**
 * Every action that starts or stops a run. A started run takes over the canvas live (a replay
 * on screen closes), the history refreshes, and failures show as a toast with the server's words.
 */
export function useRunActions() {
  const session = useEditorSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { workflowId } = session;

  const started = (executionId: string, base?: Readonly<Record<string, NodeOverlay>>) => {
    closeReplay(session);
    runsStoreOf(session.store).getState().followLive?.(executionId, base);
    void queryClient.invalidateQueries(trpc.run.list.pathFilter());
  };
  const failed = (title: string) => (error: unknown) => toast({ tone: 'error', title, description: errorMessage(error) });

  const start = useMutation(
    trpc.run.start.mutationOptions({
      onSuccess: (result) => {
        started(result.executionId);
        void queryClient.invalidateQueries(trpc.version.list.pathFilter());
      },
      onError: failed('Could not run the workflow'),
    }),
  );
  const cancel = useMutation(
    trpc.run.cancel.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.run.list.pathFilter()),
      onError: failed('Could not cancel the run'),
    }),
  );
  const retry = useMutation(trpc.run.retry.mutationOptions({ onSuccess: (r) => started(r.executionId), onError: failed('Could not retry the run') }));
  const rerunFrom = useMutation(
    trpc.run.rerunFrom.mutationOptions({
      // Nodes before the re-run one are reused, not run: carry their results over from the run on screen.
      onSuccess: (r, input) => started(r.executionId, reusableNodes(session.store.getState().overlay, input.nodeId)),
      onError: failed('Could not re-run from this node'),
    }),
  );
  const rerunOnCurrent = useMutation(
    trpc.run.rerunOnCurrent.mutationOptions({ onSuccess: (r) => started(r.executionId), onError: failed('Could not re-run on the current version') }),
  );

  return {
    /** Runs the live document; resolves to whether the run started (failures are toasted). */
    start: (items?: { json: Record<string, unknown> }[]) =>
      start.mutateAsync({ workflowId, draft: true, ...(items ? { items } : {}) }).then(
        () => true,
        () => false,
      ),
    starting: start.isPending,
    cancel: (runId: string) => cancel.mutate({ workflowId, runId }),
    cancelling: cancel.isPending,
    retry: (runId: string) => retry.mutate({ workflowId, runId }),
    rerunFrom: (runId: string, nodeId: string) => rerunFrom.mutate({ workflowId, runId, nodeId }),
    rerunningFrom: rerunFrom.isPending,
    rerunOnCurrent: (runId: string) => rerunOnCurrent.mutate({ workflowId, runId }),
  };
}
