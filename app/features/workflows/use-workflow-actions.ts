'use client';

import { useMutation, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useToast } from '../../components/Toast.tsx';
import { downloadText } from '../../lib/download.ts';
import { errorMessage } from '../../lib/errors.ts';
import { slugify } from '../../lib/format.ts';
import { useTRPC, useTRPCClient, type RouterOutputs, type WorkflowSummary } from '../../lib/trpc.ts';

type ListPage = RouterOutputs['workflow']['list'];

/**
 * Writes a changed workflow into every cached list page at once (the current search and the
 * others), so a list shown again later never flashes the old value while it refetches.
 */
export function patchCachedLists(
  queryClient: QueryClient,
  listKey: readonly unknown[],
  updated: WorkflowSummary,
) {
  queryClient.setQueriesData<InfiniteData<ListPage>>({ queryKey: listKey }, (data) =>
    data?.pages
      ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((w) => (w.id === updated.id ? updated : w)) })) }
      : data,
  );
}

/** The one-click row actions (duplicate, archive, restore, export, delete), each confirming with a toast. */
export function useWorkflowActions() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const toast = useToast();
  const refreshList = () => queryClient.invalidateQueries(trpc.workflow.list.pathFilter());
  const fail = (title: string) => (error: unknown) => toast({ tone: 'error', title, description: errorMessage(error) });

  const duplicate = useMutation(
    trpc.workflow.duplicate.mutationOptions({
      onSuccess: async (copy) => {
        await refreshList();
        toast({ tone: 'success', title: `Created “${copy.name}”` });
      },
      onError: fail('Could not duplicate the workflow'),
    }),
  );

  const restore = useMutation(
    trpc.workflow.restore.mutationOptions({
      onSuccess: async (wf) => {
        await refreshList();
        toast({ tone: 'success', title: `Restored “${wf.name}”`, description: 'It is back in the active list.' });
      },
      onError: fail('Could not restore the workflow'),
    }),
  );

  const archive = useMutation(
    trpc.workflow.archive.mutationOptions({
      onSuccess: async (wf) => {
        await refreshList();
        toast({
          tone: 'success',
          title: `Archived “${wf.name}”`,
          description: 'Find it under Archived.',
          action: { label: 'Undo', onClick: () => restore.mutate({ workflowId: wf.id }) },
        });
      },
      onError: fail('Could not archive the workflow'),
    }),
  );

  const remove = useMutation(
    trpc.workflow.delete.mutationOptions({
      onSuccess: async () => {
        await refreshList();
      },
    }),
  );

  async function exportJson(workflow: WorkflowSummary) {
    try {
      const data = await client.workflow.export.query({ workflowId: workflow.id });
      downloadText(`${slugify(workflow.name)}.flowforge.json`, `${JSON.stringify(data, null, 2)}\n`);
    } catch (error) {
      fail('Could not export the workflow')(error);
    }
  }

  return { duplicate, archive, restore, remove, exportJson };
}
