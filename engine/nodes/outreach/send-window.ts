/**
 * Local send windows ("weekdays 9–11 in the recipient's time zone") as pure functions of an
 * instant and an IANA time zone. Uses Intl only: wall-clock parts come from formatToParts, and
 * a wall-clock time is turned back into an instant by probing offsets, which handles DST.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface SendWindow {
  /** Days of the week (in the time zone) the window is open. */
  days: readonly Weekday[];
  /** Local hour the window opens, 0–23. */
  startHour: number;
  /** Local hour it closes (exclusive), 1–24, after startHour. */
  endHour: number;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday, as Date#getUTCDay. */
  weekday: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a time zone Intl knows (IANA names such as Europe/Berlin, and UTC). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock date and time of `ms` in `timeZone`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const year = parts.year as number;
  const month = parts.month as number;
  const day = parts.day as number;
  return {
    year,
    month,
    day,
    hour: (parts.hour as number) % 24,
    minute: parts.minute as number,
    second: parts.second as number,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** The wall-clock time of `ms` read as if it were UTC: `ms + offset` at second precision. */
function wallAsUtc(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAsUtc(whole, timeZone) - whole;
}

/**
 * The instant a local wall-clock time happens in `timeZone`. When it happens twice (clocks go
 * back) the first; when it never happens (clocks go forward) the moment the clocks jump past it.
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const valid = [before, after].filter((t) => wallAsUtc(t, timeZone) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // In a DST gap: the first second whose wall-clock time is at or past `wall`.
  let lo = Math.min(before, after);
  let hi = Math.max(before, after);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (wallAsUtc(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Whether `ms` falls inside the window in `timeZone`. */
export function isInWindow(ms: number, window: SendWindow, timeZone: string): boolean {
  const p = localParts(ms, timeZone);
  if (!window.days.includes(WEEKDAYS[p.weekday] as Weekday)) return false;
  const minutes = p.hour * 60 + p.minute;
  return minutes >= window.startHour * 60 && minutes < window.endHour * 60;
}

/** Calendar date `offsetDays` after the local date of `ms`. */
function localDatePlus(ms: number, timeZone: string, offsetDays: number): { year: number; month: number; day: number; weekday: number } {
  const p = localParts(ms, timeZone);
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day + offsetDays));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay() };
}

/** Openings of the window after `now` within the next `days` local days, in order. */
export function upcomingWindowStarts(now: number, window: SendWindow, timeZone: string, days = 8): number[] {
  const starts: number[] = [];
  for (let d = 0; d <= days; d++) {
    const date = localDatePlus(now, timeZone, d);
    if (!window.days.includes(WEEKDAYS[date.weekday] as Weekday)) continue;
    const start = zonedInstant(date.year, date.month, date.day, window.startHour, 0, timeZone);
    // A window lying wholly in a DST gap never opens that day.
    if (start > now && isInWindow(start, window, timeZone)) starts.push(start);
  }
  return starts;
}

/** `now` when inside the window, else the next time it opens. */
export function nextWindowStart(now: number, window: SendWindow, timeZone: string): number {
  if (isInWindow(now, window, timeZone)) return now;
  const next = upcomingWindowStarts(now, window, timeZone)[0];
  if (next === undefined) throw new Error('The send window never opens: choose at least one day');
  return next;
}

/** When the window that contains `ms` closes. */
export function windowEnd(ms: number, window: SendWindow, timeZone: string): number {
  const date = localDatePlus(ms, timeZone, window.endHour >= 24 ? 1 : 0);
  return zonedInstant(date.year, date.month, date.day, window.endHour % 24, 0, timeZone);
}

export interface ZonedWindow {
  window: SendWindow;
  timeZone: string;
}

/**
 * The first moment at or after `now` when every window is open at once (items released
 * together must all be inside theirs); undefined when they never overlap in the coming week.
 */
export function commonWindowStart(now: number, windows: readonly ZonedWindow[]): number | undefined {
  const allOpen = (t: number) => windows.every((w) => isInWindow(t, w.window, w.timeZone));
  if (allOpen(now)) return now;
  const candidates = windows.flatMap((w) => upcomingWindowStarts(now, w.window, w.timeZone)).sort((a, b) => a - b);
  return candidates.find(allOpen);
}
