'use client';

import { useState } from 'react';
import type * as Y from 'yjs';
import { nodesOf, NodeField } from '../../../../collab/index.ts';
import { Button, buttonClass } from '../../../components/Button.tsx';
import { Spinner } from '../../../components/Spinner.tsx';
import { cn } from '../../../lib/cn.ts';
import { useDocValue, useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { BracesIcon, HistoryIcon, PlayIcon, StopIcon } from './run-icons.tsx';
import { RunWithInputDialog } from './RunWithInputDialog.tsx';
import { useRunActions } from './use-run-actions.ts';
import { useRunsStore } from './runs-store.ts';

export const WEBHOOK_TRIGGER_TYPE = 'core.webhookTrigger';

function hasWebhookTrigger(doc: Y.Doc): boolean {
  for (const node of nodesOf(doc).values()) {
    if (node.get(NodeField.Type) === WEBHOOK_TRIGGER_TYPE) return true;
  }
  return false;
}

const VIEWER_HINT = 'Viewers cannot run workflows';

/**
 * Runs the live document (saved as a version first when it changed). While the newest run is
 * queued or running, whoever started it, it shows progress and a Cancel button instead.
 */
export function RunButton() {
  return (
    <div className="flex items-center gap-1.5">
      <RunsToggle />
      <RunControls />
    </div>
  );
}

/** Opens the run history in the side panel (viewers too: history is read-only). */
function RunsToggle() {
  const panel = useEditorStore((s) => s.panel);
  const openPanel = useEditorStore((s) => s.openPanel);
  const open = panel === 'runs';
  return (
    <button
      type="button"
      onClick={() => openPanel(open ? null : 'runs')}
      aria-pressed={open}
      aria-label="Run history"
      title="Run history"
      className={cn(
        'flex size-8 items-center justify-center rounded-md transition-colors',
        open ? 'bg-accent-soft text-accent-text' : 'text-muted hover:bg-hover hover:text-fg',
      )}
      data-testid="runs-toggle"
    >
      <HistoryIcon size={16} />
    </button>
  );
}

function RunControls() {
  const { readOnly } = useEditorSession();
  const live = useRunsStore((s) => s.live);
  const webhook = useDocValue(hasWebhookTrigger);
  const actions = useRunActions();
  const [testInputOpen, setTestInputOpen] = useState(false);
  const running = live !== null && (live.runStatus === 'queued' || live.runStatus === 'running');

  if (running) {
    return (
      <div className="flex items-center gap-1.5" data-testid="run-progress" data-run-id={live.runId}>
        <span className="flex h-8 items-center gap-2 rounded-md bg-accent-soft px-2.5 text-[13px] font-medium text-accent-text" role="status">
          <Spinner size={13} />
          {live.runStatus === 'queued' ? 'Queued' : 'Running'}
        </span>
        <span title={readOnly ? 'Viewers cannot cancel runs' : undefined}>
          <Button
            size="sm"
            variant="secondary"
            icon={<StopIcon size={12} />}
            onClick={() => actions.cancel(live.runId)}
            loading={actions.cancelling}
            disabled={readOnly}
            data-testid="run-cancel"
          >
            Cancel
          </Button>
        </span>
      </div>
    );
  }

  return (
    <div className="flex items-center" title={readOnly ? VIEWER_HINT : undefined}>
      <Button
        variant="primary"
        size="sm"
        icon={<PlayIcon size={12} />}
        onClick={() => void actions.start()}
        loading={actions.starting}
        disabled={readOnly}
        aria-label={readOnly ? `Run (${VIEWER_HINT.toLowerCase()})` : 'Run workflow'}
        className={webhook ? 'rounded-r-none' : undefined}
        data-testid="run-button"
      >
        Run
      </Button>
      {webhook ? (
        <button
          type="button"
          className={buttonClass('primary', 'sm', 'rounded-l-none border-l border-accent-fg/25 px-2')}
          onClick={() => setTestInputOpen(true)}
          disabled={readOnly || actions.starting}
          aria-label="Run with test input…"
          title="Run with test input…"
          data-testid="run-test-input"
        >
          <BracesIcon size={14} />
        </button>
      ) : null}
      <RunWithInputDialog open={testInputOpen} onClose={() => setTestInputOpen(false)} onRun={actions.start} />
    </div>
  );
}
