import { describe, expect, it } from 'vitest';
import { PositionTweens, TWEEN_MS } from './position-tweens.ts';

function harness() {
  let now = 0;
  let queued: (() => void) | null = null;
  const frames: Map<string, { x: number; y: number }>[] = [];
  const tweens = new PositionTweens(
    (p) => frames.push(new Map(p)),
    () => now,
    (fn) => {
      queued = fn;
      return 1;
    },
    () => {
      queued = null;
    },
  );
  const advance = (ms: number) => {
    now += ms;
    const fn = queued;
    queued = null;
    fn?.();
  };
  return { tweens, frames, advance, pending: () => queued !== null };
}

describe('PositionTweens', () => {
  it('moves from the start to the target over a few frames, then stops scheduling', () => {
    const h = harness();
    h.tweens.start('a', { x: 0, y: 0 }, { x: 100, y: 50 });
    h.advance(TWEEN_MS / 2);
    const mid = h.frames.at(-1)!.get('a')!;
    expect(mid.x).toBeGreaterThan(0);
    expect(mid.x).toBeLessThan(100);
    h.advance(TWEEN_MS);
    expect(h.frames.at(-1)!.get('a')).toEqual({ x: 100, y: 50 });
    expect(h.tweens.has('a')).toBe(false);
    expect(h.pending()).toBe(false);
  });

  it('drops a cancelled node (this user started dragging it)', () => {
    const h = harness();
    h.tweens.start('a', { x: 0, y: 0 }, { x: 100, y: 0 });
    h.tweens.cancel('a');
    h.advance(16);
    expect(h.frames).toHaveLength(0);
  });
});
