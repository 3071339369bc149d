import { describe, expect, it } from 'vitest';
import { formatDuration, runDuration, shortRunId, statusLabel, statusTone, triggerLabel } from './run-format.ts';

describe('run formatting', () => {
  it('formats durations at a readable precision', () => {
    expect(formatDuration(8.4)).toBe('8 ms');
    expect(formatDuration(1420)).toBe('1.4 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 m 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 m');
    expect(formatDuration(-1)).toBe('—');
  });

  it('measures runs, finished or still going', () => {
    const startedAt = new Date(1000);
    expect(runDuration({ startedAt, finishedAt: new Date(3500) })).toBe(2500);
    expect(runDuration({ startedAt, finishedAt: null }, 1600)).toBe(600);
    expect(runDuration({ startedAt: null, finishedAt: null })).toBeNull();
  });

  it('names statuses and triggers, passing unknown ones through', () => {
    expect([statusTone('failed'), statusTone('running'), statusTone('nope')]).toEqual(['danger', 'accent', 'neutral']);
    expect(statusLabel('succeeded')).toBe('Succeeded');
    expect(triggerLabel('webhook')).toBe('Webhook');
    expect(triggerLabel('other')).toBe('other');
  });

  it('shortens run ids to their random tail', () => {
    expect(shortRunId('0190f5c2-7d3a-7b1e-9c4d-5e6f7a8b9c0d')).toBe('8b9c0d');
  });
});
