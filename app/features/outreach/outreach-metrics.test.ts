import { describe, expect, it } from 'vitest';
import { rangeQuery, rate } from './outreach-metrics.ts';

describe('outreach metrics', () => {
  it('rates against sent messages', () => {
    expect(rate(1, 4)).toBe('25%');
    expect(rate(0, 0)).toBe('–');
  });

  it('uses hourly buckets for a week and daily ones beyond', () => {
    const now = Date.UTC(2026, 10, 26);
    expect(rangeQuery('7d', now)).toEqual({ from: new Date(now - 7 * 86_400_000), to: new Date(now), bucket: 'hour' });
    expect(rangeQuery('30d', now).bucket).toBe('day');
  });
});
