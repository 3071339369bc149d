'use client';

import { useReactFlow, type Connection } from '@xyflow/react';
import { useMemo, type RefObject } from 'react';
import { createNode, applyPositions, connectPorts, deleteElements, duplicateNodes, nodePositions, existingNames, pasteInto, type CommandContext } from './canvas-commands.ts';
import { layoutPositions } from './auto-layout.ts';
import { DEFAULT_NODE_SIZE } from './auto-layout.ts';
import type { CanvasEdge, CanvasNode } from './flow-mapping.ts';
import type { ClipboardPayload } from './clipboard.ts';
import type { DocFlowHandlers } from './use-doc-flow.ts';
import type { EditorSession } from '../session/editor-session.ts';
import { freeSpot, newNodeOf } from '../palette/new-node.ts';
import { NODE_WIDTH } from './NodeCard.tsx';
import type { CanvasCommand } from './shortcuts.ts';

type Position = { x: number; y: number };

export interface CanvasActions {
  canEdit: boolean;
  run(command: CanvasCommand): void;
  connect(connection: Connection): void;
  deleteEdge(id: string): void;
  paste(payload: Pick<ClipboardPayload, 'nodes' | 'edges'>, at?: Position): void;
  /** Adds a node of `type` centred on `at` (flow coordinates), or at the middle of the view; selects it. */
  addNodeOfType(type: string, at?: Position): string | null;
  viewportCenter(): Position;
  screenToFlow(point: Position): Position;
}

const FIT = { padding: 0.2, duration: 200, maxZoom: 1.25 } as const;

/** Everything the canvas can be asked to do, by keys, toolbar, palette or clipboard. */
export function useCanvasActions(
  session: EditorSession,
  flow: DocFlowHandlers,
  canEdit: boolean,
  wrapper: RefObject<HTMLDivElement | null>,
): CanvasActions {
  const rf = useReactFlow<CanvasNode, CanvasEdge>();

  return useMemo(() => {
    const { doc, undo, origin, store } = session;
    const ctx: CommandContext = { doc, undo, origin };
    const ui = () => store.getState();
    const docSelection = () => ui().selectedNodeIds.filter((id) => !id.startsWith('ghost:'));

    const viewportCenter = (): Position => {
      const rect = wrapper.current?.getBoundingClientRect();
      if (!rect) return { x: 0, y: 0 };
      return rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    };

    const autoLayout = () => {
      const nodes = rf.getNodes().filter((n) => n.type === 'workflow');
      if (nodes.length === 0) return;
      const positions = layoutPositions(
        nodes.map((n) => ({
          id: n.id,
          x: n.position.x,
          y: n.position.y,
          width: n.measured?.width ?? DEFAULT_NODE_SIZE.width,
          height: n.measured?.height ?? DEFAULT_NODE_SIZE.height,
        })),
        flow.currentEdges().map((e) => ({
          source: e.source,
          target: e.target,
          // The handle's height on the card orders the branches (If: true above false).
          port: rf.getInternalNode(e.source)?.internals.handleBounds?.source?.find((h) => h.id === e.sourceHandle)?.y ?? 0,
        })),
      );
      applyPositions(ctx, positions);
      requestAnimationFrame(() => void rf.fitView(FIT));
    };

    const addNodeOfType = (type: string, at?: Position): string | null => {
      const description = session.nodeTypes.get(type);
      if (!canEdit || !description) return null;
      const center = at ?? viewportCenter();
      const wanted = { x: center.x - NODE_WIDTH / 2, y: center.y - DEFAULT_NODE_SIZE.height / 2 };
      const node = newNodeOf(description, existingNames(doc), at ? wanted : freeSpot(wanted, nodePositions(doc)));
      createNode(ctx, node);
      ui().setSelection([node.id]);
      return node.id;
    };

    const run = (command: CanvasCommand) => {
      const editing = canEdit;
      switch (command) {
        case 'undo':
          if (editing) undo.undo();
          return;
        case 'redo':
          if (editing) undo.redo();
          return;
        case 'delete':
          if (editing && deleteElements(ctx, docSelection(), flow.selectedEdgeIds())) ui().setSelection([]);
          return;
        case 'duplicate': {
          if (!editing) return;
          const ids = duplicateNodes(ctx, docSelection());
          if (ids.length > 0) ui().setSelection(ids);
          return;
        }
        case 'selectAll': {
          const ids = rf
            .getNodes()
            .filter((n) => n.type === 'workflow')
            .map((n) => n.id);
          ui().setSelection(ids);
          return;
        }
        case 'clearSelection':
          ui().setSelection([]);
          flow.clearEdgeSelection();
          return;
        case 'openNode':
          if (ui().selectedNodeIds.length > 0) ui().openPanel('node');
          return;
        case 'fitView':
          void rf.fitView(FIT);
          return;
        case 'zoomIn':
          void rf.zoomIn({ duration: 150 });
          return;
        case 'zoomOut':
          void rf.zoomOut({ duration: 150 });
          return;
        case 'zoomReset':
          void rf.zoomTo(1, { duration: 150 });
          return;
        case 'autoLayout':
          if (editing) autoLayout();
          return;
        case 'addNode':
          if (!editing) return;
          ui().setPaletteOpen(true);
          // The palette mounts on open; focus its search on the next frame.
          requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="palette-search"]')?.focus());
          return;
        case 'help':
          ui().setHelpOpen(true);
          return;
        case 'cut':
          // Needs the clipboard: handled by useCanvasKeys.
          return;
      }
    };

    return {
      canEdit,
      run,
      viewportCenter,
      screenToFlow: (point) => rf.screenToFlowPosition(point),
      addNodeOfType,
      connect(connection) {
        if (canEdit) connectPorts(ctx, connection);
      },
      deleteEdge(id) {
        if (canEdit) deleteElements(ctx, [], [id]);
      },
      paste(payload, at) {
        if (!canEdit) return;
        const ids = pasteInto(ctx, payload, at);
        ui().setSelection(ids);
      },
    };
  }, [session, flow, canEdit, rf, wrapper]);
}
