import { Worker } from 'node:worker_threads';
import { SandboxErrorCode, type SandboxErrorData } from './errors.ts';
import type { SandboxJob, SandboxLogEntry, SandboxOutcome, WorkerMessage } from './protocol.ts';

export interface PoolOptions {
  /** Maximum number of worker threads (jobs beyond run in order when one is free). */
  size: number;
  workerUrl: URL;
  /** An idle worker is stopped after this long. */
  idleTimeoutMs: number;
  /** Time after a job's own timeout before its worker is terminated from outside. */
  killGraceMs: number;
  /** Native stack of each worker thread; generous so QuickJS' own stack limit trips first. */
  stackSizeMb: number;
  /** V8 heap of each worker (the WASM heap is separate and bounded per job by QuickJS). */
  maxOldGenerationSizeMb: number;
}

interface Task {
  job: SandboxJob;
  onLog: (entry: SandboxLogEntry) => void;
  resolve: (outcome: SandboxOutcome) => void;
}

interface PooledWorker {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  taskId: number;
  hardTimer: ReturnType<typeof setTimeout> | undefined;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

const MAX_START_FAILURES = 3;

function failure(code: SandboxErrorData['code'], message: string): SandboxOutcome {
  return { ok: false, error: { code, message } };
}

/**
 * Worker threads that run sandbox jobs, one job per worker at a time. The pool is the hard
 * backstop for the time limit: if a worker has not answered `killGraceMs` after a job's
 * timeout, it is terminated and replaced. A worker that crashes or reports itself unhealthy is
 * replaced too. Idle workers do not keep the process alive.
 */
export class SandboxPool {
  private readonly workers = new Set<PooledWorker>();
  private readonly queue: Task[] = [];
  private nextId = 1;
  private startFailures = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  run(job: SandboxJob, onLog: (entry: SandboxLogEntry) => void): Promise<SandboxOutcome> {
    if (this.closed) return Promise.resolve(failure(SandboxErrorCode.Runtime, 'The sandbox has been closed'));
    return new Promise((resolve) => {
      this.queue.push({ job, onLog, resolve });
      this.dispatch();
    });
  }

  /** Number of live workers and queued jobs (for tests and metrics). */
  stats(): { workers: number; busy: number; queued: number } {
    let busy = 0;
    for (const w of this.workers) if (w.task !== null) busy++;
    return { workers: this.workers.size, busy, queued: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.resolve(failure(SandboxErrorCode.Runtime, 'The sandbox has been closed'));
    const stopping = [...this.workers].map((w) => {
      w.task?.resolve(failure(SandboxErrorCode.Runtime, 'The sandbox has been closed'));
      w.task = null;
      return this.remove(w);
    });
    await Promise.all(stopping);
  }

  private dispatch(): void {
    for (;;) {
      if (this.queue.length === 0) return;
      const idle = this.find((w) => w.ready && w.task === null);
      if (idle !== undefined) {
        this.assign(idle, this.queue.shift()!);
        continue;
      }
      let starting = 0;
      for (const w of this.workers) if (!w.ready) starting++;
      if (this.workers.size < this.options.size && starting < this.queue.length) {
        this.spawn();
        continue;
      }
      return;
    }
  }

  private find(predicate: (w: PooledWorker) => boolean): PooledWorker | undefined {
    for (const w of this.workers) if (predicate(w)) return w;
    return undefined;
  }

  private spawn(): void {
    const worker = new Worker(this.options.workerUrl, {
      env: {},
      resourceLimits: { stackSizeMb: this.options.stackSizeMb, maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb },
    });
    const pooled: PooledWorker = { worker, ready: false, task: null, taskId: 0, hardTimer: undefined, idleTimer: undefined };
    this.workers.add(pooled);
    worker.on('message', (message: WorkerMessage) => this.onMessage(pooled, message));
    worker.on('error', (error) => this.onCrash(pooled, error));
    worker.on('exit', (code) => this.onCrash(pooled, new Error(`the worker exited with code ${code}`)));
  }

  private assign(pooled: PooledWorker, task: Task): void {
    clearTimeout(pooled.idleTimer);
    pooled.task = task;
    pooled.taskId = this.nextId++;
    pooled.worker.ref();
    pooled.hardTimer = setTimeout(() => {
      void this.remove(pooled);
      task.resolve(failure(SandboxErrorCode.Timeout, `The code did not finish within ${task.job.timeoutMs} ms (the sandbox was stopped)`));
      this.dispatch();
    }, task.job.timeoutMs + this.options.killGraceMs);
    pooled.worker.postMessage({ type: 'run', id: pooled.taskId, job: task.job });
  }

  private onMessage(pooled: PooledWorker, message: WorkerMessage): void {
    if (!this.workers.has(pooled)) return;
    switch (message.type) {
      case 'ready':
        pooled.ready = true;
        this.startFailures = 0;
        this.idle(pooled);
        this.dispatch();
        return;
      case 'log':
        if (pooled.task !== null && message.id === pooled.taskId) {
          try {
            pooled.task.onLog(message.entry);
          } catch {
            // A failing log callback must not break the run.
          }
        }
        return;
      case 'done': {
        if (pooled.task === null || message.id !== pooled.taskId) return;
        clearTimeout(pooled.hardTimer);
        const task = pooled.task;
        pooled.task = null;
        task.resolve(message.outcome);
        if (message.retire) void this.remove(pooled);
        else this.idle(pooled);
        this.dispatch();
        return;
      }
    }
  }

  private onCrash(pooled: PooledWorker, error: Error): void {
    if (!this.workers.has(pooled)) return;
    void this.remove(pooled);
    const task = pooled.task;
    pooled.task = null;
    if (task !== null) {
      const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      task.resolve(
        outOfMemory
          ? failure(SandboxErrorCode.Memory, 'The sandbox ran out of memory')
          : failure(SandboxErrorCode.Runtime, `The sandbox stopped unexpectedly: ${error.message}`),
      );
    } else if (!pooled.ready && ++this.startFailures >= MAX_START_FAILURES) {
      // Starting keeps failing (e.g. the worker file cannot load): fail fast instead of looping.
      this.startFailures = 0;
      for (const queued of this.queue.splice(0)) {
        queued.resolve(failure(SandboxErrorCode.Runtime, `The sandbox could not start: ${error.message}`));
      }
    }
    this.dispatch();
  }

  private idle(pooled: PooledWorker): void {
    pooled.worker.unref();
    clearTimeout(pooled.idleTimer);
    pooled.idleTimer = setTimeout(() => {
      if (pooled.task === null) void this.remove(pooled);
    }, this.options.idleTimeoutMs);
    pooled.idleTimer.unref();
  }

  private async remove(pooled: PooledWorker): Promise<void> {
    if (!this.workers.delete(pooled)) return;
    clearTimeout(pooled.hardTimer);
    clearTimeout(pooled.idleTimer);
    pooled.worker.removeAllListeners('message');
    await pooled.worker.terminate().catch(() => undefined);
  }
}
