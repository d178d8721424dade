/**
 * How far a time zone's wall clock is ahead of UTC at an instant, the wall clock an instant shows there, and the
 * instant a wall-clock time names there. Built on Intl (ICU time-zone data), so daylight-saving changes need no
 * hand-kept table. The hub's Paris calendar and importers (dates read in the buyer's time zone) and the publisher's
 * daily full build (a time of day in Paris) all use this one implementation.
 */

// Building a DateTimeFormat costs far more than using one: one per time zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Asked of Intl: the offset in milliseconds at this instant (to the second; local mean times have seconds). */
function offsetFromIntl(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(whole)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - whole;
}

/**
 * Since 1980 the European zones read here change their offset only at whole UTC hours (daylight saving starts
 * and ends at 01:00 UTC), so the offset is asked of Intl once per zone and hour of time and kept: an import of a
 * million rows reads millions of dates. Before 1980 (other rules, local mean time) every instant is asked of Intl.
 */
const HOURLY_RULES_FROM = Date.UTC(1980, 0, 1);
const HOUR_MS = 3_600_000;
const byZone = new Map<string, Map<number, number>>();

/** Milliseconds the zone's wall clock is ahead of UTC at this instant (Paris: 3,600,000 in winter, 7,200,000 in summer). */
export function timeZoneOffsetMs(epochMs: number, timeZone: string): number {
  if (epochMs < HOURLY_RULES_FROM) return offsetFromIntl(epochMs, timeZone);
  let byHour = byZone.get(timeZone);
  if (!byHour) byZone.set(timeZone, (byHour = new Map()));
  const hour = Math.floor(epochMs / HOUR_MS);
  let offset = byHour.get(hour);
  if (offset === undefined) {
    offset = offsetFromIntl(hour * HOUR_MS, timeZone);
    if (byHour.size >= 100_000) byHour.clear();
    byHour.set(hour, offset);
  }
  return offset;
}

/** A wall-clock reading: month 1 to 12, hour 0 to 23. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What the zone's clock shows at this instant (2026-03-31T22:30:00Z in Europe/Paris: 1 April 2026, 00:30:00). */
export function wallClockOf(epochMs: number, timeZone: string): WallClock {
  const wall = new Date(epochMs + timeZoneOffsetMs(epochMs, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/**
 * The instant at which the zone's clock shows this wall-clock time, given as if it were UTC (`Date.UTC(2026, 3, 1,
 * 9, 30)` for 1 April 2026 at 09:30). Two steps, so a time near a change of offset takes the offset in force then: a
 * time shown twice (clocks going back) is the later of the two instants; a time the clocks skip (going forward) is
 * read with the offset of before the change, so it falls as far after the change (Paris 02:30 → 03:30).
 */
export function instantOfWallClock(wallAsUtcMs: number, timeZone: string): number {
  const guess = wallAsUtcMs - timeZoneOffsetMs(wallAsUtcMs, timeZone);
  return wallAsUtcMs - timeZoneOffsetMs(guess, timeZone);
}
