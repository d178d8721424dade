import { addCalendarDays, parisDateOf, startOfParisDay } from '../shared/paris-calendar.js';

/** The daily digests leave at 07:00, Paris time. */
export const DIGEST_HOUR = 7;

const HOUR_MS = 3_600_000;
const PARIS_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' });

/** 07:00 in Paris on the Paris day of `now` (right on daylight-saving days too). Pure. */
export function digestTimeOf(now: Date): Date {
  return digestTimeOn(parisDateOf(now));
}

function digestTimeOn(parisDate: string): Date {
  const guess = new Date(startOfParisDay(parisDate).getTime() + DIGEST_HOUR * HOUR_MS);
  const hour = Number(PARIS_HOUR.format(guess));
  return new Date(guess.getTime() + (DIGEST_HOUR - hour) * HOUR_MS);
}

/**
 * When the digest telling what happened at `now` leaves: that day's 07:00 in Paris when it happened before, else
 * the next day's. Pure.
 */
export function nextDigestTime(now: Date): Date {
  const today = parisDateOf(now);
  const todays = digestTimeOn(today);
  return now < todays ? todays : digestTimeOn(addCalendarDays(today, 1));
}
