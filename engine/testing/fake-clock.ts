import { abortReason, type Clock } from '../clock.ts';

interface Timer {
  id: number;
  at: number;
  ms: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  cleanup: () => void;
}

/** Lets every pending promise continuation (and anything it schedules with setImmediate) run. */
export function flushAsync(turns = 3): Promise<void> {
  let p = Promise.resolve();
  for (let i = 0; i < turns; i++) p = p.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  return p;
}

/**
 * A Clock whose time only moves when a test says so. `sleep` registers a timer;
 * `advance(ms)` moves time forward firing due timers in order, letting the code
 * they wake up run between timers. `sleeps` records every requested delay, so
 * tests can assert exact backoff. With `autoAdvance`, whenever the process is
 * otherwise idle the earliest timer fires (virtual time for sequential flows;
 * do not combine with real I/O racing a timer, such as a timeout around a request).
 */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: Timer[] = [];
  private autoScheduled = false;
  readonly sleeps: { at: number; ms: number }[] = [];

  constructor(
    start: number = Date.UTC(2025, 0, 1),
    private readonly options: { autoAdvance?: boolean } = {},
  ) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push({ at: this.current, ms });
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const id = this.nextId++;
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t.id !== id);
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push({
        id,
        at: this.current + Math.max(0, ms),
        ms,
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      if (this.options.autoAdvance) this.scheduleAuto();
    });
  }

  /** Number of sleeps not yet fired. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.current + ms);
  }

  async advanceTo(target: number): Promise<void> {
    await flushAsync();
    for (;;) {
      const timer = this.timers[0];
      if (!timer || timer.at > target) break;
      this.fire(timer);
      await flushAsync();
    }
    this.current = Math.max(this.current, target);
    await flushAsync();
  }

  /** Fires the earliest timer (moving time to it). Returns false when none is pending. */
  async runNext(): Promise<boolean> {
    await flushAsync();
    const timer = this.timers[0];
    if (!timer) return false;
    this.fire(timer);
    await flushAsync();
    return true;
  }

  /** Waits (in real time, briefly) until at least `n` sleeps are pending. */
  async waitForTimers(n = 1, maxTurns = 200): Promise<void> {
    for (let i = 0; i < maxTurns && this.timers.length < n; i++) await flushAsync(1);
    if (this.timers.length < n) throw new Error(`FakeClock: expected ${n} pending timers, have ${this.timers.length}`);
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((t) => t.id !== timer.id);
    this.current = Math.max(this.current, timer.at);
    timer.cleanup();
    timer.resolve();
  }

  private scheduleAuto(): void {
    if (this.autoScheduled) return;
    this.autoScheduled = true;
    void flushAsync(2).then(() => {
      this.autoScheduled = false;
      const timer = this.timers[0];
      if (!timer) return;
      this.fire(timer);
      if (this.timers.length > 0) this.scheduleAuto();
    });
  }
}

/**
 * Settles `promise` by firing the fake clock's timers one at a time whenever
 * nothing else is left to run. For flows without real I/O.
 */
export async function drive<T>(clock: FakeClock, promise: Promise<T>, maxSteps = 10_000): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < maxSteps && !settled; i++) {
    if (!(await clock.runNext())) await flushAsync(1);
  }
  return promise;
}
