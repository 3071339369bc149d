import { describe, expect, it } from 'vitest';
import { limitPorts, measurePorts } from './output-limit.ts';

describe('output limits', () => {
  const items = Array.from({ length: 10 }, (_, i) => ({ json: { i, pad: 'x'.repeat(90) } }));

  it('measures JSON bytes per port and rejects non-JSON output', () => {
    const sizes = measurePorts({ main: items, other: [] });
    expect(sizes.main).toBe(Buffer.byteLength(JSON.stringify(items)));
    expect(sizes.other).toBe(2);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => measurePorts({ main: [{ json: cyclic }] })).toThrow(expect.objectContaining({ code: 'INVALID_OUTPUT' }));
  });

  it('keeps small output whole (same object)', () => {
    const ports = { main: items };
    expect(limitPorts(ports, 1000, 5000).stored).toBe(ports);
  });

  it('keeps the first items that fit and summarises the rest', () => {
    const total = measurePorts({ main: items }).main as number;
    const { stored, truncated } = limitPorts({ main: items }, total, 350);
    expect(stored.main).toHaveLength(3);
    expect(truncated).toEqual({ truncated: true, byteSize: total, itemCount: 10, keptItemCount: 3 });
  });
});
