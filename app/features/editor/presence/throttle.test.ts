import { describe, expect, it } from 'vitest';
import { FakeTimers } from './fake-timers.ts';
import { throttle } from './throttle.ts';

describe('throttle', () => {
  it('runs the first call at once and folds a burst into one trailing call with the latest arguments', () => {
    const timers = new FakeTimers();
    const calls: number[] = [];
    const t = throttle((n: number) => calls.push(n), 33, timers);
    t(1);
    expect(calls).toEqual([1]);
    t(2);
    t(3);
    t(4);
    expect(calls).toEqual([1]);
    timers.advance(32);
    expect(calls).toEqual([1]);
    timers.advance(1);
    expect(calls).toEqual([1, 4]);
  });

  it('never calls more often than the interval under a steady stream', () => {
    const timers = new FakeTimers();
    const at: number[] = [];
    const t = throttle(() => at.push(timers.now()), 33, timers);
    for (let ms = 0; ms < 1000; ms += 5) {
      t();
      timers.advance(5);
    }
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(33);
    // ~30 Hz over one second.
    expect(at.length).toBeGreaterThanOrEqual(29);
    expect(at.length).toBeLessThanOrEqual(31);
  });

  it('calls at once again after a quiet interval', () => {
    const timers = new FakeTimers();
    const calls: string[] = [];
    const t = throttle((s: string) => calls.push(s), 33, timers);
    t('a');
    timers.advance(100);
    t('b');
    expect(calls).toEqual(['a', 'b']);
  });

  it('flush runs the pending call now; cancel drops it', () => {
    const timers = new FakeTimers();
    const calls: string[] = [];
    const t = throttle((s: string) => calls.push(s), 33, timers);
    t('a');
    t('b');
    t.flush();
    expect(calls).toEqual(['a', 'b']);
    expect(timers.pending).toBe(0);
    timers.advance(40);
    t('c');
    t('d');
    t.cancel();
    timers.advance(100);
    expect(calls).toEqual(['a', 'b', 'c']);
  });
});
