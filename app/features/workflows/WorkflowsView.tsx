'use client';

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ArchiveIcon, PlusIcon, SearchIcon, WorkflowIcon, XIcon } from '../../components/Icons.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { useToast } from '../../components/Toast.tsx';
import { cn } from '../../lib/cn.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type WorkflowSummary } from '../../lib/trpc.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useWorkspace } from '../shell/WorkspaceContext.tsx';
import { CreateWorkflowDialog } from './CreateWorkflowDialog.tsx';
import { ImportWorkflowButton, type ImportOutcome } from './ImportWorkflowButton.tsx';
import { TemplateDialog } from './TemplateDialog.tsx';
import { RenameWorkflowDialog } from './RenameWorkflowDialog.tsx';
import { useWorkflowActions } from './use-workflow-actions.ts';
import { WorkflowRow } from './WorkflowRow.tsx';

const PAGE_SIZE = 25;

/** The workspace's workflows: search, active/archived, paging, and everything one can do to them. */
export function WorkflowsView() {
  const { workspace, canEdit, isOwner } = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const actions = useWorkflowActions();
  const searchRef = useRef<HTMLInputElement>(null);

  const [searchText, setSearchText] = useState('');
  const search = useDebouncedValue(searchText.trim(), 250);
  const [archived, setArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const [templating, setTemplating] = useState(false);
  const [renaming, setRenaming] = useState<WorkflowSummary | null>(null);
  const [deleting, setDeleting] = useState<WorkflowSummary | null>(null);
  const [importError, setImportError] = useState<{ fileName: string; message: string } | null>(null);

  const list = useInfiniteQuery(
    trpc.workflow.list.infiniteQueryOptions(
      { workspaceId: workspace.id, archived, limit: PAGE_SIZE, ...(search ? { search } : {}) },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = list.isFetching && !list.isFetchingNextPage && !list.isPending;

  // "/" jumps to search, as in most list views.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey) return;
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog[open]')) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const hrefOf = (wf: WorkflowSummary) => `/w/${workspace.id}/workflows/${wf.id}`;

  function onImported(outcome: ImportOutcome) {
    if (!outcome.ok) {
      setImportError({ fileName: outcome.fileName, message: outcome.message });
      return;
    }
    const { workflow, warnings } = outcome.result;
    setArchived(false);
    setSearchText('');
    toast({
      tone: 'success',
      title: `Imported “${workflow.name}”`,
      ...(warnings.length ? { description: warnings.join(' ') } : {}),
      action: { label: 'Open', onClick: () => router.push(hrefOf(workflow)) },
    });
  }

  const newButton = (
    <Button variant="primary" icon={<PlusIcon size={14} />} onClick={() => setCreating(true)} data-testid="new-workflow">
      New workflow
    </Button>
  );

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-fg">Workflows</h1>
          <p className="mt-1 truncate text-[13px] text-muted">Automations in {workspace.name}</p>
        </div>
        {canEdit ? (
          <div className="flex items-center gap-2">
            <ImportWorkflowButton workspaceId={workspace.id} onStart={() => setImportError(null)} onDone={onImported} />
            <Button variant="secondary" onClick={() => setTemplating(true)} data-testid="from-template">
              From template
            </Button>
            {newButton}
          </div>
        ) : null}
      </div>

      <div className="mt-6 flex flex-wrap items-center gap-3">
        <div className="relative min-w-0 flex-1 sm:max-w-sm">
          <SearchIcon size={15} className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-faint" />
          <input
            ref={searchRef}
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && searchText) {
                e.preventDefault();
                setSearchText('');
              }
            }}
            placeholder="Search workflows"
            aria-label="Search workflows by name or description"
            maxLength={120}
            data-testid="workflow-search"
            className="h-9 w-full rounded-md border border-line-strong bg-surface pr-9 pl-9 text-sm text-fg shadow-card placeholder:text-faint focus:border-accent focus:ring-3 focus:ring-accent/20 focus:outline-none [&::-webkit-search-cancel-button]:hidden"
          />
          <span className="absolute top-1/2 right-2 flex -translate-y-1/2 items-center">
            {searching ? (
              <Spinner size={14} className="mr-1 text-faint" />
            ) : searchText ? (
              <button
                type="button"
                onClick={() => {
                  setSearchText('');
                  searchRef.current?.focus();
                }}
                className="rounded p-1 text-faint hover:text-fg"
                aria-label="Clear search"
              >
                <XIcon size={14} />
              </button>
            ) : (
              <kbd className="mr-1 hidden rounded border border-line px-1.5 font-sans text-[11px] text-faint sm:inline">/</kbd>
            )}
          </span>
        </div>
        <div role="group" aria-label="Which workflows" className="inline-flex rounded-lg border border-line bg-subtle p-0.5">
          {[
            { value: false, label: 'Active', testId: 'show-active' },
            { value: true, label: 'Archived', testId: 'show-archived' },
          ].map((option) => (
            <button
              key={option.label}
              type="button"
              aria-pressed={archived === option.value}
              data-testid={option.testId}
              onClick={() => setArchived(option.value)}
              className={cn(
                'h-7 rounded-md px-3 text-[13px] font-medium transition-colors',
                archived === option.value ? 'bg-surface text-fg shadow-card' : 'text-muted hover:text-fg',
              )}
            >
              {option.label}
            </button>
          ))}
        </div>
      </div>

      {importError ? (
        <Alert
          tone="error"
          className="mt-4"
          title={`Could not import ${importError.fileName}`}
          onDismiss={() => setImportError(null)}
          data-testid="import-error"
        >
          {importError.message}
        </Alert>
      ) : null}

      <section aria-label={archived ? 'Archived workflows' : 'Workflows'} aria-busy={list.isFetching} className="mt-4">
        {list.isPending ? (
          <ListSkeleton />
        ) : list.isError ? (
          <Alert tone="error" title="Could not load workflows">
            {errorMessage(list.error)}{' '}
            <button type="button" className="font-medium underline" onClick={() => void list.refetch()}>
              Try again
            </button>
          </Alert>
        ) : items.length === 0 ? (
          <div className="rounded-xl border border-dashed border-line-strong bg-surface" data-testid="empty-state">
            {search ? (
              <EmptyState
                icon={<SearchIcon size={20} />}
                title={`No ${archived ? 'archived ' : ''}workflows match “${search}”`}
                actions={
                  <Button variant="secondary" onClick={() => setSearchText('')}>
                    Clear search
                  </Button>
                }
              >
                Search looks at names and descriptions.
              </EmptyState>
            ) : archived ? (
              <EmptyState
                icon={<ArchiveIcon size={20} />}
                title="No archived workflows"
                actions={
                  <Button variant="secondary" onClick={() => setArchived(false)}>
                    Show active workflows
                  </Button>
                }
              >
                Archiving hides a workflow from the list and keeps its history. Restore it any time.
              </EmptyState>
            ) : (
              <EmptyState
                icon={<WorkflowIcon size={20} />}
                title={canEdit ? 'Create your first workflow' : 'No workflows yet'}
                actions={
                  canEdit ? (
                    <>
                      {newButton}
                      <ImportWorkflowButton
                        workspaceId={workspace.id}
                        onStart={() => setImportError(null)}
                        onDone={onImported}
                        testId="empty-import-workflow"
                      />
                    </>
                  ) : null
                }
              >
                {canEdit
                  ? 'Workflows connect a trigger to the apps, code and AI steps that run after it. Start from scratch, or import a workflow exported from FlowForge.'
                  : 'Editors and owners of this workspace create workflows; they will appear here.'}
              </EmptyState>
            )}
          </div>
        ) : (
          <div className="overflow-hidden rounded-xl border border-line bg-surface shadow-card">
            <div className="flex items-center gap-3 border-b border-line bg-subtle/60 px-4 py-2 text-[11px] font-medium tracking-wide text-faint uppercase">
              <span className="w-8 shrink-0" />
              <span className="flex-1">Name</span>
              <span className="hidden w-32 shrink-0 sm:block">Updated</span>
              <span className="hidden w-28 shrink-0 lg:block">Created</span>
              <span className="w-7 shrink-0" />
            </div>
            <ul data-testid="workflow-list" className={cn('transition-opacity', searching && 'opacity-60')}>
              {items.map((wf) => (
                <WorkflowRow
                  key={wf.id}
                  workflow={wf}
                  href={hrefOf(wf)}
                  canEdit={canEdit}
                  isOwner={isOwner}
                  actions={actions}
                  onRename={setRenaming}
                  onDelete={setDeleting}
                />
              ))}
            </ul>
          </div>
        )}
        {items.length > 0 ? (
          <div className="mt-4 flex items-center justify-between gap-3 text-xs text-faint">
            <span aria-live="polite">
              {items.length} {archived ? 'archived ' : ''}workflow{items.length === 1 ? '' : 's'}
              {list.hasNextPage ? ' shown' : ''}
            </span>
            {list.hasNextPage ? (
              <Button
                variant="secondary"
                size="sm"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
                data-testid="load-more"
              >
                Load more
              </Button>
            ) : null}
          </div>
        ) : null}
      </section>

      <TemplateDialog open={templating} onClose={() => setTemplating(false)} workspaceId={workspace.id} />
      <CreateWorkflowDialog
        open={creating}
        onClose={() => setCreating(false)}
        workspaceId={workspace.id}
        onCreated={(wf) => {
          setArchived(false);
          setSearchText('');
          toast({
            tone: 'success',
            title: `Created “${wf.name}”`,
            action: { label: 'Open', onClick: () => router.push(hrefOf(wf)) },
          });
        }}
      />
      <RenameWorkflowDialog workflow={renaming} onClose={() => setRenaming(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete “${deleting?.name ?? ''}”?`}
        description="The workflow and its history are deleted for everyone in this workspace. This cannot be undone. Archive it instead to hide it and keep its history."
        confirmLabel="Delete workflow"
        onConfirm={async () => {
          if (!deleting) return;
          const name = deleting.name;
          await actions.remove.mutateAsync({ workflowId: deleting.id });
          toast({ tone: 'success', title: `Deleted “${name}”` });
        }}
      />
    </div>
  );
}

function ListSkeleton() {
  return (
    <div className="overflow-hidden rounded-xl border border-line bg-surface" aria-hidden>
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center gap-3 border-b border-line px-4 py-3.5 last:border-b-0">
          <span className="size-8 animate-pulse rounded-lg bg-subtle" />
          <div className="flex-1 space-y-2">
            <div className="h-3 w-48 animate-pulse rounded bg-subtle" />
            <div className="h-2.5 w-72 max-w-full animate-pulse rounded bg-subtle" />
          </div>
        </div>
      ))}
    </div>
  );
}
