import type { RunEvent } from '../../../../engine/executor/events.ts';

/**
 * When each event of a stored run shows during a replay. Pure. Real gaps between events are kept
 * (so a slow HTTP call looks slow) but bounded: a gap never exceeds `maxGapMs` (a Wait node or a
 * retry backoff does not stall the replay) and never falls below `minGapMs` (events of the same
 * millisecond still appear one after another). Speed divides every gap.
 */

export const REPLAY_SPEEDS = [0.5, 1, 2, 4] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export interface ReplayStep {
  seq: number;
  /** Milliseconds from the start of the replay at which this event shows. */
  atMs: number;
}

export type TickKind = 'start' | 'success' | 'failure' | 'retry' | 'skip' | 'wait';

export interface ReplayTick {
  seq: number;
  nodeId: string;
  kind: TickKind;
}

export interface ReplayTimeline {
  steps: ReplayStep[];
  /** Total length at 1×. */
  durationMs: number;
  /** Highest seq (the scrubber's end; 0 for a run without events). */
  lastSeq: number;
  /** Node events, for marks on the scrubber. */
  ticks: ReplayTick[];
}

export interface TimelineOptions {
  maxGapMs?: number;
  minGapMs?: number;
}

export const DEFAULT_MAX_GAP_MS = 1500;
export const DEFAULT_MIN_GAP_MS = 80;

const TICK_KIND: Partial<Record<RunEvent['type'], TickKind>> = {
  'node.started': 'start',
  'node.succeeded': 'success',
  'node.failed': 'failure',
  'node.cancelled': 'failure',
  'node.retrying': 'retry',
  'node.skipped': 'skip',
  'node.waiting': 'wait',
};

/** The replay schedule at `speed` (1× by default) of events sorted by seq. */
export function buildTimeline(events: readonly RunEvent[], speed = 1, options: TimelineOptions = {}): ReplayTimeline {
  const maxGap = options.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  const minGap = Math.min(options.minGapMs ?? DEFAULT_MIN_GAP_MS, maxGap);
  const steps: ReplayStep[] = [];
  const ticks: ReplayTick[] = [];
  let atMs = 0;
  let prevAt: number | undefined;
  for (const e of events) {
    if (prevAt !== undefined) {
      const real = Math.max(0, e.at - prevAt);
      atMs += Math.min(maxGap, Math.max(minGap, real)) / speed;
    }
    prevAt = e.at;
    steps.push({ seq: e.seq, atMs });
    const kind = TICK_KIND[e.type];
    if (kind && e.nodeId) ticks.push({ seq: e.seq, nodeId: e.nodeId, kind });
  }
  return { steps, durationMs: atMs, lastSeq: steps.at(-1)?.seq ?? 0, ticks };
}

/** The step shown at `seq`: the last one at or before it (index -1 before the first event). */
export function stepIndexAt(timeline: ReplayTimeline, seq: number): number {
  let lo = 0;
  let hi = timeline.steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeline.steps[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Where playback goes after `seq`, and after how long; null at the end. */
export function nextStep(timeline: ReplayTimeline, seq: number): { seq: number; delayMs: number } | null {
  const i = stepIndexAt(timeline, seq);
  const next = timeline.steps[i + 1];
  if (!next) return null;
  const current = timeline.steps[i];
  return { seq: next.seq, delayMs: current ? next.atMs - current.atMs : 0 };
}

/** The seq one event back (0 = before the first event). */
export function previousSeq(timeline: ReplayTimeline, seq: number): number {
  const i = stepIndexAt(timeline, seq);
  const current = timeline.steps[i];
  if (current && current.seq < seq) return current.seq;
  return i > 0 ? timeline.steps[i - 1]!.seq : 0;
}

/** Position of a seq on the scrubber, 0…1. */
export function seqFraction(timeline: ReplayTimeline, seq: number): number {
  return timeline.lastSeq > 0 ? Math.min(1, Math.max(0, seq / timeline.lastSeq)) : 0;
}
