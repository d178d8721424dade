/**
 * The periodic full build that reconciles whatever the incremental releases may have missed (days left shown on
 * pages, an event the hub could not deliver): once a day at a time of day in Europe/Paris, the territory's time.
 */

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Paris wall-clock fields of an instant. */
function parisFields(at: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(PARIS.formatToParts(new Date(at)).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The instant Paris shows `hour:minute` on the given Paris date (the later one when DST makes it ambiguous). */
function parisInstant(year: number, month: number, day: number, hour: number, minute: number): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let instant = guess;
  // Two corrections reach the offset of the instant itself, whatever the offset of the guess was.
  for (let i = 0; i < 2; i++) {
    const shown = parisFields(instant);
    const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute, shown.second);
    instant = guess - (shownAsUtc - instant);
  }
  return instant;
}

/** The next instant strictly after `now` at which Paris shows `at` ("HH:MM"). */
export function nextFullBuildAt(now: number, at: string): number {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  for (let days = 0; days <= 2; days++) {
    const date = parisFields(now + days * 86_400_000);
    const candidate = parisInstant(date.year, date.month, date.day, hour, minute);
    if (candidate > now) return candidate;
  }
  throw new Error(`no time ${at} in the next two days`);
}
