import type { RunEvent } from '../../../../engine/executor/events.ts';
import type { NodeOverlay, NodeRunState, RunOverlay } from '../editor-store.ts';

/**
 * Turns a run's events into what the canvas paints. Pure. A `RunTrack` keeps the events it has
 * seen (sorted, one per seq), so the same event twice changes nothing and an event that arrives
 * late (after a reconnect catch-up, or from two rooms at once) is folded in at its place.
 * Missing events are tolerated: each event carries enough to paint its node on its own.
 */

export interface RunTrack {
  runId: string;
  /** Sorted by seq, unique. */
  events: readonly RunEvent[];
  /** Highest seq seen (0 before any event). */
  lastSeq: number;
  /** Nodes painted before any event: results a re-run reuses from the run it came from. */
  base: Readonly<Record<string, NodeOverlay>>;
  overlay: RunOverlay;
}

export const TERMINAL_RUN_STATES: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

export function emptyOverlay(
  runId: string,
  source: RunOverlay['source'],
  runStatus = 'queued',
  base: Readonly<Record<string, NodeOverlay>> = {},
): RunOverlay {
  return { source, runId, runStatus, nodes: { ...base } };
}

export function startTrack(
  runId: string,
  source: RunOverlay['source'] = 'live',
  runStatus = 'queued',
  base: Readonly<Record<string, NodeOverlay>> = {},
): RunTrack {
  return { runId, events: [], lastSeq: 0, base, overlay: emptyOverlay(runId, source, runStatus, base) };
}

/** Adds events of this track's run (others are ignored); returns the same track when nothing is new. */
export function addEvents(track: RunTrack, incoming: RunEvent | readonly RunEvent[]): RunTrack {
  const list = (Array.isArray(incoming) ? incoming : [incoming]) as readonly RunEvent[];
  let events = track.events as RunEvent[];
  let lastSeq = track.lastSeq;
  let overlay = track.overlay;
  let refold = false;
  let changed = false;
  for (const event of list) {
    if (event.runId !== track.runId) continue;
    if (event.seq > lastSeq) {
      if (!changed) events = [...events];
      events.push(event);
      lastSeq = event.seq;
      if (!refold) overlay = applyEvent(overlay, event);
      changed = true;
      continue;
    }
    const at = indexOfSeq(events, event.seq);
    if (at.found) continue;
    if (!changed) events = [...events];
    events.splice(at.index, 0, event);
    refold = true;
    changed = true;
  }
  if (!changed) return track;
  if (refold) overlay = foldEvents(emptyOverlay(track.runId, track.overlay.source, 'queued', track.base), events);
  return { ...track, events, lastSeq, overlay };
}

/** The overlay after the events up to and including `uptoSeq` (all by default). Events must be sorted. */
export function overlayAt(
  runId: string,
  source: RunOverlay['source'],
  events: readonly RunEvent[],
  uptoSeq = Infinity,
  base: Readonly<Record<string, NodeOverlay>> = {},
): RunOverlay {
  const upto: RunEvent[] = [];
  for (const e of events) {
    if (e.seq > uptoSeq) break;
    upto.push(e);
  }
  return foldEvents(emptyOverlay(runId, source, 'queued', base), upto);
}

/** Nodes worth carrying into a re-run's overlay: finished results, except the re-run node itself. */
export function reusableNodes(overlay: RunOverlay | null, except: string): Record<string, NodeOverlay> {
  const out: Record<string, NodeOverlay> = {};
  if (!overlay) return out;
  for (const [id, node] of Object.entries(overlay.nodes)) {
    if (id !== except && (node.status === 'succeeded' || node.status === 'skipped')) out[id] = node;
  }
  return out;
}

function foldEvents(start: RunOverlay, events: readonly RunEvent[]): RunOverlay {
  let overlay = start;
  for (const e of events) overlay = applyEvent(overlay, e);
  return overlay;
}

function indexOfSeq(events: readonly RunEvent[], seq: number): { found: boolean; index: number } {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = events[mid]!.seq;
    if (s === seq) return { found: true, index: mid };
    if (s < seq) lo = mid + 1;
    else hi = mid;
  }
  return { found: false, index: lo };
}

/** One event's effect on the overlay (no de-duplication: use `addEvents` for that). */
export function applyEvent(overlay: RunOverlay, event: RunEvent): RunOverlay {
  const data = event.data ?? {};
  switch (event.type) {
    case 'run.started':
    case 'run.resumed':
      return { ...overlay, runStatus: 'running' };
    case 'run.waiting':
      return { ...overlay, runStatus: 'waiting' };
    case 'run.finished':
      return { ...overlay, runStatus: typeof data.status === 'string' ? data.status : 'succeeded' };
  }
  const nodeId = event.nodeId;
  if (!nodeId) return overlay;
  // A node event means the run has started, even when its run.started was missed.
  if (overlay.runStatus === 'queued') overlay = { ...overlay, runStatus: 'running' };
  const prev: NodeOverlay = overlay.nodes[nodeId] ?? { status: 'queued', retries: 0 };
  let next: NodeOverlay;
  switch (event.type) {
    case 'node.started':
      next = withoutResult(prev, 'running');
      next.startedAt = prev.startedAt ?? event.at;
      next.attempt = event.attempt ?? prev.attempt ?? 1;
      break;
    case 'node.retrying':
      next = { ...prev, status: 'retrying', retries: prev.retries + 1, attempt: event.attempt ?? (prev.attempt ?? 1) + 1 };
      if (data.error) next.error = data.error;
      break;
    case 'node.succeeded':
    case 'node.failed':
    case 'node.skipped':
    case 'node.cancelled':
    case 'node.waiting':
      next = withoutResult(prev, FINAL_STATE[event.type]);
      if (event.attempt !== undefined) next.attempt = event.attempt;
      if (data.durationMs !== undefined) next.durationMs = data.durationMs;
      if (data.itemCount !== undefined) next.itemCount = data.itemCount;
      if (data.outputs) next.outputs = data.outputs;
      if (data.preview !== undefined) next.preview = data.preview;
      if (data.error) next.error = data.error;
      break;
    default:
      return overlay;
  }
  if (next.startedAt === undefined && event.type !== 'node.skipped') next.startedAt = event.at;
  return { ...overlay, nodes: { ...overlay.nodes, [nodeId]: next } };
}

const FINAL_STATE: Record<'node.succeeded' | 'node.failed' | 'node.skipped' | 'node.cancelled' | 'node.waiting', NodeRunState> = {
  'node.succeeded': 'succeeded',
  'node.failed': 'failed',
  'node.skipped': 'skipped',
  'node.cancelled': 'cancelled',
  'node.waiting': 'waiting',
};

/** Keeps identity, timing and retry count; drops the previous attempt's result. */
function withoutResult(prev: NodeOverlay, status: NodeRunState): NodeOverlay {
  const next: NodeOverlay = { status, retries: prev.retries };
  if (prev.startedAt !== undefined) next.startedAt = prev.startedAt;
  if (prev.attempt !== undefined) next.attempt = prev.attempt;
  return next;
}

/** Highest seq up to which no event is missing (seqs start at 1): where a catch-up resumes. */
export function contiguousSeq(track: RunTrack): number {
  let expected = 1;
  for (const e of track.events) {
    if (e.seq !== expected) break;
    expected++;
  }
  return expected - 1;
}

/** True while the run can still change (queued, running, waiting). */
export function isRunActive(status: string): boolean {
  return !TERMINAL_RUN_STATES.has(status);
}
