/**
 * Where executions wait to be run. Jobs carry only the execution id; a worker loads the
 * rest from the database, so a lost queue can always be rebuilt from `executions` rows.
 * Two drivers: BullMQ on Redis (scaled) and an in-process queue (embedded default).
 */
export type RunJob = { executionId: string };

export type RunHandler = (job: RunJob, signal: AbortSignal) => Promise<void>;

export type QueueCounts = { waiting: number; active: number; delayed: number };

export interface RunQueue {
  readonly kind: 'bullmq' | 'memory';
  /** Adds a job; `delayMs` postpones it (Wait nodes). `jobKey` dedupes: a second add with the same key is a no-op while the first is pending. */
  enqueue(job: RunJob, opts?: { delayMs?: number; jobKey?: string }): Promise<void>;
  /** Starts processing with `concurrency` jobs at once in this process. */
  work(handler: RunHandler, opts: { concurrency: number }): void;
  counts(): Promise<QueueCounts>;
  /** Stops taking jobs and waits up to `drainMs` for running ones; what is left is recovered as stalled. */
  close(drainMs?: number): Promise<void>;
}
