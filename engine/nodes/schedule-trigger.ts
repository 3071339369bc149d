import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { defineNode } from '../node-api.ts';

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Undefined when the cron expression is valid, else why not. */
export function cronError(cron: string): string | undefined {
  try {
    CronExpressionParser.parse(cron, { tz: 'UTC' });
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export const ScheduleTriggerParams = z.object({
  cron: z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      const problem = cronError(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `Invalid cron expression: ${problem}` });
    })
    .describe('Cron expression: 5 fields (minute hour day month weekday) or 6 with seconds first; @daily etc. also work'),
  timezone: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, { error: 'Unknown IANA time zone' })
    .describe('IANA time zone the cron is read in, e.g. Europe/Paris'),
});

/** The next `n` fire times strictly after `from`, in the given time zone (DST handled by cron-parser). */
export function nextFireTimes(cron: string, timezone: string, from: Date | number, n: number): Date[] {
  const expression = CronExpressionParser.parse(cron, { tz: timezone, currentDate: new Date(from) });
  return expression.take(n).map((d) => d.toDate());
}

export const scheduleTrigger = defineNode({
  type: 'core.scheduleTrigger',
  version: 1,
  displayName: 'Schedule',
  description: 'Starts the workflow on a cron schedule.',
  docs: [
    'Runs the workflow at the times described by **cron**, read in **timezone** (daylight saving handled).',
    'Examples: `*/5 * * * *` every five minutes, `0 9 * * 1-5` at 9:00 on weekdays, `@daily` at midnight.',
    'Each run starts with one item `{ firedAt, timestamp, cron, timezone }`.',
  ].join('\n'),
  category: 'trigger',
  icon: '⏰',
  inputs: [],
  outputs: [{ name: 'main' }],
  params: ScheduleTriggerParams,
  isTrigger: true,
  runsPerItem: false,
  run(ctx) {
    const now = ctx.clock.now();
    const base = { firedAt: new Date(now).toISOString(), timestamp: now, cron: ctx.params.cron, timezone: ctx.params.timezone };
    const items = ctx.items.length > 0 ? ctx.items : [{ json: {} }];
    return items.map((item) => ({ json: { ...base, ...item.json } }));
  },
});
