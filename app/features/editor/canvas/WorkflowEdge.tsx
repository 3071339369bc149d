'use client';

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { TrashIcon } from '../../../components/Icons.tsx';
import { cn } from '../../../lib/cn.ts';
import { useEditorStore } from '../session/editor-session.ts';
import { useCanvasActions } from './canvas-context.ts';
import type { CanvasEdge } from './flow-mapping.ts';
import { useEdgeHovered, useHoveredEdge } from './hovered-edge.ts';
import { isActive, itemsLabel } from './run-format.ts';

const MARK_CLASS = { added: 'ff-edge-added', changed: 'ff-edge-changed', removed: 'ff-edge-removed' } as const;

/**
 * A bezier edge between two ports: diff-coloured, animated while its source node runs, labelled
 * with the items that went through it in the painted run, and deletable from a hover button.
 */
export const WorkflowEdge = memo(function WorkflowEdge(props: EdgeProps<CanvasEdge>) {
  const { id, source, sourceHandleId, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, data, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: 0.3 });
  const ghost = data?.ghost;
  const running = useEditorStore((s) => !ghost && isActive(s.overlay?.nodes[source]?.status));
  const items = useEditorStore((s) => (ghost ? undefined : s.overlay?.nodes[source]?.outputs?.[sourceHandleId ?? 'main']));
  const mark = useEditorStore((s) => (ghost ? undefined : s.diff?.edges[id]));
  const hovered = useEdgeHovered(id);
  const hover = useHoveredEdge();
  const { canEdit, deleteEdge } = useCanvasActions();
  const showDelete = canEdit && !ghost && (hovered || selected);

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={ghost ? 0 : 22}
        className={cn(
          'ff-edge',
          running && 'ff-edge-running',
          items !== undefined && items > 0 && 'ff-edge-done',
          mark && MARK_CLASS[mark],
          ghost === 'ghost' && 'ff-edge-ghost',
          ghost === 'removed' && 'ff-edge-removed ff-edge-ghost',
          selected && 'ff-edge-selected',
        )}
      />
      {showDelete || items !== undefined ? (
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan pointer-events-auto absolute flex items-center gap-1"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onMouseEnter={() => hover?.enter(id)}
            onMouseLeave={() => hover?.leave(id)}
          >
            {items !== undefined && !showDelete ? (
              <span
                className="rounded-full border border-line bg-surface px-1.5 text-[10px] leading-4 font-medium text-muted tabular-nums shadow-card"
                data-testid={`edge-items-${id}`}
              >
                {itemsLabel(items)}
              </span>
            ) : null}
            {showDelete ? (
              <button
                type="button"
                className="flex size-6 items-center justify-center rounded-md border border-line-strong bg-surface text-muted shadow-card hover:border-danger hover:bg-danger-soft hover:text-danger-text"
                aria-label="Delete connection"
                title="Delete connection"
                data-testid={`edge-delete-${id}`}
                onClick={() => deleteEdge(id)}
              >
                <TrashIcon size={13} />
              </button>
            ) : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
