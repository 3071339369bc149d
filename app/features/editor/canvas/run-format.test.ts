import { describe, expect, it } from 'vitest';
import { formatDuration, itemsLabel } from './run-format.ts';

describe('formatDuration', () => {
  it('picks a unit that stays short', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 m 05 s');
    expect(formatDuration(2 * 3_600_000 + 7 * 60_000)).toBe('2 h 07 m');
    expect(formatDuration(-1)).toBe('');
  });
  it('counts items', () => {
    expect(itemsLabel(1)).toBe('1 item');
    expect(itemsLabel(0)).toBe('0 items');
  });
});
