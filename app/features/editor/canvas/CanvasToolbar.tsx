'use client';

import { Panel, useStore } from '@xyflow/react';
import type { ReactNode } from 'react';
import { Button } from '../../../components/Button.tsx';
import { PlusIcon } from '../../../components/Icons.tsx';
import { useEditorStore } from '../session/editor-session.ts';
import { FitViewIcon, KeyboardIcon, LayoutIcon, MapIcon, ZoomInIcon, ZoomOutIcon } from './canvas-icons.tsx';
import type { CanvasActions } from './use-canvas-actions.ts';

function ToolButton({ label, testId, onClick, disabled, pressed, children }: { label: string; testId: string; onClick: () => void; disabled?: boolean; pressed?: boolean; children: ReactNode }) {
  return (
    <Button variant="ghost" size="icon-sm" aria-label={label} title={label} data-testid={testId} onClick={onClick} disabled={disabled} aria-pressed={pressed}>
      {children}
    </Button>
  );
}

const group = 'flex items-center gap-0.5 rounded-lg border border-line bg-surface p-0.5 shadow-card';

/** Zoom, fit, tidy up, minimap and help, bottom left of the canvas. */
export function CanvasToolbar({ actions, minimap, onToggleMinimap }: { actions: CanvasActions; minimap: boolean; onToggleMinimap: () => void }) {
  const zoom = useStore((s) => s.transform[2]);
  return (
    <Panel position="bottom-left" className="!m-3 flex items-center gap-2" data-testid="canvas-toolbar">
      <div className={group} role="toolbar" aria-label="Zoom">
        <ToolButton label="Zoom out (-)" testId="canvas-zoom-out" onClick={() => actions.run('zoomOut')}>
          <ZoomOutIcon size={15} />
        </ToolButton>
        <button
          type="button"
          className="h-7 min-w-11 rounded-md px-1 text-[12px] font-medium text-muted tabular-nums hover:bg-hover hover:text-fg"
          onClick={() => actions.run('zoomReset')}
          title="Zoom to 100% (0)"
          aria-label={`Zoom ${Math.round(zoom * 100)}%, reset to 100%`}
          data-testid="canvas-zoom-level"
        >
          {Math.round(zoom * 100)}%
        </button>
        <ToolButton label="Zoom in (+)" testId="canvas-zoom-in" onClick={() => actions.run('zoomIn')}>
          <ZoomInIcon size={15} />
        </ToolButton>
        <ToolButton label="Fit to view (Shift+1)" testId="canvas-fit-view" onClick={() => actions.run('fitView')}>
          <FitViewIcon size={15} />
        </ToolButton>
      </div>
      <div className={group} role="toolbar" aria-label="Canvas">
        <ToolButton label="Tidy up (Shift+Alt+T)" testId="canvas-auto-layout" onClick={() => actions.run('autoLayout')} disabled={!actions.canEdit}>
          <LayoutIcon size={15} />
        </ToolButton>
        <ToolButton label={minimap ? 'Hide minimap' : 'Show minimap'} testId="canvas-minimap-toggle" onClick={onToggleMinimap} pressed={minimap}>
          <MapIcon size={15} />
        </ToolButton>
        <ToolButton label="Keyboard shortcuts (?)" testId="canvas-shortcuts" onClick={() => actions.run('help')}>
          <KeyboardIcon size={15} />
        </ToolButton>
      </div>
    </Panel>
  );
}

/** Brings the palette back when it was collapsed. */
export function OpenPaletteButton({ canEdit }: { canEdit: boolean }) {
  const paletteOpen = useEditorStore((s) => s.paletteOpen);
  const setPaletteOpen = useEditorStore((s) => s.setPaletteOpen);
  if (paletteOpen) return null;
  return (
    <Panel position="top-left" className="!m-3">
      <Button size="sm" variant="secondary" icon={<PlusIcon size={14} />} onClick={() => setPaletteOpen(true)} data-testid="canvas-open-palette" aria-label="Show node palette" title={canEdit ? 'Add a node (N)' : 'Show node palette'}>
        {canEdit ? 'Add node' : 'Nodes'}
      </Button>
    </Panel>
  );
}
