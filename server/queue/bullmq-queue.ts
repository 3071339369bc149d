import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueCounts, RunHandler, RunJob, RunQueue } from './run-queue.ts';

export type BullRunQueueOptions = {
  redisUrl: string;
  /** Redis key prefix; tests use their own so files can run in parallel. */
  prefix?: string;
  queueName?: string;
  /** A worker that stops renewing its lock for this long is presumed dead; its job is re-run elsewhere. */
  lockDurationMs?: number;
};

/**
 * BullMQ on Redis. Job id = dedupe key, so enqueueing an execution twice is harmless.
 * A crashed worker's job is retried by another worker after its lock expires (stalled-job
 * recovery); the executor then resumes from its checkpoints.
 */
export class BullRunQueue implements RunQueue {
  readonly kind = 'bullmq' as const;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private readonly connections: Redis[] = [];

  constructor(private readonly opts: BullRunQueueOptions) {
    this.queue = new Queue(opts.queueName ?? 'runs', {
      connection: this.connection(),
      prefix: opts.prefix ?? 'ff',
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000, attempts: 1 },
    });
  }

  private connection(): Redis {
    // BullMQ's blocking commands need maxRetriesPerRequest: null.
    const c = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: `${this.opts.prefix ?? 'ff'}-queue` });
    c.on('error', () => {}); // reconnects by itself; failures surface on the calls that need Redis
    this.connections.push(c);
    return c;
  }

  async enqueue(job: RunJob, opts: { delayMs?: number; jobKey?: string } = {}): Promise<void> {
    await this.queue.add('run', job, {
      jobId: (opts.jobKey ?? job.executionId).replace(/:/g, '_'),
      ...(opts.delayMs && opts.delayMs > 0 ? { delay: Math.ceil(opts.delayMs) } : {}),
    });
  }

  work(handler: RunHandler, opts: { concurrency: number }): void {
    this.worker = new Worker(
      this.queue.name,
      async (job, _token, signal) => handler(job.data as RunJob, signal ?? new AbortController().signal),
      {
        connection: this.connection(),
        prefix: this.opts.prefix ?? 'ff',
        concurrency: opts.concurrency,
        lockDuration: this.opts.lockDurationMs ?? 30_000,
        stalledInterval: Math.max(1000, Math.floor((this.opts.lockDurationMs ?? 30_000) / 2)),
        maxStalledCount: 10,
      },
    );
    this.worker.on('error', () => {});
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0 };
  }

  async close(drainMs = 10_000): Promise<void> {
    if (this.worker) {
      const worker = this.worker;
      // Let running jobs finish up to the deadline; anything left is recovered as stalled.
      await Promise.race([worker.close(), new Promise((r) => setTimeout(r, drainMs).unref())]);
      if (worker.isRunning()) await worker.close(true);
    }
    await this.queue.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
