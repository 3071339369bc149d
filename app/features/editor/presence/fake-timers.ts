import type { Timers } from './throttle.ts';

/** A clock tests advance by hand, for throttles and expiry timers (test support only). */
export class FakeTimers implements Timers {
  time = 0;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();

  now = () => this.time;

  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.due.set(id, { at: this.time + ms, fn });
    return id;
  };

  clearTimeout = (handle: unknown) => {
    this.due.delete(handle as number);
  };

  get pending(): number {
    return this.due.size;
  }

  /** Moves time forward, running each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.due) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.due.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = end;
  }
}
