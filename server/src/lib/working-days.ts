import chineseDays from 'chinese-days';

/**
 * Working days of mainland China: weekends off, public holidays off, and 调休 (make-up) weekend days worked, from the
 * maintained calendar package `chinese-days` (its data ships in the package; nothing is fetched).
 *
 * The State Council publishes each year's holidays in the autumn before; a date in a year the package does not know
 * yet falls back to Monday–Friday and is reported as `calendarKnown: false`, so a screen can say so instead of
 * pretending.
 */

const { isWorkday, findWorkday } = chineseDays;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000; // Asia/Shanghai, no daylight saving

/** The last calendar year whose holidays the package knows (a known year has weekday holidays: 元旦, 国庆节 …). */
function lastKnownYear(): number {
  for (let y = new Date().getUTCFullYear() + 3; y >= 2004; y -= 1) {
    if (chineseDays.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false).length > 0) return y;
  }
  return 2003;
}

export const LAST_KNOWN_CALENDAR_YEAR = lastKnownYear();

/** `YYYY-MM-DD` of an instant, in China's time zone. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China calendar day ends (24:00 +08:00). */
export function endOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 24 * 60 * 60 * 1000 - CHINA_OFFSET_MS);
}

export function calendarKnown(day: string): boolean {
  return Number(day.slice(0, 4)) <= LAST_KNOWN_CALENDAR_YEAR;
}

export function isWorkingDay(day: string): boolean {
  if (calendarKnown(day)) return isWorkday(day);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `day` (not counting `day` itself); n ≥ 1. */
export function addWorkingDays(day: string, n: number): string {
  if (n < 1 || !Number.isInteger(n)) throw new RangeError('n must be a positive integer');
  let d = day;
  if (calendarKnown(day)) {
    const found = findWorkday(n, day);
    if (calendarKnown(found)) return found;
  }
  // Past the package's calendar: step day by day with the fallback.
  let left = n;
  while (left > 0) {
    d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

export interface WorkingDayWindow {
  /** First day counted: the publication day when it is a working day, otherwise the next working day. */
  firstDay: string;
  /** The last (n-th) working day counted. */
  lastDay: string;
  /** The window closes at the end of its last day, China time. */
  closesAt: Date;
  /** False when any day of the window lies in a year the holiday calendar does not know yet. */
  calendarKnown: boolean;
}

/** A period of `n` working days starting at `from` (e.g. 公示 — results publicity of 5 working days). */
export function workingDayWindow(from: Date, n: number): WorkingDayWindow {
  const day = chinaDate(from);
  const firstDay = isWorkingDay(day) ? day : addWorkingDays(day, 1);
  const lastDay = n === 1 ? firstDay : addWorkingDays(firstDay, n - 1);
  return { firstDay, lastDay, closesAt: endOfChinaDay(lastDay), calendarKnown: calendarKnown(firstDay) && calendarKnown(lastDay) };
}
