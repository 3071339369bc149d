'use client';

import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type OnNodeDrag, type SelectionDragHandler } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { beginDrag, edgesOf, moveNodes, nodesOf, type DragSession } from '../../../../collab/index.ts';
import type { EditorSession } from '../session/editor-session.ts';
import {
  flowEdgesFromDoc,
  flowNodesFromDoc,
  patchList,
  readDocEdge,
  readDocNode,
  toFlowEdge,
  toFlowNode,
  touchedKeys,
  withSelection,
  type CanvasEdge,
  type WorkflowFlowNode,
} from './flow-mapping.ts';
import { PositionTweens } from './position-tweens.ts';
import { routeNodeChanges } from './route-node-changes.ts';

type Position = { x: number; y: number };

const sameVector = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The stable half of the binding: callbacks whose identity never changes while mounted. */
export interface DocFlowHandlers {
  onNodesChange(changes: NodeChange<WorkflowFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void;
  onNodeDragStart: OnNodeDrag<WorkflowFlowNode>;
  onNodeDragStop: OnNodeDrag<WorkflowFlowNode>;
  /** Dragging the box around a box selection: the same drag, other callback shape. */
  onSelectionDragStart: SelectionDragHandler<WorkflowFlowNode>;
  onSelectionDragStop: SelectionDragHandler<WorkflowFlowNode>;
  /** The edges as drawn right now (for layout and connection checks). */
  currentEdges(): CanvasEdge[];
  /** Edge ids this user selected (edges are selectable for deletion; never shared). */
  selectedEdgeIds(): string[];
  clearEdgeSelection(): void;
}

export interface DocFlow {
  nodes: WorkflowFlowNode[];
  edges: CanvasEdge[];
  handlers: DocFlowHandlers;
}

/**
 * Binds the shared document to React Flow's controlled nodes and edges.
 *
 * - Document changes (local or remote) patch only the nodes/edges they touched, so unchanged
 *   node objects keep their identity and memoised cards do not re-render.
 * - A drag is local first: React Flow's position changes move the node here at once and are
 *   streamed into the document through `beginDrag` (throttled, one undo step); while dragging,
 *   the document's echo for those nodes is ignored so the node never lags behind the pointer.
 * - Peers' moves glide (short tween) instead of jumping at the ~30 Hz the document carries.
 * - Selection lives in the UI store; React Flow's select changes are routed there and the
 *   store's selection is mirrored onto the nodes.
 */
export function useDocFlow(session: EditorSession, canEdit: boolean): DocFlow {
  const { doc, store, undo, origin } = session;
  const [nodes, setNodesState] = useState<WorkflowFlowNode[]>(() =>
    withSelection(flowNodesFromDoc(doc), new Set(store.getState().selectedNodeIds)),
  );
  // Which document state the first render read, so subscribing re-reads only if it moved on.
  const [readAt] = useState(() => Y.encodeStateVector(doc));
  const [edges, setEdgesState] = useState<CanvasEdge[]>(() => flowEdgesFromDoc(doc));
  const nodesRef = useRef(nodes);
  const edgesRef = useRef(edges);
  const drag = useRef<{ session: DragSession; ids: Set<string> } | null>(null);
  const canEditRef = useRef(canEdit);
  canEditRef.current = canEdit;

  const setNodes = useCallback((next: WorkflowFlowNode[]) => {
    if (next === nodesRef.current) return;
    nodesRef.current = next;
    setNodesState(next);
  }, []);
  const setEdges = useCallback((next: CanvasEdge[]) => {
    if (next === edgesRef.current) return;
    edgesRef.current = next;
    setEdgesState(next);
  }, []);

  const tweens = useMemo(
    () =>
      new PositionTweens((positions) => {
        setNodes(
          nodesRef.current.map((n) => {
            const p = positions.get(n.id);
            return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: p } : n;
          }),
        );
      }),
    [setNodes],
  );

  // Document → nodes and edges.
  useEffect(() => {
    // The document may have changed between the first render and this subscription.
    if (!sameVector(readAt, Y.encodeStateVector(doc))) {
      setNodes(withSelection(flowNodesFromDoc(doc), new Set(store.getState().selectedNodeIds)));
      setEdges(flowEdgesFromDoc(doc));
    }

    const onNodes = (events: Y.YEvent<Y.AbstractType<unknown>>[], txn: Y.Transaction) => {
      const changed = touchedKeys(events);
      const dragging = drag.current?.ids;
      const glide = !txn.local;
      const targets = new Map<string, Position>();
      const next = patchList(
        nodesRef.current,
        changed,
        (id) => readDocNode(doc, id),
        (node, prev) => {
          // Held at the displayed position: this user's drag owns it, or the tween below moves it.
          const built = toFlowNode(node, prev, Boolean(dragging?.has(node.id) || glide));
          if (prev && glide && !dragging?.has(node.id) && (node.position.x !== prev.position.x || node.position.y !== prev.position.y)) {
            targets.set(node.id, node.position);
          }
          if (!prev) {
            const selected = store.getState().selectedNodeIds.includes(node.id);
            return selected ? { ...built, selected } : built;
          }
          return built;
        },
      );
      setNodes(next);
      for (const [id, to] of targets) {
        const from = nodesRef.current.find((n) => n.id === id)?.position;
        if (from) tweens.start(id, from, to);
      }
      // A node removed (by anyone) leaves the selection.
      const selected = store.getState().selectedNodeIds;
      if (selected.some((id) => changed.has(id) && !nodesOf(doc).has(id))) {
        store.getState().setSelection(selected.filter((id) => nodesOf(doc).has(id)));
      }
    };
    const onEdges = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      setEdges(patchList(edgesRef.current, touchedKeys(events), (id) => readDocEdge(doc, id), toFlowEdge));
    };
    nodesOf(doc).observeDeep(onNodes);
    edgesOf(doc).observeDeep(onEdges);
    return () => {
      nodesOf(doc).unobserveDeep(onNodes);
      edgesOf(doc).unobserveDeep(onEdges);
      tweens.stop();
    };
  }, [doc, store, tweens, setNodes, setEdges, readAt]);

  // Store selection → node flags.
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (state.selectedNodeIds !== prev.selectedNodeIds) setNodes(withSelection(nodesRef.current, new Set(state.selectedNodeIds)));
      }),
    [store, setNodes],
  );

  // A drag still open when the canvas goes away (or turns read-only) is committed as it stands.
  useEffect(() => {
    if (!canEdit && drag.current) {
      drag.current.session.end();
      drag.current = null;
    }
  }, [canEdit]);
  useEffect(
    () => () => {
      drag.current?.session.end();
      drag.current = null;
    },
    [],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<WorkflowFlowNode>[]) => {
      const { selection, local, moved } = routeNodeChanges(changes, store.getState().selectedNodeIds, canEditRef.current);
      if (local.length > 0) setNodes(applyNodeChanges(local, nodesRef.current));
      if (Object.keys(moved).length > 0 && canEditRef.current) {
        if (drag.current) drag.current.session.move(moved);
        // Moves without a drag (keyboard arrows on a focused node) go straight in, one step each.
        else moveNodes(doc, Object.fromEntries(Object.entries(moved).filter(([id]) => nodesOf(doc).has(id))), origin);
      }
      if (selection) store.getState().setSelection(selection);
    },
    [doc, origin, store, setNodes],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      const local = changes.filter((c) => c.type === 'select');
      if (local.length > 0) setEdges(applyEdgeChanges(local, edgesRef.current));
    },
    [setEdges],
  );

  const onNodeDragStart = useCallback<OnNodeDrag<WorkflowFlowNode>>(
    (_event, _node, dragged) => {
      if (!canEditRef.current) return;
      drag.current?.session.end();
      const ids = new Set(dragged.map((n) => n.id));
      for (const id of ids) tweens.cancel(id);
      drag.current = { session: beginDrag(doc, undo, origin), ids };
    },
    [doc, undo, origin, tweens],
  );

  const onNodeDragStop = useCallback<OnNodeDrag<WorkflowFlowNode>>((_event, _node, dragged) => {
    const current = drag.current;
    if (!current) return;
    drag.current = null;
    current.session.end(Object.fromEntries(dragged.map((n) => [n.id, { x: n.position.x, y: n.position.y }])));
  }, []);

  const handlers = useMemo<DocFlowHandlers>(
    () => ({
      onNodesChange,
      onEdgesChange,
      onNodeDragStart,
      onNodeDragStop,
      onSelectionDragStart: (event, dragged) => onNodeDragStart(event.nativeEvent, dragged[0]!, dragged),
      onSelectionDragStop: (event, dragged) => onNodeDragStop(event.nativeEvent, dragged[0]!, dragged),
      currentEdges: () => edgesRef.current,
      selectedEdgeIds: () => edgesRef.current.filter((e) => e.selected).map((e) => e.id),
      clearEdgeSelection: () => setEdges(withSelection(edgesRef.current, new Set())),
    }),
    [onNodesChange, onEdgesChange, onNodeDragStart, onNodeDragStop, setEdges],
  );

  return { nodes, edges, handlers };
}
