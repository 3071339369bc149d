'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { Badge, RoleBadge } from '../../components/Badge.tsx';
import { ErrorScreen } from '../../components/ErrorScreen.tsx';
import { ArrowLeftIcon } from '../../components/Icons.tsx';
import { PageSpinner } from '../../components/Spinner.tsx';
import { ThemeToggle } from '../../components/ThemeToggle.tsx';
import { errorCode, errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { RequireAuth } from '../auth/RequireAuth.tsx';
import { useSession } from '../auth/use-session.ts';
import { UserMenu } from '../shell/UserMenu.tsx';
import { CopilotButton } from './copilot/CopilotButton.tsx';
import { EditorWorkspace } from './EditorWorkspace.tsx';
import { OutreachLink } from './OutreachLink.tsx';
import { ConnectionBadge } from './session/ConnectionBadge.tsx';
import { EditorSessionProvider } from './session/EditorSessionProvider.tsx';
import { PresenceAvatars } from './presence/PresenceAvatars.tsx';
import { UndoRedoButtons } from './canvas/UndoRedoButtons.tsx';
import { RunButton } from './runs/RunButton.tsx';
import { SettingsButton } from './settings/SettingsButton.tsx';

/** The workflow editor: a top bar over palette, shared canvas and side panel. */
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
  const me = useSession();
  const workflow = useQuery(trpc.workflow.get.queryOptions({ workflowId }));
  const catalog = useQuery(trpc.nodeType.list.queryOptions(undefined, { staleTime: Infinity }));
  const realWorkspaceId = workflow.data?.workspaceId ?? workspaceId;
  const workspace = useQuery(trpc.workspace.get.queryOptions({ workspaceId: realWorkspaceId }));
  const backHref = `/w/${realWorkspaceId}`;

  const header = (withSession: boolean) => (
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
      {withSession ? <ConnectionBadge /> : null}
      <div className="ml-auto flex items-center gap-2">
        {withSession ? (
          <>
            <OutreachLink />
            <CopilotButton />
            <PresenceAvatars />
            <UndoRedoButtons />
            <RunButton />
            <SettingsButton />
          </>
        ) : null}
        {workflow.data ? (
          <span data-testid="workflow-role" className="max-lg:hidden">
            <RoleBadge role={workflow.data.role} />
          </span>
        ) : null}
        <ThemeToggle className="max-sm:hidden" />
        <UserMenu compact />
      </div>
    </header>
  );

  const failure = workflow.error ?? catalog.error;
  if (failure) {
    return (
      <div className="flex h-dvh flex-col overflow-hidden">
        {header(false)}
        <ErrorScreen
          title={errorCode(failure) === 'NOT_FOUND' ? 'Workflow not found' : 'Could not open this workflow'}
          message={errorCode(failure) === 'NOT_FOUND' ? 'It was deleted, or you are not a member of its workspace.' : errorMessage(failure)}
          homeHref={backHref}
          homeLabel="Back to workflows"
        />
      </div>
    );
  }
  if (!workflow.data || !catalog.data || !me.data) {
    return (
      <div className="flex h-dvh flex-col overflow-hidden">
        {header(false)}
        <PageSpinner label="Opening workflow" />
      </div>
    );
  }
  return (
    <EditorSessionProvider
      workflowId={workflowId}
      workspaceId={workflow.data.workspaceId}
      role={workflow.data.role}
      user={{ id: me.data.id, name: me.data.name }}
      nodeTypes={catalog.data.nodeTypes}
      credentialKinds={catalog.data.credentialKinds}
      fallback={
        <div className="flex h-dvh flex-col overflow-hidden">
          {header(false)}
          <PageSpinner label="Connecting to the shared document" />
        </div>
      }
    >
      <div className="flex h-dvh flex-col overflow-hidden" data-testid="editor">
        {header(true)}
        <EditorWorkspace />
      </div>
    </EditorSessionProvider>
  );
}
