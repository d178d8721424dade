// Every date a visitor reads is in Europe/Paris, whatever the machine building the site says.
export const SITE_TIME_ZONE = 'Europe/Paris';

const dateTimeParts = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: SITE_TIME_ZONE,
});

const calendarDay = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: SITE_TIME_ZONE,
});

type Part = 'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute';

// A build formats the same few thousand instants again and again (a notice appears on up to seven pages), and
// formatToParts is the costly part: keep its result per instant.
const partsCache = new Map<number, Record<Part, string>>();

function partsOf(instant: Date): Record<Part, string> {
  const key = instant.getTime();
  let parts = partsCache.get(key);
  if (!parts) {
    parts = Object.fromEntries(dateTimeParts.formatToParts(instant).map((p) => [p.type, p.value])) as Record<Part, string>;
    if (partsCache.size > 50_000) partsCache.clear();
    partsCache.set(key, parts);
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
  const p = partsOf(toDate(value));
  return `${p.weekday} ${dayOfMonth(p.day)} ${p.month} ${p.year}`;
}

/** "lundi 14 décembre 2026 à 12 h 00" */
export function formatDateTime(value: Date | string): string {
  const p = partsOf(toDate(value));
  return `${formatLongDate(value)} à ${p.hour} h ${p.minute}`;
}

/** "14 décembre 2026", for tables and dense lists. */
export function formatShortDate(value: Date | string): string {
  const p = partsOf(toDate(value));
  return `${dayOfMonth(p.day)} ${p.month} ${p.year}`;
}

/** A calendar date "YYYY-MM-DD" (as the hub sends award dates) read as a day, without any time zone shift. */
export function formatCalendarDate(isoDay: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) throw new RangeError(`not a calendar date: ${isoDay}`);
  // Noon UTC is the same calendar day in Paris all year round.
  return formatShortDate(new Date(`${isoDay}T12:00:00Z`));
}

const dayCache = new Map<number, string>();

/** The calendar day of an instant in Paris, as "YYYY-MM-DD". */
export function parisDay(value: Date | string): string {
  const instant = toDate(value).getTime();
  let day = dayCache.get(instant);
  if (day === undefined) {
    day = calendarDay.format(instant);
    if (dayCache.size > 50_000) dayCache.clear();
    dayCache.set(instant, day);
  }
  return day;
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
