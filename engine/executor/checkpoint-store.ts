import type { NodeUsage } from '../node-api.ts';
import type { ErrorInfo } from '../errors.ts';
import type { RunEvent } from './events.ts';
import type { Item, PortItems } from '../items.ts';
import type { TriggerInfo, WebhookResponse, WorkflowInfo } from '../node-api.ts';

export const NodeRunStatus = {
  Pending: 'pending',
  Running: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Skipped: 'skipped',
  Cancelled: 'cancelled',
  Waiting: 'waiting',
} as const;
export type NodeRunStatus = (typeof NodeRunStatus)[keyof typeof NodeRunStatus];

export const RunStatus = {
  Running: 'running',
  Waiting: 'waiting',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Cancelled: 'cancelled',
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

export const TERMINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export type SkipReason = 'disabled' | 'no-input' | 'trigger-not-fired';

/** Set when data was larger than `limits.maxOutputBytes`: only the first items that fit were kept. */
export interface TruncationInfo {
  truncated: true;
  /** Size of the full data as JSON (UTF-8 bytes). */
  byteSize: number;
  itemCount: number;
  keptItemCount: number;
}

/**
 * The checkpoint of one node in one run. The executor writes a new record at
 * every state change and never mutates a record after handing it to the store,
 * so a store may keep the object as is.
 */
export interface NodeRunRecord {
  runId: string;
  nodeId: string;
  /** Highest attempt so far (1-based; retries and re-runs after a crash count up). */
  attempt: number;
  status: NodeRunStatus;
  /** Input per input port (credential values redacted; cut to the output limit, see `inputTruncated`). */
  input?: PortItems;
  /** Output per output port (redacted; cut to the output limit, see `outputTruncated`). */
  output?: PortItems;
  inputTruncated?: TruncationInfo;
  outputTruncated?: TruncationInfo;
  error?: ErrorInfo;
  /** `failed` but the run went on (onError `continue`), or items were routed to the error output. */
  continued?: boolean;
  skipReason?: SkipReason;
  /** `waiting`: when the node may complete. */
  resumeAt?: number;
  startedAt?: number;
  finishedAt?: number;
  /** Sequence number of the event that accompanied this write; lets a resumed run continue numbering. */
  seq: number;
  /** Model tokens and estimated cost (AI nodes). */
  usage?: NodeUsage;
}

/** Run-level state, rewritten at start, resume, suspension and finish. */
export interface RunStateRecord {
  runId: string;
  status: RunStatus;
  workflow: WorkflowInfo;
  trigger: TriggerInfo;
  /** Items the trigger started with (webhook payload, schedule tick), kept so a crash before the trigger's checkpoint can resume. */
  triggerItems: Item[];
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** `waiting`: earliest time a resume can make progress. */
  resumeAt?: number;
  /** Sequence number of the last event written with this record. */
  lastSeq: number;
  error?: ErrorInfo;
  /** The first response sent by Respond to Webhook. */
  response?: WebhookResponse;
  /** Node whose output is the run's output (the last node to finish). */
  outputNodeId?: string;
}

export interface StoredRun {
  run: RunStateRecord;
  nodes: NodeRunRecord[];
}

/**
 * Where runs are checkpointed. Implementations must make each write durable
 * before resolving: the executor awaits every write before it lets downstream
 * nodes see a result, which is what makes crash-resume skip finished nodes.
 * Writes of one run are issued one at a time, in sequence order.
 */
export interface CheckpointStore {
  /** The run's state and the latest record of every node, or undefined for an unknown run. */
  loadRun(runId: string): Promise<StoredRun | undefined>;
  /**
   * Upserts the run state (key: runId). `event` is the event this write announces (it is
   * emitted to the sink right after): a store may persist both atomically, for replays.
   */
  saveRun(run: RunStateRecord, event?: RunEvent): Promise<void>;
  /** Upserts a node record (key: runId + nodeId); the newest write wins. `event` as for saveRun. */
  saveNodeRun(record: NodeRunRecord, event?: RunEvent): Promise<void>;
}
