'use client';

import '@xyflow/react/dist/style.css';
import './flow-theme.css';

import {
  Background,
  BackgroundVariant,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  type Connection,
  type EdgeChange,
  type EdgeMouseHandler,
  type EdgeTypes,
  type IsValidConnection,
  type NodeChange,
  type NodeMouseHandler,
  type NodeTypes,
  type OnNodeDrag,
  type SelectionDragHandler,
  type OnError,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useToast } from '../../../components/Toast.tsx';
import { cn } from '../../../lib/cn.ts';
import { PresenceLayer } from '../presence/PresenceLayer.tsx';
import { usePeerSelections } from '../presence/use-peer-selections.ts';
import { useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { DEFAULT_NODE_SIZE } from './auto-layout.ts';
import { CanvasActionsContext } from './canvas-context.ts';
import { NODE_TYPE_MIME, registerCanvasBridge } from './canvas-bridge.ts';
import { CanvasBanner } from './CanvasBanner.tsx';
import { CanvasEmptyState } from './CanvasEmptyState.tsx';
import { FitOnProposal } from './FitOnProposal.tsx';
import { CanvasToolbar, OpenPaletteButton } from './CanvasToolbar.tsx';
import { canConnect } from './connection-rules.ts';
import {
  GHOST_PREFIX,
  ghostElements,
  toFlowEdge,
  toFlowNode,
  withSelection,
  type CanvasEdge,
  type CanvasNode,
  type GhostFlowNode,
  type WorkflowFlowNode,
} from './flow-mapping.ts';
import { HoveredEdge, HoveredEdgeContext } from './hovered-edge.ts';
import { GhostNodeCard, NODE_WIDTH, NodeCard } from './NodeCard.tsx';
import { PeerMarksContext, PeerMarksStore } from './peer-marks.ts';
import { useCanvasActions } from './use-canvas-actions.ts';
import { useCanvasKeys } from './use-canvas-keys.ts';
import { useColorMode } from './use-color-mode.ts';
import { useDocFlow } from './use-doc-flow.ts';
import { useStaticNodes } from './use-static-nodes.ts';
import { WorkflowEdge } from './WorkflowEdge.tsx';

const nodeTypes: NodeTypes = { workflow: NodeCard, ghost: GhostNodeCard };
const edgeTypes: EdgeTypes = { workflow: WorkflowEdge };
const FIT_OPTIONS = { padding: 0.2, maxZoom: 1 } as const;
const DEFAULT_EDGE_OPTIONS = { type: 'workflow' } as const;
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const NO_GHOSTS: GhostFlowNode[] = [];
const NO_NODES: WorkflowFlowNode[] = [];
const NO_EDGES: CanvasEdge[] = [];
const minimapColor = (node: CanvasNode) => (node.selected ? 'var(--ff-accent)' : node.type === 'ghost' ? 'transparent' : 'var(--ff-line-strong)');

/**
 * React Flow's "missing handle" warning (008) is expected for a moment: a node whose ports
 * depend on its params draws them once the server has resolved them. Other warnings pass on.
 */
const onFlowError: OnError = (code, message) => {
  if (code === '008') return;
  console.warn(message);
};

/** The shared workflow canvas: the document (or a replayed definition) drawn with React Flow. */
export function FlowCanvas() {
  return (
    <ReactFlowProvider>
      <CanvasSurface />
    </ReactFlowProvider>
  );
}

function CanvasSurface() {
  const session = useEditorSession();
  const { store } = session;
  const view = useEditorStore((s) => s.view);
  const ghost = useEditorStore((s) => s.ghost);
  const diff = useEditorStore((s) => s.diff);
  const selectedIds = useEditorStore((s) => s.selectedNodeIds);
  const canEdit = !session.readOnly && view.kind === 'doc';
  const colorMode = useColorMode();
  const toast = useToast();
  const wrapper = useRef<HTMLDivElement>(null);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const [minimap, setMinimap] = useState(true);
  const peerMarks = useMemo(() => new PeerMarksStore(), []);
  const hoveredEdge = useMemo(() => new HoveredEdge(), []);

  const flow = useDocFlow(session, canEdit);
  const actions = useCanvasActions(session, flow.handlers, canEdit, wrapper);

  // A replayed version: its own nodes, read-only, selection still from the store (to inspect outputs).
  const definition = view.kind === 'definition' ? view.definition : null;
  const definitionSource = useMemo(() => (definition ? definition.nodes.map((n) => toFlowNode(n)) : NO_NODES), [definition]);
  const definitionEdges = useMemo(() => (definition ? definition.edges.map((e) => toFlowEdge(e)) : NO_EDGES), [definition]);
  const [definitionMeasured, onDefinitionNodesChange] = useStaticNodes(definitionSource);
  const definitionNodes = useMemo(() => withSelection(definitionMeasured, new Set(selectedIds)), [definitionMeasured, selectedIds]);

  // Translucent layers: a diff's removed elements and a copilot proposal.
  const layers = useMemo(() => {
    const parts = [];
    if (diff && (diff.removedNodes.length > 0 || diff.removedEdges.length > 0)) parts.push(ghostElements(diff.removedNodes, diff.removedEdges, 'removed'));
    if (ghost) parts.push(ghostElements(ghost.nodes, ghost.edges, 'ghost'));
    return parts.length === 0 ? null : { nodes: parts.flatMap((p) => p.nodes), edges: parts.flatMap((p) => p.edges) };
  }, [diff, ghost]);
  const [ghostNodes, onGhostNodesChange] = useStaticNodes(layers?.nodes ?? NO_GHOSTS);

  const baseNodes: WorkflowFlowNode[] = definition ? definitionNodes : flow.nodes;
  const baseEdges: CanvasEdge[] = definition ? definitionEdges : flow.edges;
  const nodes = useMemo<CanvasNode[]>(() => (ghostNodes.length > 0 ? [...baseNodes, ...ghostNodes] : baseNodes), [baseNodes, ghostNodes]);
  const edges = useMemo<CanvasEdge[]>(() => (layers ? [...baseEdges, ...layers.edges] : baseEdges), [baseEdges, layers]);

  const { onNodesChange: onDocNodesChange, onEdgesChange: onDocEdgesChange, onNodeDragStart, onNodeDragStop, onSelectionDragStart, onSelectionDragStop } =
    flow.handlers;
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const ghostChanges: NodeChange<GhostFlowNode>[] = [];
      const own: NodeChange<WorkflowFlowNode>[] = [];
      for (const change of changes) {
        const id = 'id' in change ? change.id : change.item.id;
        if (id.startsWith(GHOST_PREFIX)) ghostChanges.push(change as NodeChange<GhostFlowNode>);
        else own.push(change as NodeChange<WorkflowFlowNode>);
      }
      if (ghostChanges.length > 0) onGhostNodesChange(ghostChanges);
      if (own.length === 0) return;
      if (!definition) {
        onDocNodesChange(own);
        return;
      }
      onDefinitionNodesChange(own);
      const selects = own.filter((c) => c.type === 'select');
      if (selects.length > 0) {
        const next = new Set(store.getState().selectedNodeIds);
        for (const c of selects) {
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
        store.getState().setSelection([...next]);
      }
    },
    [definition, onDocNodesChange, onDefinitionNodesChange, onGhostNodesChange, store],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      if (!definition) onDocEdgesChange(changes.filter((c) => !('id' in c) || !c.id.startsWith(GHOST_PREFIX)));
    },
    [definition, onDocEdgesChange],
  );

  const isValidConnection = useCallback<IsValidConnection<CanvasEdge>>(
    (c) =>
      !c.source.startsWith(GHOST_PREFIX) &&
      !c.target.startsWith(GHOST_PREFIX) &&
      canConnect(
        c,
        flow.handlers.currentEdges().map((e) => ({ source: e.source, target: e.target, sourceOutput: e.sourceHandle ?? 'main', targetInput: e.targetHandle ?? 'main' })),
      ),
    [flow.handlers],
  );
  const onConnect = useCallback((c: Connection) => actions.connect(c), [actions]);
  const onEdgeMouseEnter = useCallback<EdgeMouseHandler<CanvasEdge>>((_e, edge) => hoveredEdge.enter(edge.id), [hoveredEdge]);
  const onEdgeMouseLeave = useCallback<EdgeMouseHandler<CanvasEdge>>((_e, edge) => hoveredEdge.leave(edge.id), [hoveredEdge]);
  const toggleMinimap = useCallback(() => setMinimap((m) => !m), []);
  const onNodeDoubleClick = useCallback<NodeMouseHandler<CanvasNode>>(
    (_event, node) => {
      if (node.type !== 'workflow') return;
      store.getState().setSelection([node.id]);
      store.getState().openPanel('node');
    },
    [store],
  );

  // Palette drops: the node lands centred under the pointer.
  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (!canEdit || !event.dataTransfer.types.includes(NODE_TYPE_MIME)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    [canEdit],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_TYPE_MIME);
      if (!canEdit || !type) return;
      event.preventDefault();
      actions.addNodeOfType(type, actions.screenToFlow({ x: event.clientX, y: event.clientY }));
    },
    [actions, canEdit],
  );

  useEffect(
    () =>
      registerCanvasBridge(session.doc, {
        viewportCenter: actions.viewportCenter,
        addNodeOfType: actions.addNodeOfType,
      }),
    [session.doc, actions],
  );

  useCanvasKeys({
    actions,
    doc: session.doc,
    store,
    shownDefinition: () => definition,
    pasteTarget: () => {
      const p = pointer.current;
      const at = p ? actions.screenToFlow(p) : actions.viewportCenter();
      return { x: at.x - NODE_WIDTH / 2, y: at.y - DEFAULT_NODE_SIZE.height / 2 };
    },
    onCopied: (count, cut) => toast({ tone: 'success', title: `${cut ? 'Cut' : 'Copied'} ${count} ${count === 1 ? 'node' : 'nodes'}` }),
  });

  const canvasActions = useMemo(() => ({ canEdit, deleteEdge: actions.deleteEdge }), [canEdit, actions]);
  // A copilot proposal or a diff draws ghosts on an empty canvas: they, not the empty state, are the content.
  const empty = !definition && flow.nodes.length === 0 && ghostNodes.length === 0;

  return (
    <div
      ref={wrapper}
      className="absolute inset-0"
      data-testid="canvas"
      data-read-only={canEdit ? undefined : 'true'}
      onPointerMove={(e) => {
        pointer.current = { x: e.clientX, y: e.clientY };
      }}
      onPointerLeave={() => {
        pointer.current = null;
      }}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <PeerMarksContext.Provider value={peerMarks}>
        <HoveredEdgeContext.Provider value={hoveredEdge}>
          <CanvasActionsContext.Provider value={canvasActions}>
            <ReactFlow<CanvasNode, CanvasEdge>
              className={cn('ff-flow', !canEdit && 'ff-read-only')}
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStart={onNodeDragStart as OnNodeDrag<CanvasNode>}
              onNodeDragStop={onNodeDragStop as OnNodeDrag<CanvasNode>}
              onSelectionDragStart={onSelectionDragStart as SelectionDragHandler<CanvasNode>}
              onSelectionDragStop={onSelectionDragStop as SelectionDragHandler<CanvasNode>}
              onConnect={onConnect}
              isValidConnection={isValidConnection}
              onNodeDoubleClick={onNodeDoubleClick}
              onEdgeMouseEnter={onEdgeMouseEnter}
              onEdgeMouseLeave={onEdgeMouseLeave}
              onError={onFlowError}
              colorMode={colorMode}
              nodesDraggable={canEdit}
              nodesConnectable={canEdit}
              edgesReconnectable={false}
              elementsSelectable
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={MULTI_SELECT_KEYS}
              selectionMode={SelectionMode.Partial}
              zoomOnDoubleClick={false}
              panOnScroll
              minZoom={0.1}
              maxZoom={2}
              fitView
              fitViewOptions={FIT_OPTIONS}
              defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
              connectionRadius={24}
              attributionPosition="top-right"
            >
              <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
              {minimap ? <MiniMap pannable zoomable position="bottom-right" ariaLabel="Minimap" nodeBorderRadius={8} nodeColor={minimapColor} className="!m-3" /> : null}
              <CanvasToolbar actions={actions} minimap={minimap} onToggleMinimap={toggleMinimap} />
              <OpenPaletteButton canEdit={canEdit} />
              <CanvasBanner />
              <PresenceLayer />
              <FitOnProposal />
              <PeerSelectionsFeed store={peerMarks} />
              {empty ? <CanvasEmptyState actions={actions} /> : null}
            </ReactFlow>
          </CanvasActionsContext.Provider>
        </HoveredEdgeContext.Provider>
      </PeerMarksContext.Provider>
    </div>
  );
}

/** Feeds peers' selections to the per-node store; a component of its own so presence updates re-render nothing else. */
function PeerSelectionsFeed({ store }: { store: PeerMarksStore }) {
  const selections = usePeerSelections();
  useEffect(() => store.set(selections), [store, selections]);
  return null;
}
