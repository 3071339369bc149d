'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { Badge, ROLE_DESCRIPTION, ROLE_LABEL, RoleBadge } from '../../components/Badge.tsx';
import { ErrorScreen } from '../../components/ErrorScreen.tsx';
import { ArrowLeftIcon, WorkflowIcon } from '../../components/Icons.tsx';
import { PageSpinner } from '../../components/Spinner.tsx';
import { ThemeToggle } from '../../components/ThemeToggle.tsx';
import { errorCode, errorMessage } from '../../lib/errors.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { RequireAuth } from '../auth/RequireAuth.tsx';
import { UserMenu } from '../shell/UserMenu.tsx';

/**
 * The workflow editor: a top bar over a full-screen canvas. The canvas itself arrives with
 * the collaborative editor; until then the page shows the workflow's details on the grid.
 */
export function WorkflowEditorPage() {
  return (
    <RequireAuth>
      <Editor />
    </RequireAuth>
  );
}

function Editor() {
  const { workspaceId, workflowId } = useParams<{ workspaceId: string; workflowId: string }>();
  const trpc = useTRPC();
  const workflow = useQuery(trpc.workflow.get.queryOptions({ workflowId }));
  const workspace = useQuery(trpc.workspace.get.queryOptions({ workspaceId: workflow.data?.workspaceId ?? workspaceId }));
  const backHref = `/w/${workflow.data?.workspaceId ?? workspaceId}`;

  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-line bg-surface px-2 sm:px-3">
        <Link
          href={backHref}
          className="flex size-8 items-center justify-center rounded-md text-muted transition-colors hover:bg-hover hover:text-fg"
          aria-label="Back to workflows"
          data-testid="editor-back"
        >
          <ArrowLeftIcon size={16} />
        </Link>
        <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-1.5 text-[13px]">
          <Link href={backHref} className="hidden max-w-48 truncate text-muted hover:text-fg sm:block">
            {workspace.data?.name ?? 'Workspace'}
          </Link>
          <span className="hidden text-faint sm:block" aria-hidden>
            /
          </span>
          <h1 className="truncate font-semibold text-fg" data-testid="workflow-title">
            {workflow.data?.name ?? '…'}
          </h1>
        </nav>
        {workflow.data?.archivedAt ? <Badge>Archived</Badge> : null}
        <div className="ml-auto flex items-center gap-2">
          {workflow.data ? <RoleBadge role={workflow.data.role} className="max-sm:hidden" /> : null}
          <ThemeToggle className="max-sm:hidden" />
          <UserMenu compact />
        </div>
      </header>

      <main className="relative flex min-h-0 flex-1 canvas-grid" aria-label="Workflow canvas">
        {workflow.isPending ? (
          <PageSpinner />
        ) : workflow.isError ? (
          <ErrorScreen
            title={errorCode(workflow.error) === 'NOT_FOUND' ? 'Workflow not found' : 'Could not open this workflow'}
            message={
              errorCode(workflow.error) === 'NOT_FOUND'
                ? 'It was deleted, or you are not a member of its workspace.'
                : errorMessage(workflow.error)
            }
            homeHref={backHref}
            homeLabel="Back to workflows"
          />
        ) : (
          <div className="m-auto w-full max-w-lg p-4">
            <article className="rounded-xl border border-line bg-surface shadow-pop" data-testid="workflow-details">
              <div className="flex items-start gap-3 border-b border-line px-5 py-4">
                <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-accent-soft text-accent-text">
                  <WorkflowIcon size={18} />
                </span>
                <div className="min-w-0">
                  <h2 className="truncate text-[15px] font-semibold text-fg">{workflow.data.name}</h2>
                  <p className="mt-0.5 text-[13px] break-words whitespace-pre-line text-muted" data-testid="workflow-description">
                    {workflow.data.description || 'No description yet.'}
                  </p>
                </div>
              </div>
              <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2.5 px-5 py-4 text-[13px]">
                <Detail label="Created">
                  <time dateTime={workflow.data.createdAt.toISOString()}>{formatDateTime(workflow.data.createdAt)}</time>
                </Detail>
                <Detail label="Last updated">
                  <time dateTime={workflow.data.updatedAt.toISOString()} title={formatDateTime(workflow.data.updatedAt)}>
                    {formatRelative(workflow.data.updatedAt)}
                  </time>
                </Detail>
                <Detail label="Versions">{workflow.data._count.versions}</Detail>
                <Detail label="Status">{workflow.data.archivedAt ? 'Archived' : workflow.data.activeVersionId ? 'Active' : 'Draft'}</Detail>
                <Detail label="Your role">
                  <span data-testid="workflow-role">{ROLE_LABEL[workflow.data.role]}</span>
                  <span className="text-faint"> — {ROLE_LABEL[workflow.data.role].toLowerCase()}s {ROLE_DESCRIPTION[workflow.data.role]}</span>
                </Detail>
              </dl>
              <p className="rounded-b-xl border-t border-line bg-subtle/60 px-5 py-3 text-xs text-faint">
                The collaborative canvas opens here: nodes, live cursors and run results on this grid.
              </p>
            </article>
          </div>
        )}
      </main>
    </div>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-faint">{label}</dt>
      <dd className="min-w-0 text-fg">{children}</dd>
    </>
  );
}
