'use client';

import { Panel } from '@xyflow/react';
import { XIcon } from '../../../components/Icons.tsx';
import { cn } from '../../../lib/cn.ts';
import type { ChangeMark, DiffOverlay } from '../editor-store.ts';
import { useEditorStore } from '../session/editor-session.ts';

const MARK_DOT: Record<ChangeMark, string> = { added: 'bg-success-text', changed: 'bg-warning-text', removed: 'bg-danger' };
const MARK_WORD: Record<ChangeMark, string> = { added: 'added', changed: 'changed', removed: 'removed' };

function counts(diff: DiffOverlay): [ChangeMark, number][] {
  const n: Record<ChangeMark, number> = { added: 0, changed: 0, removed: 0 };
  for (const mark of Object.values(diff.nodes)) n[mark]++;
  n.removed = Math.max(n.removed, diff.removedNodes.length);
  return (Object.entries(n) as [ChangeMark, number][]).filter(([, c]) => c > 0);
}

const pill = 'pointer-events-auto flex items-center gap-2 whitespace-nowrap rounded-full border border-line bg-surface/95 py-1 pr-1.5 pl-3 text-[12px] shadow-card backdrop-blur-sm';

/**
 * Says what the canvas is painting besides the document: a version diff (with a legend and
 * "hide", which is how a diff is dismissed from the canvas) or a proposal drawn as ghosts.
 * (A replayed version says so in the replay bar.)
 */
export function CanvasBanner() {
  const diff = useEditorStore((s) => s.diff);
  const ghost = useEditorStore((s) => s.ghost);
  const setDiff = useEditorStore((s) => s.setDiff);
  if (!diff && !ghost) return null;
  return (
    <Panel position="top-center" className="pointer-events-none !mt-3 flex flex-col items-center gap-1.5">
      {diff ? (
        <div className={pill} data-testid="canvas-diff-banner">
          <span className="font-medium text-fg">{diff.label}</span>
          {counts(diff).map(([mark, count]) => (
            <span key={mark} className="flex items-center gap-1 text-muted" data-testid={`canvas-diff-${mark}`}>
              <span className={cn('size-2 rounded-full', MARK_DOT[mark])} aria-hidden />
              {count} {MARK_WORD[mark]}
            </span>
          ))}
          <button
            type="button"
            onClick={() => setDiff(null)}
            className="flex h-6 items-center gap-1 rounded-full px-2 text-muted hover:bg-hover hover:text-fg"
            data-testid="canvas-diff-hide"
            aria-label="Hide changes"
          >
            <XIcon size={12} />
            Hide
          </button>
        </div>
      ) : null}
      {ghost ? (
        <div className={cn(pill, 'pr-3')} data-testid="canvas-ghost-banner">
          <span className="size-2 rounded-full border border-dashed border-accent" aria-hidden />
          <span className="font-medium text-fg">{ghost.label}</span>
          <span className="text-faint">
            {ghost.nodes.length} {ghost.nodes.length === 1 ? 'node' : 'nodes'} proposed
          </span>
        </div>
      ) : null}
    </Panel>
  );
}
