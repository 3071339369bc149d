import type { QueueCounts, RunHandler, RunJob, RunQueue } from './run-queue.ts';

/**
 * The embedded default: a FIFO with bounded concurrency and timers for delays, in this
 * process. Jobs do not survive a restart; the reconciler re-enqueues what the database
 * says is still queued or due, which is what makes that safe.
 */
export class MemoryRunQueue implements RunQueue {
  readonly kind = 'memory' as const;
  private readonly waiting: Array<{ job: RunJob; key: string }> = [];
  private readonly pendingKeys = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Map<Promise<void>, AbortController>();
  private handler: RunHandler | null = null;
  private concurrency = 1;
  private closed = false;
  private delayed = 0;

  async enqueue(job: RunJob, opts: { delayMs?: number; jobKey?: string } = {}): Promise<void> {
    if (this.closed) throw new Error('queue is closed');
    const key = opts.jobKey ?? job.executionId;
    if (this.pendingKeys.has(key)) return;
    this.pendingKeys.add(key);
    const push = () => {
      this.waiting.push({ job, key });
      this.pump();
    };
    if (opts.delayMs && opts.delayMs > 0) {
      this.delayed++;
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.delayed--;
        push();
      }, opts.delayMs);
      this.timers.add(t);
    } else push();
  }

  work(handler: RunHandler, opts: { concurrency: number }): void {
    this.handler = handler;
    this.concurrency = Math.max(1, opts.concurrency);
    this.pump();
  }

  async counts(): Promise<QueueCounts> {
    return { waiting: this.waiting.length, active: this.running.size, delayed: this.delayed };
  }

  async close(drainMs = 10_000): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.waiting.length = 0;
    const all = Promise.allSettled([...this.running.keys()]);
    const timeout = new Promise((r) => setTimeout(r, drainMs).unref());
    await Promise.race([all, timeout]);
    for (const ctrl of this.running.values()) ctrl.abort(new Error('worker shutting down'));
  }

  private pump(): void {
    while (this.handler && !this.closed && this.running.size < this.concurrency && this.waiting.length) {
      const { job, key } = this.waiting.shift()!;
      this.pendingKeys.delete(key);
      const ctrl = new AbortController();
      const p: Promise<void> = this.handler(job, ctrl.signal)
        .catch(() => {})
        .finally(() => {
          this.running.delete(p);
          this.pump();
        });
      this.running.set(p, ctrl);
    }
  }
}
