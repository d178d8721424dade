// Every date a visitor reads is in Europe/Paris, whatever the machine building the site says.
export const SITE_TIME_ZONE = 'Europe/Paris';

type Part = 'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute';

/** What Intl says of an instant in Paris; the reference the arithmetic below is checked against (date.test.ts). */
export const parisParts = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: SITE_TIME_ZONE,
});

// The French names, from Intl itself (read in UTC, where a date is its own day).
const MONTHS = Array.from({ length: 12 }, (_, month) =>
  new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, month, 15)),
);
const WEEKDAYS = Array.from({ length: 7 }, (_, weekday) =>
  // 4 January 2026 was a Sunday, weekday 0 as getUTCDay counts.
  new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 4 + weekday)),
);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const wallClock = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
  timeZone: SITE_TIME_ZONE,
});

/** Paris's offset from UTC at the start of the UTC hour `hourStart`, in ms, from Intl. */
function offsetAt(hourStart: number): number {
  const fields: Record<string, number> = {};
  for (const part of wallClock.formatToParts(hourStart)) fields[part.type] = Number(part.value);
  return Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!) - hourStart;
}

/**
 * Paris's offset by UTC day, when it is the same all day, else by UTC hour: Paris changes its clocks on the hour
 * (01:00 UTC), so an hour has one offset. Intl's formatToParts was the costly part of every date a build writes
 * (about 40,000 distinct instants at 10,000 notices); the offset is asked of it twice a day instead.
 */
const offsetByDay = new Map<number, number>();
const offsetByHour = new Map<number, number>();

function parisOffset(instant: number): number {
  const day = Math.floor(instant / DAY);
  let offset = offsetByDay.get(day);
  if (offset === undefined) {
    const first = offsetAt(day * DAY);
    offset = first === offsetAt(day * DAY + 23 * HOUR) ? first : Number.NaN;
    offsetByDay.set(day, offset);
  }
  if (!Number.isNaN(offset)) return offset;
  const hour = Math.floor(instant / HOUR);
  let hourly = offsetByHour.get(hour);
  if (hourly === undefined) {
    hourly = offsetAt(hour * HOUR);
    offsetByHour.set(hour, hourly);
  }
  return hourly;
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** The wall clock in Paris at an instant: UTC fields of the instant moved by Paris's offset. */
function paris(instant: number): Date {
  return new Date(instant + parisOffset(instant));
}

// A build formats the same few thousand instants again and again (a notice appears on up to seven pages), most of
// them as the hub's ISO strings: keep each one's parts, by instant and by string (no Date parsed again).
const partsCache = new Map<number | string, Record<Part, string>>();

function partsOf(value: Date | string): Record<Part, string> {
  let parts = partsCache.get(typeof value === 'string' ? value : value.getTime());
  if (!parts) {
    const instant = toDate(value).getTime();
    const local = paris(instant);
    parts = {
      weekday: WEEKDAYS[local.getUTCDay()]!,
      day: String(local.getUTCDate()),
      month: MONTHS[local.getUTCMonth()]!,
      year: String(local.getUTCFullYear()),
      hour: twoDigits(local.getUTCHours()),
      minute: twoDigits(local.getUTCMinutes()),
    };
    if (partsCache.size > 100_000) partsCache.clear();
    partsCache.set(typeof value === 'string' ? value : instant, parts);
  }
  return parts;
}

function toDate(value: Date | string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return date;
}

// French typography writes the first day of a month as an ordinal ("1er décembre").
function dayOfMonth(day: string): string {
  return day === '1' ? '1er' : day;
}

/** "lundi 14 décembre 2026" */
export function formatLongDate(value: Date | string): string {
  const p = partsOf(value);
  return `${p.weekday} ${dayOfMonth(p.day)} ${p.month} ${p.year}`;
}

/** "lundi 14 décembre 2026 à 12 h 00" */
export function formatDateTime(value: Date | string): string {
  const p = partsOf(value);
  return `${formatLongDate(value)} à ${p.hour} h ${p.minute}`;
}

/** "14 décembre 2026", for tables and dense lists. */
export function formatShortDate(value: Date | string): string {
  const p = partsOf(value);
  return `${dayOfMonth(p.day)} ${p.month} ${p.year}`;
}

/** A calendar date "YYYY-MM-DD" (as the hub sends award dates) read as a day, without any time zone shift. */
export function formatCalendarDate(isoDay: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) throw new RangeError(`not a calendar date: ${isoDay}`);
  // Noon UTC is the same calendar day in Paris all year round.
  return formatShortDate(new Date(`${isoDay}T12:00:00Z`));
}

/** The calendar day of an instant in Paris, as "YYYY-MM-DD". */
export function parisDay(value: Date | string): string {
  const local = paris(toDate(value).getTime());
  return `${local.getUTCFullYear()}-${twoDigits(local.getUTCMonth() + 1)}-${twoDigits(local.getUTCDate())}`;
}

/**
 * Whole calendar days (in Paris) from `now` to `deadline`: 0 on the deadline's own day, negative once the day is
 * over. Calendar days rather than 24-hour spans, because "J-1" means "tomorrow" to a reader.
 */
export function daysLeft(deadline: Date | string, now: Date): number {
  const toUtcMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`);
  return Math.round((toUtcMidnight(parisDay(deadline)) - toUtcMidnight(parisDay(now))) / 86_400_000);
}

/** "plus que 3 jours", "dernier jour", "date limite dépassée": what a reader needs at a glance. */
export function formatDaysLeft(deadline: Date | string, now: Date): string {
  if (toDate(deadline).getTime() <= now.getTime()) return 'date limite dépassée';
  const days = daysLeft(deadline, now);
  if (days <= 0) return 'dernier jour';
  return days === 1 ? 'encore 1 jour' : `encore ${days} jours`;
}
