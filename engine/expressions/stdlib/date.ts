import { toStringValue } from '../coerce.ts';
import { runtimeFault } from '../errors.ts';
import { argInteger, argNumber, argString } from '../methods/args.ts';
import { type NamespaceSpec, fn, namespace } from './define.ts';

/*
 * `$date`: date helpers that work on epoch milliseconds, ISO 8601 strings, RFC 2822 strings
 * (e-mail/RSS dates) or Date objects, and return ISO 8601 strings in UTC so that results stay
 * plain JSON. Calendar arithmetic is done in UTC; formatting and `startOf` take an IANA time
 * zone. Nothing reads the clock: use the caller's `$now`. A date-time without an offset is UTC,
 * so results never depend on the server's time zone.
 */

const MAX_TIME = 8.64e15;
const ISO_DATE = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC_2822 = /^(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[A-Za-z]{1,5}|[+-]\d{4})$/;

/** Epoch milliseconds of a date-like value; throws a clear error for anything else. */
export function toMillis(value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_TIME) throw runtimeFault(`${value} is not a valid timestamp`);
    return value;
  }
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) throw runtimeFault('Invalid Date');
    return time;
  }
  if (typeof value === 'string') {
    const parsed = parseDateString(value.trim());
    if (parsed === null) throw runtimeFault(`'${value.slice(0, 64)}' is not a date (use ISO 8601, e.g. 2024-05-31T12:00:00Z)`);
    return parsed;
  }
  throw runtimeFault(`Expected a date (ISO string, epoch milliseconds or Date), not ${value === null ? 'null' : typeof value}`);
}

function parseDateString(text: string): number | null {
  if (text.length > 64) return null;
  const m = ISO_DATE.exec(text);
  if (m !== null) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = m;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = Number(s);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    date.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
    if (date.getUTCDate() !== day) return null;
    let offset = 0;
    if (zone !== undefined && zone.toUpperCase() !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
    }
    const time = date.getTime() - offset * 60_000;
    return Math.abs(time) <= MAX_TIME ? time : null;
  }
  if (RFC_2822.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? null : time;
  }
  return null;
}

function iso(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_TIME) throw runtimeFault('Date is out of range');
  return new Date(ms).toISOString();
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** ISO weekday: Monday 1 … Sunday 7. */
  weekday: number;
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    if (zone.length > 64) throw runtimeFault('Time zone name is too long');
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        weekday: 'short',
      });
    } catch {
      throw runtimeFault(`Unknown time zone '${zone}' (use an IANA name such as Europe/Paris)`);
    }
    if (formatters.size >= 200) formatters.clear();
    formatters.set(zone, formatter);
  }
  return formatter;
}

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Z' || zone === 'GMT';
}

export function wallTime(ms: number, zone: string): WallTime {
  const date = new Date(ms);
  if (isUtc(zone)) {
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      millisecond: date.getUTCMilliseconds(),
      weekday: date.getUTCDay() === 0 ? 7 : date.getUTCDay(),
      offsetMinutes: 0,
    };
  }
  const fields: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(date)) fields[part.type] = part.value;
  const wall = {
    year: Number(fields.year),
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    millisecond: date.getUTCMilliseconds(),
    weekday: WEEKDAYS[fields.weekday ?? ''] ?? 1,
  };
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  return { ...wall, offsetMinutes: Math.round((asUtc - ms) / 60_000) };
}

/** Epoch milliseconds of a wall-clock time in `zone` (the earlier instant when ambiguous). */
function fromWallTime(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, zone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const first = wallTime(guess, zone).offsetMinutes;
  let time = guess - first * 60_000;
  const second_ = wallTime(time, zone).offsetMinutes;
  if (second_ !== first) time = guess - second_ * 60_000;
  return time;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

/** Formats with Luxon-style tokens; text in single quotes is literal, unknown letters are kept. */
export function formatDate(ms: number, pattern: string, zone: string): string {
  if (pattern.length > 200) throw runtimeFault('Date format pattern is too long');
  const t = wallTime(ms, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      // Quoted literal text; '' stands for one quote, inside or outside quotes.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      i++;
      while (i < pattern.length) {
        if (pattern[i] === "'" && pattern[i + 1] === "'") {
          out += "'";
          i += 2;
        } else if (pattern[i] === "'") {
          i++;
          break;
        } else out += pattern[i++];
      }
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let j = i;
    while (pattern[j] === c) j++;
    const token = pattern.slice(i, j);
    i = j;
    out += formatToken(token, t, ms);
  }
  return out;
}

function formatToken(token: string, t: WallTime, ms: number): string {
  const n = token.length;
  switch (token[0]) {
    case 'y':
      return n === 2 ? pad(t.year % 100, 2) : pad(t.year, n >= 4 ? 4 : 1);
    case 'M':
      return n >= 4 ? MONTHS[t.month - 1]! : n === 3 ? MONTHS[t.month - 1]!.slice(0, 3) : pad(t.month, n);
    case 'd':
      return pad(t.day, Math.min(n, 2));
    case 'E':
      return n >= 4 ? DAYS[t.weekday - 1]! : DAYS[t.weekday - 1]!.slice(0, 3);
    case 'H':
      return pad(t.hour, Math.min(n, 2));
    case 'h':
      return pad(t.hour % 12 === 0 ? 12 : t.hour % 12, Math.min(n, 2));
    case 'm':
      return pad(t.minute, Math.min(n, 2));
    case 's':
      return pad(t.second, Math.min(n, 2));
    case 'S':
      return pad(t.millisecond, 3).slice(0, n);
    case 'a':
      return t.hour < 12 ? 'AM' : 'PM';
    case 'Z':
      return n === 3 ? offsetText(t.offsetMinutes, false) : offsetText(t.offsetMinutes, true);
    case 'X':
      return String(Math.floor(ms / 1000));
    case 'x':
      return String(ms);
    default:
      return token;
  }
}

const UNIT_MS: Record<string, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

function unitName(value: unknown, fallback: string): string {
  const raw = value === undefined ? fallback : toStringValue(value).toLowerCase();
  const unit = raw === 'ms' ? 'millisecond' : raw.endsWith('s') ? raw.slice(0, -1) : raw;
  if (!(unit in UNIT_MS) && unit !== 'month' && unit !== 'year') {
    throw runtimeFault(`Unknown unit '${raw}' (use milliseconds, seconds, minutes, hours, days, weeks, months or years)`);
  }
  return unit;
}

function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

function add(ms: number, amount: number, unit: string): number {
  if (!Number.isFinite(amount)) throw runtimeFault(`Cannot add ${amount} ${unit}s`);
  if (unit === 'month') return addMonths(ms, Math.trunc(amount));
  if (unit === 'year') return addMonths(ms, Math.trunc(amount) * 12);
  return ms + amount * UNIT_MS[unit]!;
}

function monthsBetween(a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  let months = (da.getUTCFullYear() - db.getUTCFullYear()) * 12 + (da.getUTCMonth() - db.getUTCMonth());
  const shifted = addMonths(b, months);
  if (months > 0 && shifted > a) months--;
  else if (months < 0 && shifted < a) months++;
  return months;
}

function startOf(ms: number, unit: string, zone: string): number {
  const t = wallTime(ms, zone);
  switch (unit) {
    case 'minute':
      return fromWallTime(t.year, t.month, t.day, t.hour, t.minute, 0, 0, zone);
    case 'hour':
      return fromWallTime(t.year, t.month, t.day, t.hour, 0, 0, 0, zone);
    case 'day':
      return fromWallTime(t.year, t.month, t.day, 0, 0, 0, 0, zone);
    case 'week':
      return fromWallTime(t.year, t.month, t.day - (t.weekday - 1), 0, 0, 0, 0, zone);
    case 'month':
      return fromWallTime(t.year, t.month, 1, 0, 0, 0, 0, zone);
    case 'year':
      return fromWallTime(t.year, 1, 1, 0, 0, 0, 0, zone);
    default:
      throw runtimeFault(`startOf() unit must be minute, hour, day, week, month or year, not '${unit}'`);
  }
}

function zoneArg(args: unknown[], i: number): string {
  return args[i] === undefined ? 'UTC' : argString(args, i);
}

export const DATE_NAMESPACE: NamespaceSpec = namespace('Date helpers. Dates are ISO strings, epoch milliseconds or Date objects; results are ISO strings in UTC.', {
  format: fn("$date.format(date, pattern: string, timeZone?: string): string", "Formats a date, e.g. $date.format($now, 'yyyy-MM-dd HH:mm', 'Europe/Paris'). Tokens: yyyy yy M MM MMM MMMM d dd EEE EEEE H HH h hh m mm s ss SSS a Z ZZZ X x; 'quoted' text is literal.", (_, a) =>
    formatDate(toMillis(a[0]), argString(a, 1, "yyyy-MM-dd'T'HH:mm:ss.SSSZZ"), zoneArg(a, 2)),
  ),
  toISO: fn('$date.toISO(date): string', 'The date as an ISO 8601 string in UTC.', (_, a) => iso(toMillis(a[0]))),
  parse: fn('$date.parse(text: string): string', 'Parses an ISO 8601 or RFC 2822 date string; returns ISO 8601 in UTC.', (_, a) => iso(toMillis(argString(a, 0)))),
  isValid: fn('$date.isValid(value: unknown): boolean', 'Whether value is a date these helpers accept.', (_, a) => {
    try {
      toMillis(a[0]);
      return true;
    } catch {
      return false;
    }
  }),
  toMillis: fn('$date.toMillis(date): number', 'Milliseconds since 1970-01-01 UTC.', (_, a) => toMillis(a[0])),
  toUnix: fn('$date.toUnix(date): number', 'Whole seconds since 1970-01-01 UTC.', (_, a) => Math.floor(toMillis(a[0]) / 1000)),
  fromUnix: fn('$date.fromUnix(seconds: number): string', 'ISO 8601 string of a Unix timestamp in seconds.', (_, a) => iso(argNumber(a, 0) * 1000)),
  add: fn("$date.add(date, amount: number, unit: 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years' | …): string", 'The date moved by amount units (months and years keep the day of month when possible).', (_, a) =>
    iso(add(toMillis(a[0]), argNumber(a, 1), unitName(a[2], 'millisecond'))),
  ),
  addDays: fn('$date.addDays(date, days: number): string', 'The date moved by days (24-hour days, UTC).', (_, a) => iso(add(toMillis(a[0]), argNumber(a, 1), 'day'))),
  addHours: fn('$date.addHours(date, hours: number): string', 'The date moved by hours.', (_, a) => iso(add(toMillis(a[0]), argNumber(a, 1), 'hour'))),
  addMinutes: fn('$date.addMinutes(date, minutes: number): string', 'The date moved by minutes.', (_, a) => iso(add(toMillis(a[0]), argNumber(a, 1), 'minute'))),
  addMonths: fn('$date.addMonths(date, months: number): string', 'The date moved by calendar months.', (_, a) => iso(add(toMillis(a[0]), argInteger(a, 1, 0), 'month'))),
  diff: fn("$date.diff(a, b, unit?: 'milliseconds' | 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years'): number", 'a minus b in unit (default milliseconds); months and years count whole calendar months.', (_, a) => {
    const unit = unitName(a[2], 'millisecond');
    const x = toMillis(a[0]);
    const y = toMillis(a[1]);
    if (unit === 'month') return monthsBetween(x, y);
    if (unit === 'year') return Math.trunc(monthsBetween(x, y) / 12);
    return (x - y) / UNIT_MS[unit]!;
  }),
  startOf: fn("$date.startOf(date, unit: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year', timeZone?: string): string", 'Start of the minute/hour/day/ISO week/month/year containing the date, in the time zone (default UTC).', (_, a) =>
    iso(startOf(toMillis(a[0]), unitName(a[1], 'day'), zoneArg(a, 2))),
  ),
  startOfDay: fn('$date.startOfDay(date, timeZone?: string): string', 'Midnight at the start of the day in the time zone (default UTC).', (_, a) => iso(startOf(toMillis(a[0]), 'day', zoneArg(a, 1)))),
});
