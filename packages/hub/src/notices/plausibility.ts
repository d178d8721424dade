import { parisDateOf } from '../shared/paris-calendar.js';

/**
 * Which dates and amounts the hub accepts, wherever they enter (the API's services and the importers): a record that
 * passes here cannot break a public figure or page. Each rule is pure, takes "now" from the caller's clock, and
 * answers null (plausible) or the reason in French, without the field's name, so the caller names its own field:
 * `badInput('awardedOn', reason)` in a service, "record 12: awardedOn …" in an importer.
 *
 * The bounds, and why:
 * - Dates from 1 January 2000 ({@link FIRST_PLAUSIBLE_DATE}): electronic publication of French public notices
 *   (BOAMP, TED, then DECP from 2019) starts after it; an earlier date is a typing or parsing error (1900-01-01 is a
 *   spreadsheet's empty cell).
 * - Publication, award and order dates are facts: never after today (Paris calendar day of the injected clock).
 * - An award follows the publication of its notice (same day allowed); an order follows the award of its framework
 *   agreement.
 * - Deadlines and training sessions lie ahead, but at most {@link FUTURE_HORIZON_YEARS} years after now: the longest
 *   procedures (dialogue compétitif) take months, not years.
 * - Amounts (euros excl. VAT) are finite, zero or more, and at most {@link MAX_AMOUNT_EUROS}, 100 billion euros: ten
 *   times the largest public contract signed in France. A total of ninety thousand such amounts is still exact to the
 *   euro in a double, and no total of stored amounts can overflow to Infinity.
 * - Indicator years are the years a plausible publication or award can fall in: 2000 to the current Paris year.
 */
export const FIRST_PLAUSIBLE_DATE = '2000-01-01';
export const FIRST_PLAUSIBLE_YEAR = 2000;
export const FUTURE_HORIZON_YEARS = 5;
export const MAX_AMOUNT_EUROS = 100_000_000_000;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const euros = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** Null when the amount is plausible; else why not. */
export function amountProblem(amount: number): string | null {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return 'doit être un nombre fini';
  if (amount < 0) return 'doit être positif ou nul';
  if (amount > MAX_AMOUNT_EUROS) return `ne peut dépasser ${euros.format(MAX_AMOUNT_EUROS)} € (montant invraisemblable)`;
  return null;
}

export const isPlausibleAmount = (amount: number): boolean => amountProblem(amount) === null;

/** Today's calendar date in Paris, by the caller's clock. */
export const parisToday = (now: Date): string => parisDateOf(now);

/** The latest plausible instant ahead of now (deadlines, sessions). */
export function futureHorizon(now: Date): Date {
  const horizon = new Date(now.getTime());
  horizon.setUTCFullYear(horizon.getUTCFullYear() + FUTURE_HORIZON_YEARS);
  return horizon;
}

/** Null when `date` is a real calendar date written YYYY-MM-DD; else why not. */
export function calendarDateFormatProblem(date: string): string | null {
  const match = typeof date === 'string' ? CALENDAR_DATE.exec(date) : null;
  const utc = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== date) return 'doit être une date écrite AAAA-MM-JJ';
  return null;
}

/** A past fact (publication, award, order): a calendar date from 2000-01-01 to today. Null when plausible. */
export function pastDateProblem(date: string, now: Date): string | null {
  const format = calendarDateFormatProblem(date);
  if (format) return format;
  if (date < FIRST_PLAUSIBLE_DATE) return `ne peut précéder le ${frenchDate(FIRST_PLAUSIBLE_DATE)}`;
  const today = parisToday(now);
  if (date > today) return `ne peut être dans le futur (au plus tard le ${frenchDate(today)})`;
  return null;
}

/** A publication date (an instant, or a Paris calendar date). Null when plausible. */
export function publicationDateProblem(publishedAt: Date | string, now: Date): string | null {
  const date = typeof publishedAt === 'string' ? publishedAt : instantDate(publishedAt);
  return date === null ? 'doit être une date' : pastDateProblem(date, now);
}

/**
 * An award decision: a plausible past date, on or after the publication of its notice (its Paris calendar day) when
 * the notice was published. Null when plausible.
 */
export function awardDateProblem(awardedOn: string, publishedAt: Date | string | null, now: Date): string | null {
  const past = pastDateProblem(awardedOn, now);
  if (past) return past;
  const published = publishedAt === null ? null : typeof publishedAt === 'string' ? publishedAt : instantDate(publishedAt);
  if (published !== null && awardedOn < published) {
    return `ne peut précéder la publication de l’avis (le ${frenchDate(published)})`;
  }
  return null;
}

/** An order under a framework agreement: a plausible past date, on or after the award. Null when plausible. */
export function orderDateProblem(orderedOn: string, awardedOn: string | null, now: Date): string | null {
  const past = pastDateProblem(orderedOn, now);
  if (past) return past;
  if (awardedOn !== null && orderedOn < awardedOn) return `ne peut précéder l’attribution de l’accord-cadre (le ${frenchDate(awardedOn)})`;
  return null;
}

/**
 * An instant planned ahead (a submission deadline, a training session): from 2000-01-01 to
 * {@link FUTURE_HORIZON_YEARS} years after now. It may be past (a draft is prepared late, a session is recorded
 * afterwards): the rules of publication decide whether it is far enough ahead. Null when plausible.
 */
export function plannedInstantProblem(at: Date, now: Date): string | null {
  const date = instantDate(at);
  if (date === null) return 'doit être une date';
  if (date < FIRST_PLAUSIBLE_DATE) return `ne peut précéder le ${frenchDate(FIRST_PLAUSIBLE_DATE)}`;
  const horizon = futureHorizon(now);
  if (at.getTime() > horizon.getTime()) {
    return `ne peut dépasser ${FUTURE_HORIZON_YEARS} ans à partir d’aujourd’hui (au plus tard le ${frenchDate(parisDateOf(horizon))})`;
  }
  return null;
}

/** The years `indicators(year:)` answers for, and the only ones `indicatorYears` lists: 2000 to the current year. */
export function plausibleYears(now: Date): { first: number; last: number } {
  return { first: FIRST_PLAUSIBLE_YEAR, last: Number(parisToday(now).slice(0, 4)) };
}

export function isPlausibleYear(year: number, now: Date): boolean {
  const { first, last } = plausibleYears(now);
  return Number.isInteger(year) && year >= first && year <= last;
}

function instantDate(at: Date): string | null {
  return at instanceof Date && !Number.isNaN(at.getTime()) ? parisDateOf(at) : null;
}

/** "2026-04-01" → "1 avril 2026", UTC on purpose: the string already is the Paris calendar day. */
function frenchDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
}
