import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../engine/executor/events.ts';
import { contiguous } from './live-events.ts';

const ev = (seq: number): RunEvent => ({ runId: 'r', seq, type: 'node.started', at: seq });

describe('contiguous run events', () => {
  it('releases only the gap-free run after the last seq sent, deduplicated and sorted', () => {
    const { ready, later } = contiguous(1, [ev(4), ev(2), ev(2), ev(1), ev(5), ev(3), ev(7)]);
    expect(ready.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    expect(later.map((e) => e.seq)).toEqual([7]);
  });

  it('holds everything after a gap at the start', () => {
    expect(contiguous(0, [ev(3), ev(4)])).toEqual({ ready: [], later: [ev(3), ev(4)] });
  });
});
