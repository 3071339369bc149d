'use client';

import type { ReactNode } from 'react';
import { SparkleIcon } from '../../components/Icons.tsx';
import { cn } from '../../lib/cn.ts';
import { FlowCanvas } from './canvas/FlowCanvas.tsx';
import { ShortcutsHelpDialog } from './canvas/ShortcutsHelpDialog.tsx';
import { useWorkflowAnalysis } from './canvas/use-workflow-analysis.ts';
import { NodeConfigPanel } from './config/NodeConfigPanel.tsx';
import { MissingCredentialsBanner } from './credentials/MissingCredentialsBanner.tsx';
import { CopilotPanel } from './copilot/CopilotPanel.tsx';
import type { SidePanel } from './editor-store.ts';
import { NodePalette } from './palette/NodePalette.tsx';
import { NodeInspector } from './runs/NodeInspector.tsx';
import { ReplayBar } from './runs/ReplayBar.tsx';
import { RunsPanel } from './runs/RunsPanel.tsx';
import { useLiveRuns } from './runs/use-live-runs.ts';
import { useEditorStore } from './session/editor-session.ts';
import { useVersionSync } from './versions/use-version-sync.ts';
import { VersionsPanel } from './versions/VersionsPanel.tsx';

const TABS: { id: SidePanel; label: ReactNode }[] = [
  { id: 'node', label: 'Node' },
  { id: 'runs', label: 'Runs' },
  { id: 'versions', label: 'Versions' },
  {
    id: 'copilot',
    label: (
      <span className="flex items-center gap-1">
        <SparkleIcon size={13} /> Copilot
      </span>
    ),
  },
];

/** Palette | canvas | side panel, plus the editor-wide hooks (live runs, compiler analysis). */
export function EditorWorkspace() {
  useLiveRuns();
  useWorkflowAnalysis();
  useVersionSync();
  const paletteOpen = useEditorStore((s) => s.paletteOpen);
  const panel = useEditorStore((s) => s.panel);

  return (
    <div className="flex min-h-0 flex-1">
      {paletteOpen ? <NodePalette /> : null}
      <main className="relative min-w-0 flex-1" aria-label="Workflow canvas">
        <FlowCanvas />
        <MissingCredentialsBanner />
        <ReplayBar />
        <NodeInspector />
      </main>
      {panel ? <SidePanelFrame>{panelContent(panel)}</SidePanelFrame> : null}
      <ShortcutsHelpDialog />
    </div>
  );
}

function panelContent(panel: SidePanel): ReactNode {
  switch (panel) {
    case 'node':
      return <NodeConfigPanel />;
    case 'runs':
      return <RunsPanel />;
    case 'versions':
      return <VersionsPanel />;
    case 'copilot':
      return <CopilotPanel />;
  }
}

function SidePanelFrame({ children }: { children: ReactNode }) {
  const panel = useEditorStore((s) => s.panel);
  const openPanel = useEditorStore((s) => s.openPanel);
  return (
    <aside className="flex w-[380px] shrink-0 flex-col border-l border-line bg-surface" data-testid="side-panel" aria-label="Side panel">
      <div role="tablist" className="flex h-10 shrink-0 items-center gap-1 border-b border-line px-2">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            role="tab"
            type="button"
            aria-selected={panel === tab.id}
            data-testid={`panel-tab-${tab.id}`}
            onClick={() => openPanel(tab.id)}
            className={cn(
              'rounded-md px-2.5 py-1 text-[13px] font-medium transition-colors',
              panel === tab.id ? 'bg-accent-soft text-accent-text' : 'text-muted hover:bg-hover hover:text-fg',
            )}
          >
            {tab.label}
          </button>
        ))}
        <button
          type="button"
          aria-label="Close panel"
          onClick={() => openPanel(null)}
          className="ml-auto rounded-md px-2 py-1 text-[13px] text-muted hover:bg-hover hover:text-fg"
        >
          ✕
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
    </aside>
  );
}
