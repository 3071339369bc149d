'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useStore } from 'zustand';
import { Alert } from '../../../components/Alert.tsx';
import { Button } from '../../../components/Button.tsx';
import { ConfirmDialog } from '../../../components/Dialog.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { useToast } from '../../../components/Toast.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { ActivationStatus } from './ActivationStatus.tsx';
import { DiffSummary } from './DiffSummary.tsx';
import { liveDiffOf } from './live-diff.ts';
import { SaveVersionForm } from './SaveVersionForm.tsx';
import { useNow } from './use-now.ts';
import { useVersionSync } from './use-version-sync.ts';
import { useVersions, type VersionItem } from './use-versions.ts';
import { HistoryIcon } from './version-icons.tsx';
import { VersionRow } from './VersionRow.tsx';

/**
 * The side panel's "Versions" tab: whether the workflow is live and on which version, saving a
 * version, and the history, where each version can be compared with the document (painted on
 * the canvas), restored for everyone, or made live. Viewers see all of it and change nothing.
 */
export function VersionsPanel() {
  useVersionSync();
  const session = useEditorSession();
  const canEdit = session.role !== 'viewer';
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const now = useNow();
  const versions = useVersions();
  const live = liveDiffOf(session.doc, session.store);
  const compared = useStore(live.state, (s) => s.version);
  const diff = useStore(live.state, (s) => s.diff);
  const [loadingDiff, setLoadingDiff] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<VersionItem | null>(null);

  const items = versions.list.data?.items ?? [];

  const toggleDiff = async (version: VersionItem) => {
    if (compared?.id === version.id) return live.hide();
    setLoadingDiff(version.id);
    try {
      const detail = await queryClient.fetchQuery(
        trpc.version.get.queryOptions({ workflowId: session.workflowId, versionId: version.id }, { staleTime: Infinity }),
      );
      live.show({ id: detail.id, number: detail.number, definition: detail.definition });
    } catch (error) {
      toast({ tone: 'error', title: `Could not load version ${version.number}`, description: errorMessage(error) });
    } finally {
      setLoadingDiff(null);
    }
  };

  const save = async (message: string) => {
    try {
      await versions.save(message);
      return true;
    } catch {
      return false; // the toast already said why
    }
  };

  return (
    <div className="flex min-h-full flex-col" data-testid="versions-panel">
      <ActivationStatus
        live={versions.activeVersionId !== null}
        activeNumber={versions.activeNumber}
        loaded={versions.activeLoaded}
        canEdit={canEdit}
        deactivating={versions.switching === 'deactivate'}
        onDeactivate={versions.deactivate}
      />
      <SaveVersionForm canEdit={canEdit} saving={versions.saving} onSave={save} />
      {compared && diff ? <DiffSummary version={compared} diff={diff} onHide={live.hide} /> : null}

      <div className="flex items-center px-4 pt-3 pb-1.5">
        <h3 className="text-[11px] font-medium tracking-wide text-faint uppercase">History</h3>
        {versions.list.isFetching && !versions.list.isPending ? <span className="ml-2 text-[11px] text-faint">Refreshing…</span> : null}
      </div>
      {versions.list.isPending ? (
        <p className="px-4 py-3 text-[13px] text-faint">Loading versions…</p>
      ) : versions.list.isError ? (
        <div className="px-4 py-2">
          <Alert tone="error">{errorMessage(versions.list.error)}</Alert>
        </div>
      ) : items.length === 0 ? (
        <EmptyState icon={<HistoryIcon size={18} />} title="No versions yet" className="py-10" data-testid="versions-empty">
          {canEdit
            ? 'Save a version to keep this state of the workflow. Versions can be compared, restored and made live.'
            : 'Nobody has saved a version of this workflow yet.'}
        </EmptyState>
      ) : (
        <ul aria-label="Versions" data-testid="version-list">
          {items.map((version) => (
            <VersionRow
              key={version.id}
              version={version}
              now={now}
              active={version.id === versions.activeVersionId}
              compared={compared?.id === version.id}
              comparing={loadingDiff === version.id}
              canEdit={canEdit}
              switching={
                versions.switching === null
                  ? null
                  : versions.switching === version.id || (versions.switching === 'deactivate' && version.id === versions.activeVersionId)
                    ? 'this'
                    : 'other'
              }
              onToggleDiff={() => void toggleDiff(version)}
              onRestore={() => setRestoring(version)}
              onToggleActive={() => (version.id === versions.activeVersionId ? versions.deactivate() : versions.activate(version.id))}
            />
          ))}
        </ul>
      )}
      {versions.canLoadMore ? (
        <div className="px-4 py-3">
          <Button variant="ghost" size="sm" className="w-full" onClick={versions.loadMore} loading={versions.list.isFetching} data-testid="versions-more">
            Show older versions
          </Button>
        </div>
      ) : null}

      <ConfirmDialog
        open={restoring !== null}
        onClose={() => setRestoring(null)}
        tone="primary"
        title={`Restore version ${restoring?.number ?? ''}?`}
        description="The workflow becomes this version for everyone editing it. The current draft is saved as a version first, and you can undo the restore."
        confirmLabel="Restore version"
        onConfirm={async () => {
          if (restoring) await versions.restore(restoring.id);
        }}
      />
    </div>
  );
}
