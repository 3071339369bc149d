import type { RunEvent, RunEventData } from '../../../../engine/executor/events.ts';
import type { NodeOverlay, NodeRunState } from '../editor-store.ts';

/**
 * Reading a stored run (`run.get`) for the replay and the inspector. Pure: takes the rows as
 * the API returns them (dates as Date, JSON columns as unknown).
 */

export interface StoredEventRow {
  executionId: string;
  seq: number;
  type: string;
  nodeId: string | null;
  at: Date;
  data: unknown;
}

export interface StoredNodeRun {
  nodeId: string;
  attempt: number;
  status: string;
  input: unknown;
  output: unknown;
  error: unknown;
  itemCount: number | null;
  meta: unknown;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export function eventsOf(rows: readonly StoredEventRow[]): RunEvent[] {
  return rows
    .map((r) => {
      const e: RunEvent = { runId: r.executionId, seq: r.seq, type: r.type as RunEvent['type'], at: r.at.getTime() };
      if (r.nodeId) e.nodeId = r.nodeId;
      if (r.data && typeof r.data === 'object') e.data = r.data as RunEventData;
      return e;
    })
    .sort((a, b) => a.seq - b.seq);
}

/** Items per port of a stored input or output (`{ main: [...] }`); anything else reads as no ports. */
export function portsOf(value: unknown): Record<string, unknown[]> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, unknown[]> = {};
  for (const [port, items] of Object.entries(value)) if (Array.isArray(items)) out[port] = items;
  return out;
}

export function metaOf(run: StoredNodeRun): {
  reusedFrom?: string;
  skipReason?: string;
  outputTruncated?: { itemCount: number; keptItemCount: number; byteSize: number };
  inputTruncated?: { itemCount: number; keptItemCount: number; byteSize: number };
  usage?: Record<string, unknown>;
} {
  return run.meta && typeof run.meta === 'object' ? (run.meta as ReturnType<typeof metaOf>) : {};
}

const NODE_STATES: ReadonlySet<string> = new Set(['queued', 'running', 'retrying', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled']);

/**
 * Nodes a re-run took over from the run it came from: they have checkpoints but no events, so a
 * replay paints them from the start.
 */
export function reusedBase(nodeRuns: readonly StoredNodeRun[]): Record<string, NodeOverlay> {
  const base: Record<string, NodeOverlay> = {};
  for (const r of nodeRuns) {
    if (!metaOf(r).reusedFrom || !NODE_STATES.has(r.status)) continue;
    const ports = portsOf(r.output);
    const outputs: Record<string, number> = {};
    let itemCount = 0;
    for (const [port, items] of Object.entries(ports)) {
      outputs[port] = items.length;
      itemCount += items.length;
    }
    const node: NodeOverlay = { status: r.status as NodeRunState, retries: 0, attempt: r.attempt, itemCount, outputs };
    if (r.startedAt && r.finishedAt) node.durationMs = r.finishedAt.getTime() - r.startedAt.getTime();
    base[r.nodeId] = node;
  }
  return base;
}

/** A node's attempts in a run, oldest first. */
export function attemptsOf<T extends StoredNodeRun>(nodeRuns: readonly T[], nodeId: string): T[] {
  return nodeRuns.filter((r) => r.nodeId === nodeId).sort((a, b) => a.attempt - b.attempt);
}

/** The error of a node run as code + message, whatever shape it was stored in. */
export function errorOf(value: unknown): { code: string; message: string; details?: unknown } | null {
  if (!value || typeof value !== 'object') return null;
  const e = value as Record<string, unknown>;
  const message = typeof e.message === 'string' ? e.message : null;
  if (!message) return null;
  const out: { code: string; message: string; details?: unknown } = { code: typeof e.code === 'string' ? e.code : 'ERROR', message };
  if (e.details !== undefined) out.details = e.details;
  return out;
}
