'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useToast } from '../../../components/Toast.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../../lib/trpc.ts';
import { useEditorSession } from '../session/editor-session.ts';

export type VersionItem = RouterOutputs['version']['list']['items'][number];

/** Others may save, restore or activate at any time; a light poll keeps the list honest. */
const POLL_MS = 15_000;
const PAGE = 30;

/** The workflow's versions and what editors do with them, each confirmed with a toast. */
export function useVersions() {
  const { workflowId, doc } = useEditorSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [limit, setLimit] = useState(PAGE);

  const list = useQuery(
    trpc.version.list.queryOptions({ workflowId, limit }, { refetchInterval: POLL_MS, placeholderData: keepPreviousData }),
  );
  const workflow = useQuery(trpc.workflow.get.queryOptions({ workflowId }, { refetchInterval: POLL_MS }));
  const activeVersionId = workflow.data?.activeVersionId ?? null;
  // The live version may be older than the loaded page; then its number comes on its own.
  const listedActive = list.data?.items.find((v) => v.id === activeVersionId);
  const activeDetail = useQuery(
    trpc.version.get.queryOptions({ workflowId, versionId: activeVersionId ?? '' }, { enabled: !!activeVersionId && !listedActive && list.isSuccess, staleTime: Infinity }),
  );
  const activeNumber = listedActive?.number ?? (activeDetail.data?.id === activeVersionId ? activeDetail.data?.number : undefined);

  const refreshList = () => queryClient.invalidateQueries(trpc.version.list.pathFilter());
  const refreshActive = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.workflow.get.queryFilter({ workflowId })),
      queryClient.invalidateQueries(trpc.workflow.webhooks.pathFilter()),
    ]);
  const fail = (title: string) => (error: unknown) => toast({ tone: 'error', title, description: errorMessage(error) });

  const save = useMutation(
    trpc.version.create.mutationOptions({
      onSuccess: async (version) => {
        await refreshList();
        toast(
          version.valid
            ? { tone: 'success', title: `Saved version ${version.number}` }
            : {
                tone: 'info',
                title: `Saved version ${version.number} with ${version.errorCount} ${version.errorCount === 1 ? 'problem' : 'problems'}`,
                description: 'It cannot be activated until the workflow compiles.',
              },
        );
      },
      onError: fail('Could not save a version'),
    }),
  );

  const restore = useMutation(
    trpc.version.restore.mutationOptions({
      onSuccess: async (result) => {
        await refreshList();
        toast({
          tone: 'success',
          title: result.changed ? `Restored version ${result.restored.number}` : `Already at version ${result.restored.number}`,
          description: result.changed ? `Everyone sees it now. The draft before was kept as version ${result.backup.number}.` : undefined,
        });
      },
    }),
  );

  const activate = useMutation(
    trpc.run.activate.mutationOptions({
      onSuccess: async (result, { versionId }) => {
        await refreshActive();
        const number = list.data?.items.find((v) => v.id === versionId)?.number;
        const parts = [
          plural(result.webhooks, 'webhook'),
          plural(result.schedules, 'schedule'),
          plural(result.polls, 'feed'),
        ].filter(Boolean);
        toast({
          tone: 'success',
          title: number ? `Version ${number} is live` : 'Version is live',
          description: parts.length ? `Listening: ${parts.join(', ')}.` : 'It has no triggers that listen on their own.',
        });
      },
      onError: fail('Could not activate the version'),
    }),
  );

  const deactivate = useMutation(
    trpc.run.deactivate.mutationOptions({
      onSuccess: async () => {
        await refreshActive();
        toast({ tone: 'success', title: 'Workflow deactivated', description: 'Its webhooks, schedules and feeds are off.' });
      },
      onError: fail('Could not deactivate the workflow'),
    }),
  );

  return {
    list,
    activeVersionId,
    activeNumber,
    activeLoaded: workflow.isSuccess,
    canLoadMore: list.data?.nextBefore != null && limit < 100,
    loadMore: () => setLimit((l) => Math.min(100, l + PAGE)),
    save: (message: string) => save.mutateAsync({ workflowId, message }),
    saving: save.isPending,
    /** Rejects on failure (the confirm dialog shows the error). */
    restore: (versionId: string) => restore.mutateAsync({ workflowId, versionId, clientId: doc.clientID }),
    activate: (versionId: string) => activate.mutate({ workflowId, versionId }),
    deactivate: () => deactivate.mutate({ workflowId }),
    /** The version whose activation is running, or 'deactivate'. */
    switching: activate.isPending ? (activate.variables?.versionId ?? null) : deactivate.isPending ? 'deactivate' : null,
  };
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}
