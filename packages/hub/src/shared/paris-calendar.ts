/**
 * Calendar days in Europe/Paris, where the law counts procurement time limits and where deadlines are read.
 * A calendar date is an ISO string "2026-04-01"; instants are `Date`s. Built on Intl (ICU time-zone data), so
 * daylight-saving changes are handled without a hand-kept table.
 */
export const PARIS_TIME_ZONE = 'Europe/Paris';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function assertValidInstant(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
}

/**
 * Paris's offset from UTC changes only at whole UTC hours (daylight saving starts and ends at 01:00 UTC), so it is
 * asked of Intl once per hour of time and kept: an import of a million DECP rows reads millions of dates. Before
 * 1980 (other rules, local mean time) every instant is asked of Intl.
 */
const HOURLY_RULES_FROM = Date.UTC(1980, 0, 1);
const offsetByHour = new Map<number, number>();

function offsetAt(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts = Object.fromEntries(partsFormatter.formatToParts(new Date(whole)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - whole;
}

function offsetOfHour(hour: number): number {
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = offsetAt(hour * 3_600_000);
    if (offsetByHour.size >= 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

function parisWallClock(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const ms = instant.getTime();
  const wall = new Date(ms + (ms >= HOURLY_RULES_FROM ? offsetOfHour(Math.floor(ms / 3_600_000)) : offsetAt(ms)));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** Milliseconds Paris is ahead of UTC at this instant (3,600,000 in winter, 7,200,000 in summer). */
function parisOffsetMs(epochMs: number): number {
  const wall = parisWallClock(new Date(epochMs));
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
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
  const wallAsUtc = parseCalendarDate(date);
  let epochMs = wallAsUtc - parisOffsetMs(wallAsUtc);
  epochMs = wallAsUtc - parisOffsetMs(epochMs);
  return new Date(epochMs);
}
