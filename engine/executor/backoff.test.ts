import { describe, expect, it } from 'vitest';
import { retryDelay } from './backoff.ts';

describe('retryDelay', () => {
  const exp = { kind: 'exponential' as const, baseMs: 1000, maxMs: 10_000 };

  it('doubles from baseMs and caps at maxMs; random 0.5 means no jitter', () => {
    expect([1, 2, 3, 4, 5, 6].map((r) => retryDelay(exp, r, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('jitters by ±20% and never exceeds maxMs', () => {
    expect(retryDelay(exp, 1, () => 0)).toBe(800);
    expect(retryDelay(exp, 1, () => 0.999999)).toBe(1200);
    expect(retryDelay(exp, 5, () => 0.999999)).toBe(10_000);
  });

  it('fixed backoff is constant', () => {
    const fixed = { kind: 'fixed' as const, baseMs: 250, maxMs: 60_000 };
    expect([1, 2, 3].map((r) => retryDelay(fixed, r, () => 0.9))).toEqual([250, 250, 250]);
  });
});
