import { create } from 'zustand';
import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from '../../../engine/definition.ts';

/**
 * Local UI state of one open editor. Never shared and never written to the Y.Doc: the document
 * holds the workflow, awareness holds presence, this holds what only this tab is looking at.
 */

export type SidePanel = 'node' | 'runs' | 'versions' | 'copilot';

export type NodeRunState = 'queued' | 'running' | 'retrying' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** What a node card paints for one run (live or replayed). */
export interface NodeOverlay {
  status: NodeRunState;
  startedAt?: number;
  durationMs?: number;
  itemCount?: number;
  /** Items per output port. */
  outputs?: Record<string, number>;
  /** Attempt number of the latest attempt (1-based). */
  attempt?: number;
  retries: number;
  error?: { code: string; message: string };
  preview?: unknown;
}

export interface RunOverlay {
  source: 'live' | 'replay';
  runId: string;
  runStatus: string;
  nodes: Record<string, NodeOverlay>;
}

export type ChangeMark = 'added' | 'removed' | 'changed';

/** A version diff painted on the canvas: marks per id, plus the removed items drawn as ghosts. */
export interface DiffOverlay {
  label: string;
  nodes: Record<string, ChangeMark>;
  edges: Record<string, ChangeMark>;
  removedNodes: WorkflowNode[];
  removedEdges: WorkflowEdge[];
}

/** Nodes drawn translucent over the document (a copilot proposal); never part of the doc. */
export interface GhostLayer {
  label: string;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

/**
 * What the canvas shows: the live document (editable by editors), or a fixed definition
 * (the version a replayed run ran), always read-only.
 */
export type CanvasView = { kind: 'doc' } | { kind: 'definition'; definition: WorkflowDefinition; label: string };

export interface CompileIssue {
  code: string;
  message: string;
  field?: string;
}

export interface PortsOf {
  inputs: { name: string; label?: string }[];
  outputs: { name: string; label?: string }[];
}

export interface EditorUiState {
  selectedNodeIds: string[];
  panel: SidePanel | null;
  /** Node whose input/output the inspector shows. */
  inspectNodeId: string | null;
  view: CanvasView;
  overlay: RunOverlay | null;
  diff: DiffOverlay | null;
  ghost: GhostLayer | null;
  /** Compiler findings for the current document, by node id ('' for workflow-level ones). */
  issues: Record<string, CompileIssue[]>;
  /** Ports resolved by the server for nodes whose ports depend on params. */
  ports: Record<string, PortsOf>;
  /** User id being followed (their viewport mirrored), or null. */
  followingUserId: string | null;
  paletteOpen: boolean;
  helpOpen: boolean;
  /** A copilot task asked for from elsewhere (e.g. "Fix with AI" on a failed run). */
  copilotRequest: { mode: 'fix'; runId: string } | null;

  setSelection(ids: string[]): void;
  openPanel(panel: SidePanel | null): void;
  inspect(nodeId: string | null): void;
  setView(view: CanvasView): void;
  setOverlay(overlay: RunOverlay | null): void;
  setDiff(diff: DiffOverlay | null): void;
  setGhost(ghost: GhostLayer | null): void;
  setAnalysis(issues: Record<string, CompileIssue[]>, ports: Record<string, PortsOf>): void;
  follow(userId: string | null): void;
  setPaletteOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
  askCopilot(request: { mode: 'fix'; runId: string } | null): void;
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** One store per editor mount (created by EditorSessionProvider), so two open editors never share state. */
export function createEditorStore() {
  return create<EditorUiState>()((set) => ({
    selectedNodeIds: [],
    panel: null,
    inspectNodeId: null,
    view: { kind: 'doc' },
    overlay: null,
    diff: null,
    ghost: null,
    issues: {},
    ports: {},
    followingUserId: null,
    paletteOpen: true,
    helpOpen: false,
    copilotRequest: null,

    setSelection: (ids) => set((s) => (sameIds(s.selectedNodeIds, ids) ? s : { selectedNodeIds: ids })),
    openPanel: (panel) => set({ panel }),
    inspect: (inspectNodeId) => set({ inspectNodeId }),
    setView: (view) => set({ view }),
    setOverlay: (overlay) => set({ overlay }),
    setDiff: (diff) => set({ diff }),
    setGhost: (ghost) => set({ ghost }),
    setAnalysis: (issues, ports) => set({ issues, ports }),
    follow: (followingUserId) => set({ followingUserId }),
    setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    askCopilot: (copilotRequest) => set(copilotRequest ? { copilotRequest, panel: 'copilot' } : { copilotRequest }),
  }));
}

export type EditorStore = ReturnType<typeof createEditorStore>;
