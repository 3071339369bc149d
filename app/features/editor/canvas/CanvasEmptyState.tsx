'use client';

import { useMemo } from 'react';
import { WorkflowIcon } from '../../../components/Icons.tsx';
import { useEditorSession } from '../session/editor-session.ts';
import { latestVersions } from '../palette/palette-groups.ts';
import { tintOf } from './category-style.ts';
import { NodeTypeIcon } from './NodeTypeIcon.tsx';
import type { CanvasActions } from './use-canvas-actions.ts';

/** What an empty workflow shows: how to start, with the triggers one click away for editors. */
export function CanvasEmptyState({ actions }: { actions: CanvasActions }) {
  const { nodeTypes } = useEditorSession();
  const triggers = useMemo(
    () => latestVersions(nodeTypes.values()).filter((t) => t.isTrigger).sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [nodeTypes],
  );
  return (
    <div className="pointer-events-none absolute inset-0 z-[5] flex items-center justify-center">
      <div
        className="pointer-events-auto flex w-[340px] flex-col items-center rounded-2xl border border-dashed border-line-strong bg-surface/90 px-6 py-7 text-center shadow-card backdrop-blur-sm"
        data-testid="canvas-empty"
      >
        <span className="mb-3 flex size-11 items-center justify-center rounded-xl border border-line bg-subtle text-muted">
          <WorkflowIcon size={20} />
        </span>
        <h2 className="text-[15px] font-semibold text-fg">{actions.canEdit ? 'Add a trigger from the palette' : 'This workflow is empty'}</h2>
        <p className="mt-1 max-w-xs text-[13px] leading-relaxed text-muted">
          {actions.canEdit
            ? 'A trigger starts every run. Drag one onto the canvas, or pick one here.'
            : 'Nothing has been added yet. Editors of this workspace can build it.'}
        </p>
        {actions.canEdit && triggers.length > 0 ? (
          <div className="mt-4 flex w-full flex-col gap-1.5">
            {triggers.map((t) => (
              <button
                key={t.type}
                type="button"
                onClick={() => actions.addNodeOfType(t.type)}
                className="flex items-center gap-2.5 rounded-lg border border-line bg-surface px-3 py-2 text-left text-[13px] font-medium text-fg transition-colors hover:border-line-strong hover:bg-subtle"
                data-testid={`empty-add-${t.type}`}
              >
                <span className={`flex size-7 shrink-0 items-center justify-center rounded-md leading-none ${tintOf(t.category)}`} aria-hidden>
                  <NodeTypeIcon description={t} fallbackName={t.displayName} size={15} />
                </span>
                <span className="min-w-0 flex-1 truncate">{t.displayName}</span>
              </button>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
