export { executeRun } from './execute-run.ts';
export type { ExecuteRunOptions, RunOutcome, RunTrigger, RunLimits, CredentialResolver } from './options.ts';
export {
  NodeRunStatus,
  RunStatus,
  TERMINAL_RUN_STATUSES,
  type CheckpointStore,
  type NodeRunRecord,
  type RunStateRecord,
  type StoredRun,
  type SkipReason,
  type TruncationInfo,
} from './checkpoint-store.ts';
export { MemoryCheckpointStore } from './memory-store.ts';
export { RunEventType, nullEventSink, type EventSink, type RunEvent, type RunEventData } from './events.ts';
export { retryDelay, JITTER_RATIO } from './backoff.ts';
export { REDACTED, Redactor } from './redact.ts';
export { DEFAULT_MAX_OUTPUT_BYTES } from './output-limit.ts';
