/** Timers a throttle runs on; tests pass a fake clock instead of waiting. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** Runs a pending trailing call now. */
  flush(): void;
  /** Drops a pending trailing call. */
  cancel(): void;
}

/**
 * Calls `fn` at most once per `intervalMs`: the first call runs at once, later ones inside the
 * window collapse into one trailing call with the latest arguments, so the last value always
 * goes out (a cursor never stops short of where the pointer rested).
 */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, intervalMs: number, timers: Timers = realTimers): Throttled<A> {
  let last = -Infinity;
  let pending: A | null = null;
  let handle: unknown = null;

  const run = () => {
    handle = null;
    if (!pending) return;
    const args = pending;
    pending = null;
    last = timers.now();
    fn(...args);
  };

  const throttled = (...args: A) => {
    pending = args;
    if (handle !== null) return;
    const wait = last + intervalMs - timers.now();
    if (wait <= 0) run();
    else handle = timers.setTimeout(run, wait);
  };
  throttled.flush = () => {
    if (handle !== null) timers.clearTimeout(handle);
    run();
  };
  throttled.cancel = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    pending = null;
  };
  return throttled;
}
