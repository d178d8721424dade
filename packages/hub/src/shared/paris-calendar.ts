/**
 * Calendar days in Europe/Paris, where the law counts procurement time limits and where deadlines are read.
 * A calendar date is an ISO string "2026-04-01"; instants are `Date`s. Built on Intl (ICU time-zone data), so
 * daylight-saving changes are handled without a hand-kept table (the workspace package `@territoire-achats/time-zones`).
 */
import { instantOfWallClock, wallClockOf, type WallClock } from '@territoire-achats/time-zones';

export const PARIS_TIME_ZONE = 'Europe/Paris';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function assertValidInstant(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
}

function parisWallClock(instant: Date): WallClock {
  return wallClockOf(instant.getTime(), PARIS_TIME_ZONE);
}

function parseCalendarDate(date: string): number {
  const match = DATE_PATTERN.exec(date);
  const utc = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Invalid calendar date ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  }
  return utc;
}

/** The Paris calendar date of an instant: 2026-03-31T22:30:00Z is "2026-04-01". */
export function parisDateOf(instant: Date): string {
  assertValidInstant(instant);
  const { year, month, day } = parisWallClock(instant);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(parseCalendarDate(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 for Sunday to 6 for Saturday, as `Date.getDay`. */
export function weekdayOf(date: string): number {
  return new Date(parseCalendarDate(date)).getUTCDay();
}

/** The instant at which this calendar day begins in Paris (midnight is never skipped by the French DST rules). */
export function startOfParisDay(date: string): Date {
  return new Date(instantOfWallClock(parseCalendarDate(date), PARIS_TIME_ZONE));
}
