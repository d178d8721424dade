import { isFrenchPublicHoliday } from '../notices/french-public-holidays.js';
import { addCalendarDays, parisDateOf, startOfParisDay, weekdayOf } from '../shared/paris-calendar.js';

/** A Paris calendar date that is neither a Saturday, a Sunday nor a French public holiday. */
export function isWorkingDay(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !isFrenchPublicHoliday(date);
}

/**
 * When an answer asked at `askedAt` is due: at the end (midnight, Paris) of the `days`-th working day after the
 * day it was asked, that day not counted, as the notices' response times count. Asked on Friday 4 December 2026
 * with 5 working days: due at the end of Friday 11 December.
 */
export function dueAfterWorkingDays(askedAt: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number of at least 1, got ${days}`);
  let day = parisDateOf(askedAt);
  for (let counted = 0; counted < days; ) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day)) counted++;
  }
  return startOfParisDay(addCalendarDays(day, 1));
}

/**
 * Working days from `from` to `to` (Paris calendar), the first day not counted: 0 when answered the day it was
 * asked (or before), 1 the next working day. Week-ends and public holidays in between do not count.
 */
export function workingDaysBetween(from: Date, to: Date): number {
  const last = parisDateOf(to);
  let day = parisDateOf(from);
  let count = 0;
  while (day < last) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day)) count++;
  }
  return count;
}
