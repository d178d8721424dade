import { describe, expect, it } from 'vitest';
import { instantOfWallClock, timeZoneOffsetMs, wallClockOf } from './time-zones.js';

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
    [Date.UTC(2026, 2, 29, 1, 59), 'Europe/Paris', '2026-03-29T00:59:00.000Z', 'the last minute before clocks go forward'],
    [Date.UTC(2026, 2, 29, 2, 30), 'Europe/Paris', '2026-03-29T01:30:00.000Z', 'a time the clocks skip, read as an hour later'],
    [Date.UTC(2026, 9, 25, 2, 30), 'Europe/Paris', '2026-10-25T01:30:00.000Z', 'a time shown twice, the later of the two'],
    [Date.UTC(2026, 9, 25, 1, 59), 'Europe/Paris', '2026-10-24T23:59:00.000Z', 'the last minute before the repeated hour'],
    [Date.UTC(2026, 9, 25, 3, 0), 'Europe/Paris', '2026-10-25T02:00:00.000Z', 'the first time after the repeated hour'],
    [Date.UTC(2019, 2, 22, 15, 0), 'Europe/London', '2019-03-22T15:00:00.000Z', 'London in winter'],
  ])('puts the wall clock %d of %s at %s (%s)', (wall, zone, instant) => {
    expect(new Date(instantOfWallClock(wall, zone)).toISOString()).toBe(instant);
  });
});

describe('wallClockOf', () => {
  it.each([
    ['2026-03-31T22:30:00Z', 'Europe/Paris', { year: 2026, month: 4, day: 1, hour: 0, minute: 30, second: 0 }, 'the next Paris day in summer'],
    ['2026-12-31T23:00:00Z', 'Europe/Paris', { year: 2027, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, 'the next Paris year in winter'],
    ['2026-10-25T00:30:00Z', 'Europe/Paris', { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'the first of the repeated hour'],
    ['2026-10-25T01:30:00Z', 'Europe/Paris', { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'the second of the repeated hour'],
    ['2026-07-01T12:00:59Z', 'Europe/London', { year: 2026, month: 7, day: 1, hour: 13, minute: 0, second: 59 }, 'London in summer'],
    ['1900-06-01T12:00:00Z', 'Europe/Paris', { year: 1900, month: 6, day: 1, hour: 12, minute: 9, second: 21 }, 'Paris mean time'],
  ])('reads %s in %s as %j (%s)', (instant, zone, wall) => {
    expect(wallClockOf(Date.parse(instant), zone)).toEqual(wall);
  });

  it('reads back the wall clock an instant was made from', () => {
    for (let hour = 0; hour < 24; hour++) {
      const wall = Date.UTC(2026, 6, 14, hour, 15);
      expect(wallClockOf(instantOfWallClock(wall, 'Europe/Paris'), 'Europe/Paris')).toEqual({ year: 2026, month: 7, day: 14, hour, minute: 15, second: 0 });
    }
  });
});
