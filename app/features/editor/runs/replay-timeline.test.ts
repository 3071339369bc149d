import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../engine/executor/events.ts';
import { buildTimeline, nextStep, previousSeq, seqFraction, stepIndexAt } from './replay-timeline.ts';

const T0 = 1_700_000_000_000;
const ev = (seq: number, atOffset: number, type: RunEvent['type'] = 'node.started', nodeId?: string): RunEvent => ({
  runId: 'r',
  seq,
  type,
  at: T0 + atOffset,
  ...(nodeId ? { nodeId } : {}),
});

const events: RunEvent[] = [
  ev(1, 0, 'run.started'),
  ev(2, 0, 'node.started', 'a'),
  ev(3, 500, 'node.succeeded', 'a'),
  ev(4, 500, 'node.started', 'b'),
  ev(5, 60_500, 'node.failed', 'b'), // a minute-long call
  ev(6, 60_700, 'run.finished'),
];

describe('replay timeline', () => {
  it('keeps real gaps, stretches simultaneous events and caps long ones', () => {
    const t = buildTimeline(events, 1, { minGapMs: 80, maxGapMs: 1500 });
    expect(t.steps.map((s) => s.atMs)).toEqual([0, 80, 580, 660, 2160, 2360]);
    expect(t.durationMs).toBe(2360);
    expect(t.lastSeq).toBe(6);
  });

  it('divides every gap by the speed', () => {
    const at1 = buildTimeline(events, 1).steps.map((s) => s.atMs);
    expect(buildTimeline(events, 2).steps.map((s) => s.atMs)).toEqual(at1.map((ms) => ms / 2));
    expect(buildTimeline(events, 0.5).durationMs).toBe(buildTimeline(events, 1).durationMs * 2);
    expect(buildTimeline(events, 4).durationMs).toBe(buildTimeline(events, 1).durationMs / 4);
  });

  it('marks node events only, with their kind', () => {
    expect(buildTimeline(events).ticks).toEqual([
      { seq: 2, nodeId: 'a', kind: 'start' },
      { seq: 3, nodeId: 'a', kind: 'success' },
      { seq: 4, nodeId: 'b', kind: 'start' },
      { seq: 5, nodeId: 'b', kind: 'failure' },
    ]);
  });

  it('schedules the next step from any position, including gaps in seq', () => {
    const t = buildTimeline([ev(1, 0, 'run.started'), ev(2, 100), ev(5, 300), ev(6, 350)], 1, { minGapMs: 0 });
    expect(nextStep(t, 0)).toEqual({ seq: 1, delayMs: 0 });
    expect(nextStep(t, 1)).toEqual({ seq: 2, delayMs: 100 });
    expect(nextStep(t, 3)).toEqual({ seq: 5, delayMs: 200 }); // a seq between events counts as the one before
    expect(nextStep(t, 6)).toBeNull();
    expect(stepIndexAt(t, 0)).toBe(-1);
    expect(stepIndexAt(t, 4)).toBe(1);
  });

  it('steps back one event at a time down to the start', () => {
    const t = buildTimeline(events);
    expect(previousSeq(t, 6)).toBe(5);
    expect(previousSeq(t, 1)).toBe(0);
    expect(previousSeq(t, 0)).toBe(0);
    const gappy = buildTimeline([ev(2, 0), ev(7, 10)]);
    expect(previousSeq(gappy, 5)).toBe(2);
  });

  it('handles a run without events', () => {
    const t = buildTimeline([]);
    expect(t).toEqual({ steps: [], durationMs: 0, lastSeq: 0, ticks: [] });
    expect(nextStep(t, 0)).toBeNull();
    expect(seqFraction(t, 3)).toBe(0);
  });

  it('places seqs on the scrubber', () => {
    const t = buildTimeline(events);
    expect(seqFraction(t, 0)).toBe(0);
    expect(seqFraction(t, 3)).toBe(0.5);
    expect(seqFraction(t, 99)).toBe(1);
  });
});
