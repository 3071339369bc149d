import { z } from 'zod';
import { NodeError } from '../errors.ts';
import { defineNode } from '../node-api.ts';

const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
const MAX_WAIT_MS = 366 * UNIT_MS.days;

export const wait = defineNode({
  type: 'core.wait',
  version: 1,
  displayName: 'Wait',
  description: 'Pauses the run for a while or until a point in time.',
  docs: [
    'Suspends the run without holding a worker: the run is checkpointed with status `waiting` and a `resumeAt`',
    'time, and whoever scheduled it (the queue) runs it again then. The items pass through unchanged.',
    '**duration** waits **amount** × **unit** from when the node is reached; **until** waits for a date',
    '(ISO 8601 string or epoch milliseconds; a time in the past continues at once). At most one year.',
  ].join('\n'),
  category: 'flow',
  icon: '⏳',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: z.object({
    mode: z.enum(['duration', 'until']).default('duration').describe('Wait for a duration or until a time'),
    amount: z.number().min(0).default(1).describe('duration: how many units'),
    unit: z.enum(['seconds', 'minutes', 'hours', 'days']).default('minutes').describe('duration: unit'),
    until: z.union([z.string(), z.number()]).optional().describe('until: ISO 8601 date-time or epoch milliseconds'),
  }),
  runsPerItem: false,
  run(ctx) {
    const p = ctx.params;
    const now = ctx.clock.now();
    let resumeAt: number;
    if (p.mode === 'duration') resumeAt = now + Math.round(p.amount * UNIT_MS[p.unit]);
    else {
      resumeAt = typeof p.until === 'number' ? p.until : p.until === undefined ? Number.NaN : Date.parse(p.until);
      if (!Number.isFinite(resumeAt)) {
        throw new NodeError(`"until" must be a date-time or epoch milliseconds, got ${JSON.stringify(p.until)}`, {
          code: 'WAIT_INVALID_TIME',
          field: 'params.until',
          retryable: false,
        });
      }
    }
    if (resumeAt - now > MAX_WAIT_MS) {
      throw new NodeError('Wait is limited to one year', { code: 'WAIT_TOO_LONG', retryable: false });
    }
    if (resumeAt <= now) return ctx.items;
    return ctx.wait(resumeAt);
  },
});
