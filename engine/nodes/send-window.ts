import { z } from 'zod';
import { NodeError } from '../errors.ts';
import { getPath } from '../items.ts';
import { defineNode } from '../node-api.ts';
import { commonWindowStart, isValidTimeZone, windowEnd, WEEKDAYS, type SendWindow, type ZonedWindow } from './outreach/send-window.ts';

const MINUTE = 60_000;

export const SendWindowParams = z
  .object({
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .default(['mon', 'tue', 'wed', 'thu', 'fri'])
      .describe('Days of the week the window is open, in the recipient\'s time zone'),
    startHour: z.number().int().min(0).max(23).default(9).describe('Local hour the window opens (0–23), e.g. 9'),
    endHour: z.number().int().min(1).max(24).default(11).describe('Local hour the window closes (1–24, exclusive), e.g. 11'),
    timeZoneField: z
      .string()
      .default('timeZone')
      .describe('Dotted path of the item field with the recipient\'s IANA time zone, e.g. timeZone or enrichment.timeZone'),
    timeZone: z.string().min(1).default('UTC').describe('Time zone for items without one, e.g. Europe/Berlin (IANA name)'),
    jitterMinutes: z
      .number()
      .int()
      .min(0)
      .max(240)
      .default(0)
      .describe('When waiting, release up to this many minutes after the window opens (random), so sends do not all go out at :00'),
  })
  .refine((p) => p.endHour > p.startHour, { error: 'endHour must be after startHour', path: ['endHour'] });
type SendWindowParams = z.output<typeof SendWindowParams>;

function badZone(message: string, details: Record<string, unknown>): NodeError {
  return new NodeError(message, { code: 'SEND_WINDOW_BAD_TIME_ZONE', retryable: false, details });
}

export const sendWindow = defineNode({
  type: 'outreach.sendWindow',
  version: 1,
  displayName: 'Wait for Send Window',
  description: 'Holds items until it is a good local time to email the recipient (e.g. weekdays 9–11 in their time zone).',
  docs: [
    'Passes the items on at once when it is inside the window for every one of them; otherwise the run waits (checkpointed,',
    'no worker held) until the window next opens and then passes them on unchanged.',
    '- The window is **days** (mon…sun) from **startHour** to **endHour** (exclusive), in each item\'s own time zone: the',
    '  IANA name at **timeZoneField** (default `timeZone`; dotted paths such as `enrichment.timeZone` work), or **timeZone**',
    '  (default UTC) when the item has none. Daylight-saving changes are handled (a start hour skipped by the clock change',
    '  opens when the clocks jump).',
    '- **jitterMinutes** spreads waiting sends over the first minutes of the window (never past its end).',
    '- Items arriving together leave together: the node waits for the first moment all their windows are open. Recipients',
    '  whose windows never overlap (9–11 in Berlin and in New York) fail with `SEND_WINDOW_NO_COMMON_TIME`: send them one',
    '  at a time (Split In Batches of 1) or group them by time zone first.',
    'An unknown time zone fails with `SEND_WINDOW_BAD_TIME_ZONE` (not retried); with the error output all items are kept.',
    'Typical use: right before Send Email, after the email is drafted.',
  ].join('\n'),
  category: 'flow',
  icon: '🕘',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: SendWindowParams,
  // One decision for the whole batch: ctx.wait suspends the node, not an item.
  runsPerItem: false,
  run(ctx) {
    const p: SendWindowParams = ctx.params;
    if (ctx.items.length === 0) return [];
    const fallback = p.timeZone.trim();
    if (!isValidTimeZone(fallback)) throw badZone(`Unknown time zone "${fallback}" (use an IANA name such as Europe/Berlin)`, { timeZone: fallback });
    const window: SendWindow = { days: p.days, startHour: p.startHour, endHour: p.endHour };
    const zoned: ZonedWindow[] = ctx.items.map((item, index) => {
      const value = p.timeZoneField.trim() === '' ? undefined : getPath(item.json, p.timeZoneField.trim());
      if (value === undefined || value === null || value === '') return { window, timeZone: fallback };
      if (typeof value !== 'string' || !isValidTimeZone(value.trim())) {
        throw badZone(`Item ${index + 1} has an unknown time zone ${JSON.stringify(value)} in "${p.timeZoneField}" (use an IANA name such as America/New_York)`, {
          itemIndex: index,
          timeZone: value,
        });
      }
      return { window, timeZone: value.trim() };
    });
    const now = ctx.clock.now();
    const start = commonWindowStart(now, zoned);
    if (start === undefined) {
      const zones = [...new Set(zoned.map((z) => z.timeZone))].join(', ');
      throw new NodeError(`The send windows of these ${ctx.items.length} items never overlap (time zones ${zones}); send them one at a time or group them by time zone`, {
        code: 'SEND_WINDOW_NO_COMMON_TIME',
        retryable: false,
        details: { timeZones: zones },
      });
    }
    if (start <= now) return ctx.items;
    let releaseAt = start;
    if (p.jitterMinutes > 0) {
      // Stay at least a minute inside the earliest-closing window.
      const closes = Math.min(...zoned.map((z) => windowEnd(start, z.window, z.timeZone)));
      const room = Math.max(0, Math.min(p.jitterMinutes * MINUTE, closes - start - MINUTE));
      releaseAt = start + Math.floor(ctx.random() * room);
    }
    ctx.logger.info('send window: waiting', { releaseAt: new Date(releaseAt).toISOString(), items: ctx.items.length });
    return ctx.wait(releaseAt);
  },
});
