import { describe, expect, it } from 'vitest';
import { instantOfWallClock, timeZoneOffsetMs } from './time-zones.js';

const HOUR = 3_600_000;

describe('timeZoneOffsetMs', () => {
  it.each([
    ['2026-03-29T00:59:59Z', 'Europe/Paris', 1, 'Paris, the last second of winter time'],
    ['2026-03-29T01:00:00Z', 'Europe/Paris', 2, 'Paris, summer time from 01:00 UTC'],
    ['2026-10-25T00:59:59Z', 'Europe/Paris', 2, 'Paris, the last second of summer time'],
    ['2026-10-25T01:00:00Z', 'Europe/Paris', 1, 'Paris, winter time again'],
    ['2026-07-01T12:00:00Z', 'Europe/London', 1, 'London in summer'],
    ['2026-01-01T12:00:00Z', 'Europe/London', 0, 'London in winter'],
  ])('at %s in %s is %d hour(s) (%s)', (instant, zone, hours) => {
    expect(timeZoneOffsetMs(Date.parse(instant), zone)).toBe(hours * HOUR);
  });

  it('gives each zone its own offset at the same hour, though both are kept per hour', () => {
    const at = Date.parse('2026-07-01T12:00:00Z');
    expect(timeZoneOffsetMs(at, 'Europe/Paris')).toBe(2 * HOUR);
    expect(timeZoneOffsetMs(at, 'Europe/London')).toBe(HOUR);
    expect(timeZoneOffsetMs(at + 1_000, 'Europe/Paris')).toBe(2 * HOUR);
  });

  it('asks for every instant before 1980, when offsets did not change at whole hours (Paris kept local mean time until 1911)', () => {
    expect(timeZoneOffsetMs(Date.parse('1900-06-01T12:00:00Z'), 'Europe/Paris')).toBe(9 * 60_000 + 21_000);
  });
});

describe('instantOfWallClock', () => {
  it.each([
    [Date.UTC(2026, 0, 15, 0, 0), 'Europe/Paris', '2026-01-14T23:00:00.000Z', 'midnight in winter'],
    [Date.UTC(2026, 6, 14, 0, 0), 'Europe/Paris', '2026-07-13T22:00:00.000Z', 'midnight in summer'],
    [Date.UTC(2026, 2, 29, 3, 30), 'Europe/Paris', '2026-03-29T01:30:00.000Z', 'just after clocks go forward'],
    [Date.UTC(2019, 2, 22, 15, 0), 'Europe/London', '2019-03-22T15:00:00.000Z', 'London in winter'],
  ])('puts the wall clock %d of %s at %s (%s)', (wall, zone, instant) => {
    expect(new Date(instantOfWallClock(wall, zone)).toISOString()).toBe(instant);
  });
});
