import { describe, expect, it } from 'vitest';
import { compile } from '../compile.ts';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';
import { nextFireTimes } from './schedule-trigger.ts';

describe('Schedule trigger node', () => {
  it('computes fire times in a time zone, across a DST change', () => {
    // Europe/Paris switches to summer time on 2025-03-30: 09:00 local is 08:00Z before, 07:00Z after.
    const times = nextFireTimes('0 9 * * *', 'Europe/Paris', Date.parse('2025-03-28T12:00:00Z'), 3);
    expect(times.map((d) => d.toISOString())).toEqual(['2025-03-29T08:00:00.000Z', '2025-03-30T07:00:00.000Z', '2025-03-31T07:00:00.000Z']);
    expect(nextFireTimes('*/15 * * * *', 'UTC', Date.parse('2025-01-01T00:07:00Z'), 2).map((d) => d.toISOString())).toEqual([
      '2025-01-01T00:15:00.000Z',
      '2025-01-01T00:30:00.000Z',
    ]);
  });

  it('rejects bad cron expressions and time zones at compile time', () => {
    const h = createHarness();
    const result = compile(workflow([['s', 'core.scheduleTrigger', { cron: '61 * * * *', timezone: 'Mars/Olympus' }]]), h.registry);
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_PARAMS', 'params.cron'],
      ['INVALID_PARAMS', 'params.timezone'],
    ]);
  });

  it('emits the fire time from the injected clock', async () => {
    const h = createHarness();
    const outcome = await h.run(workflow([['s', 'core.scheduleTrigger', { cron: '@hourly', timezone: 'Asia/Tokyo' }]]), {
      trigger: { kind: 'schedule' },
    });
    expect(outcome.output).toEqual([
      { json: { firedAt: '2025-01-01T00:00:00.000Z', timestamp: h.clock.now(), cron: '@hourly', timezone: 'Asia/Tokyo' } },
    ]);
  });
});
