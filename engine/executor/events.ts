import type { NodeUsage } from '../node-api.ts';
import type { NodeRunStatus, RunStatus, SkipReason } from './checkpoint-store.ts';

export const RunEventType = {
  RunStarted: 'run.started',
  RunResumed: 'run.resumed',
  NodeStarted: 'node.started',
  NodeSucceeded: 'node.succeeded',
  NodeFailed: 'node.failed',
  NodeRetrying: 'node.retrying',
  NodeSkipped: 'node.skipped',
  NodeWaiting: 'node.waiting',
  NodeCancelled: 'node.cancelled',
  RunWaiting: 'run.waiting',
  RunFinished: 'run.finished',
} as const;
export type RunEventType = (typeof RunEventType)[keyof typeof RunEventType];

/** A small, display-ready summary; full data stays in the checkpoint store. */
export interface RunEventData {
  status?: RunStatus | NodeRunStatus;
  /** Total output items (node events) or items the run produced (run.finished). */
  itemCount?: number;
  /** Items per output port. */
  outputs?: Record<string, number>;
  durationMs?: number;
  /** The first output item's JSON, trimmed to a small size. */
  preview?: unknown;
  /** True when the stored output was cut to the size limit. */
  truncated?: boolean;
  error?: { code: string; message: string };
  /** Items that failed but were passed on or routed to the error output. */
  errorCount?: number;
  continued?: boolean;
  reason?: SkipReason | string;
  /** node.retrying: delay before the next attempt and the item being retried. */
  delayMs?: number;
  itemIndex?: number;
  resumeAt?: number;
  /** run.resumed: state the run was resumed from. */
  from?: RunStatus;
  /** AI nodes: tokens and estimated cost of this node run. */
  usage?: NodeUsage;
}

/** One state change. `seq` increases by one per event of a run, across resumes. */
export interface RunEvent {
  runId: string;
  seq: number;
  type: RunEventType;
  nodeId?: string;
  attempt?: number;
  /** Epoch ms from the injected clock. */
  at: number;
  data?: RunEventData;
}

/**
 * Receives every event in sequence order, one at a time. A failing sink is
 * logged and does not fail the run: checkpoints, not events, are the source of truth.
 */
export interface EventSink {
  emit(event: RunEvent): Promise<void> | void;
}

export const nullEventSink: EventSink = { emit() {} };
