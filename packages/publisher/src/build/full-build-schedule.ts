/**
 * The periodic full build that reconciles whatever the incremental releases may have missed (days left shown on
 * pages, an event the hub could not deliver): once a day at a time of day in Europe/Paris, the territory's time.
 */
import { instantOfWallClock, wallClockOf } from '@territoire-achats/time-zones';

const PARIS = 'Europe/Paris';
const DAY_MS = 86_400_000;

/**
 * The next instant strictly after `now` at which Paris shows `at` ("HH:MM"): on a day the clocks skip that time, an
 * hour after it; on a day they show it twice, at the second showing.
 */
export function nextFullBuildAt(now: number, at: string): number {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  for (let days = 0; days <= 2; days++) {
    const date = wallClockOf(now + days * DAY_MS, PARIS);
    const candidate = instantOfWallClock(Date.UTC(date.year, date.month - 1, date.day, hour, minute), PARIS);
    if (candidate > now) return candidate;
  }
  throw new Error(`no time ${at} in the next two days`);
}
