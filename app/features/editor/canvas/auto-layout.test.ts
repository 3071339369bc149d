import { describe, expect, it } from 'vitest';
import { layoutPositions, type LayoutNode } from './auto-layout.ts';

const node = (id: string, x = 0, y = 0): LayoutNode => ({ id, x, y, width: 200, height: 60 });

describe('layoutPositions', () => {
  it('lays a chain out left to right without overlaps', () => {
    const positions = layoutPositions([node('c', 0, 0), node('a', 500, 300), node('b', 10, 600)], [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
    ]);
    expect(positions.a!.x).toBeLessThan(positions.b!.x);
    expect(positions.b!.x).toBeLessThan(positions.c!.x);
    expect(positions.b!.x - positions.a!.x).toBeGreaterThanOrEqual(200);
    expect(positions.a!.y).toBe(positions.b!.y);
  });

  it('stacks branches of one rank vertically without overlap', () => {
    const positions = layoutPositions([node('root'), node('x'), node('y')], [
      { source: 'root', target: 'x' },
      { source: 'root', target: 'y' },
    ]);
    expect(positions.x!.x).toBe(positions.y!.x);
    expect(Math.abs(positions.x!.y - positions.y!.y)).toBeGreaterThanOrEqual(60);
  });

  it('keeps branches in the order of the outputs they leave from', () => {
    // "false" (port 1) target starts above the "true" (port 0) one; layout puts "true" on top.
    const positions = layoutPositions([node('if', 0, 100), node('onFalse', 300, 0), node('onTrue', 300, 400)], [
      { source: 'if', target: 'onFalse', port: 1 },
      { source: 'if', target: 'onTrue', port: 0 },
    ]);
    expect(positions.onTrue!.y).toBeLessThan(positions.onFalse!.y);
  });

  it('survives outputs asking for opposite orders', () => {
    const positions = layoutPositions([node('a'), node('b'), node('x'), node('y')], [
      { source: 'a', target: 'x', port: 0 },
      { source: 'a', target: 'y', port: 1 },
      { source: 'b', target: 'y', port: 0 },
      { source: 'b', target: 'x', port: 1 },
    ]);
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'x', 'y']);
    const cycle = layoutPositions([node('a'), node('b'), node('c'), node('x'), node('y'), node('z')], [
      { source: 'a', target: 'x', port: 0 },
      { source: 'a', target: 'y', port: 1 },
      { source: 'b', target: 'y', port: 0 },
      { source: 'b', target: 'z', port: 1 },
      { source: 'c', target: 'z', port: 0 },
      { source: 'c', target: 'x', port: 1 },
    ]);
    expect(Object.keys(cycle)).toHaveLength(6);
  });

  it('keeps the top-left of the graph in place', () => {
    const positions = layoutPositions([node('a', 300, 400), node('b', 900, 800)], [{ source: 'a', target: 'b' }]);
    expect(Math.min(...Object.values(positions).map((p) => p.x))).toBe(300);
    expect(Math.min(...Object.values(positions).map((p) => p.y))).toBe(400);
  });

  it('ignores self loops and edges to unknown nodes, and handles an empty graph', () => {
    expect(layoutPositions([], [])).toEqual({});
    const positions = layoutPositions([node('a')], [
      { source: 'a', target: 'a' },
      { source: 'a', target: 'ghost' },
    ]);
    expect(Object.keys(positions)).toEqual(['a']);
  });
});
