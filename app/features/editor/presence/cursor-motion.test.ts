import { describe, expect, it } from 'vitest';
import { approach, CursorMotion } from './cursor-motion.ts';

describe('approach', () => {
  it('eases the same distance whatever the frame rate', () => {
    let at60 = 0;
    for (let i = 0; i < 6; i++) at60 = approach(at60, 100, 1000 / 60);
    let at120 = 0;
    for (let i = 0; i < 12; i++) at120 = approach(at120, 100, 1000 / 120);
    expect(at60).toBeCloseTo(at120, 6);
    expect(at60).toBeGreaterThan(80);
    expect(at60).toBeLessThan(100);
  });
});

describe('CursorMotion', () => {
  it('places a new cursor at its target, eases toward later targets, and settles', () => {
    const motion = new CursorMotion();
    motion.setTargets(new Map([[1, { x: 10, y: 10 }]]));
    expect(motion.position(1)).toEqual({ x: 10, y: 10 });
    motion.setTargets(new Map([[1, { x: 110, y: 10 }]]));
    expect(motion.step(16)).toBe(true);
    const mid = motion.position(1)!;
    expect(mid.x).toBeGreaterThan(10);
    expect(mid.x).toBeLessThan(110);
    let frames = 0;
    while (motion.step(16)) frames++;
    expect(frames).toBeLessThan(60);
    expect(motion.position(1)).toEqual({ x: 110, y: 10 });
  });

  it('drops cursors that are gone and jumps across huge distances', () => {
    const motion = new CursorMotion();
    motion.setTargets(new Map([[1, { x: 0, y: 0 }], [2, { x: 0, y: 0 }]]));
    motion.setTargets(new Map([[2, { x: 100_000, y: 0 }]]));
    expect(motion.position(1)).toBeUndefined();
    expect(motion.position(2)).toEqual({ x: 100_000, y: 0 });
  });
});
