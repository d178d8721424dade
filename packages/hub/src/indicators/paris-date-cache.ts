import { addCalendarDays, parisDateOf } from '../shared/paris-calendar.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * `parisDateOf` for many instants, with one time-zone lookup per UTC day instead of one per instant (Intl's
 * formatting was a quarter of the indicators' load at 10,000 notices).
 *
 * Paris is one or two hours ahead of UTC, so an instant of UTC day D is on Paris day D before 22:00 UTC and on D + 1
 * from 23:00 UTC; from 22:00 to 23:00 it depends on the offset at that hour, which one lookup at 22:00 settles. A
 * change of offset happens at 01:00 UTC, long before that hour, so it cannot split it.
 */
export function parisDateCache(): (instant: Date) => string {
  const lateHourIsNextDay = new Map<number, boolean>();
  return (instant) => {
    const epochMs = instant.getTime();
    if (Number.isNaN(epochMs)) return parisDateOf(instant); // throws as parisDateOf does
    const day = Math.floor(epochMs / DAY_MS);
    const utcDate = new Date(day * DAY_MS).toISOString().slice(0, 10);
    const hour = Math.floor((epochMs - day * DAY_MS) / HOUR_MS);
    if (hour < 22) return utcDate;
    if (hour >= 23) return addCalendarDays(utcDate, 1);
    let nextDay = lateHourIsNextDay.get(day);
    if (nextDay === undefined) {
      nextDay = parisDateOf(new Date(day * DAY_MS + 22 * HOUR_MS)) !== utcDate;
      lateHourIsNextDay.set(day, nextDay);
    }
    return nextDay ? addCalendarDays(utcDate, 1) : utcDate;
  };
}
