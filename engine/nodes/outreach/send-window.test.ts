import { describe, expect, it } from 'vitest';
import {
  commonWindowStart,
  isInWindow,
  isValidTimeZone,
  nextWindowStart,
  windowEnd,
  zonedInstant,
  type SendWindow,
  type Weekday,
} from './send-window.ts';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const nineToEleven: SendWindow = { days: WEEKDAYS, startHour: 9, endHour: 11 };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('nextWindowStart', () => {
  it('is now inside the window, later today before it, the next weekday after it', () => {
    // 2025-01-01 is a Wednesday.
    expect(iso(nextWindowStart(at('2025-01-01T10:30:00Z'), nineToEleven, 'UTC'))).toBe('2025-01-01T10:30:00.000Z');
    expect(iso(nextWindowStart(at('2025-01-01T08:59:59Z'), nineToEleven, 'UTC'))).toBe('2025-01-01T09:00:00.000Z');
    expect(iso(nextWindowStart(at('2025-01-01T11:00:00Z'), nineToEleven, 'UTC'))).toBe('2025-01-02T09:00:00.000Z');
  });

  it('skips the weekend', () => {
    expect(iso(nextWindowStart(at('2025-01-03T12:00:00Z'), nineToEleven, 'UTC'))).toBe('2025-01-06T09:00:00.000Z');
    expect(iso(nextWindowStart(at('2025-01-04T09:30:00Z'), nineToEleven, 'UTC'))).toBe('2025-01-06T09:00:00.000Z');
  });

  it('reads the days in the recipient time zone, not in UTC', () => {
    // Friday 23:30 UTC is already Saturday in Tokyo: the next window is Monday 09:00 JST.
    expect(iso(nextWindowStart(at('2025-01-03T23:30:00Z'), nineToEleven, 'Asia/Tokyo'))).toBe('2025-01-06T00:00:00.000Z');
    // 07:00 in New York (EST) → 09:00 EST; half-hour offset in Kolkata.
    expect(iso(nextWindowStart(at('2025-01-01T12:00:00Z'), nineToEleven, 'America/New_York'))).toBe('2025-01-01T14:00:00.000Z');
    expect(iso(nextWindowStart(at('2025-01-01T00:00:00Z'), nineToEleven, 'Asia/Kolkata'))).toBe('2025-01-01T03:30:00.000Z');
  });

  it('follows daylight saving time: the same local hour moves in UTC', () => {
    // Berlin switches to CEST on Sunday 2025-03-30: Friday 09:00 is 08:00Z, Monday 09:00 is 07:00Z.
    expect(iso(nextWindowStart(at('2025-03-28T06:00:00Z'), nineToEleven, 'Europe/Berlin'))).toBe('2025-03-28T08:00:00.000Z');
    expect(iso(nextWindowStart(at('2025-03-28T12:00:00Z'), nineToEleven, 'Europe/Berlin'))).toBe('2025-03-31T07:00:00.000Z');
    // And back in autumn (CET from 2025-10-26).
    expect(iso(nextWindowStart(at('2025-10-24T12:00:00Z'), nineToEleven, 'Europe/Berlin'))).toBe('2025-10-27T08:00:00.000Z');
  });

  it('opens at the jump when the start hour falls in the spring-forward gap, skips a window lost in it', () => {
    const sundayTwoToFour: SendWindow = { days: ['sun'], startHour: 2, endHour: 4 };
    // New York, 2025-03-09: 02:00 EST never happens, clocks jump to 03:00 EDT (07:00Z).
    expect(iso(nextWindowStart(at('2025-03-09T06:00:00Z'), sundayTwoToFour, 'America/New_York'))).toBe('2025-03-09T07:00:00.000Z');
    const lostHour: SendWindow = { days: ['sun'], startHour: 2, endHour: 3 };
    expect(iso(nextWindowStart(at('2025-03-09T06:00:00Z'), lostHour, 'America/New_York'))).toBe('2025-03-16T06:00:00.000Z');
  });

  it('takes the first of the two 01:00s when clocks go back', () => {
    const sundayOne: SendWindow = { days: ['sun'], startHour: 1, endHour: 2 };
    // New York, 2025-11-02: 01:00 EDT (05:00Z) then 01:00 EST (06:00Z).
    expect(iso(nextWindowStart(at('2025-11-02T04:00:00Z'), sundayOne, 'America/New_York'))).toBe('2025-11-02T05:00:00.000Z');
    expect(isInWindow(at('2025-11-02T06:30:00Z'), sundayOne, 'America/New_York')).toBe(true);
  });

  it('agrees with a brute-force scan of the window, across zones and two weeks around a DST change', () => {
    const window: SendWindow = { days: ['mon', 'wed', 'sat'], startHour: 8, endHour: 10 };
    const step = 15 * 60_000;
    for (const zone of ['Europe/London', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Kathmandu']) {
      for (let now = at('2025-03-25T00:00:00Z'); now < at('2025-04-08T00:00:00Z'); now += 7 * 3_600_000 + step) {
        let brute = now;
        while (!isInWindow(brute, window, zone)) brute += step;
        expect(iso(nextWindowStart(now, window, zone)), `${zone} from ${iso(now)}`).toBe(iso(brute));
      }
    }
  });
});

describe('time zone helpers', () => {
  it('validates IANA names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('turns a wall-clock time into an instant and finds where the window closes', () => {
    expect(iso(zonedInstant(2025, 7, 1, 9, 0, 'Europe/Berlin'))).toBe('2025-07-01T07:00:00.000Z');
    expect(iso(windowEnd(at('2025-07-01T07:30:00Z'), nineToEleven, 'Europe/Berlin'))).toBe('2025-07-01T09:00:00.000Z');
    expect(iso(windowEnd(at('2025-07-01T22:30:00Z'), { days: WEEKDAYS, startHour: 20, endHour: 24 }, 'UTC'))).toBe('2025-07-02T00:00:00.000Z');
  });
});

describe('commonWindowStart', () => {
  it('finds when several windows are open together, or says they never are', () => {
    const now = at('2025-01-01T06:00:00Z');
    const nineToFive: SendWindow = { days: WEEKDAYS, startHour: 9, endHour: 17 };
    // Berlin opens at 08:00Z, London at 09:00Z: both are open from 09:00Z.
    expect(iso(commonWindowStart(now, [
      { window: nineToFive, timeZone: 'Europe/Berlin' },
      { window: nineToFive, timeZone: 'Europe/London' },
    ]) as number)).toBe('2025-01-01T09:00:00.000Z');
    expect(commonWindowStart(now, [
      { window: nineToEleven, timeZone: 'Europe/Berlin' },
      { window: nineToEleven, timeZone: 'America/New_York' },
    ])).toBeUndefined();
    expect(commonWindowStart(at('2025-01-01T09:30:00Z'), [{ window: nineToFive, timeZone: 'Europe/London' }])).toBe(at('2025-01-01T09:30:00Z'));
  });
});
