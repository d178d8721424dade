import { describe, expect, it } from 'vitest';
import { addCalendarDays, parisDateOf, startOfParisDay, weekdayOf } from './paris-calendar.js';

describe('parisDateOf', () => {
  it.each([
    ['2026-03-31T21:59:59.999Z', '2026-03-31', 'one millisecond before midnight in Paris (summer time)'],
    ['2026-03-31T22:00:00.000Z', '2026-04-01', 'midnight in Paris, still 31 March in UTC'],
    ['2026-01-15T22:59:59Z', '2026-01-15', 'winter: Paris is UTC+1'],
    ['2026-01-15T23:00:00Z', '2026-01-16', 'winter midnight'],
    ['2025-12-31T23:30:00Z', '2026-01-01', 'new year in Paris first'],
  ])('dates %s on %s (%s)', (instant, date) => {
    expect(parisDateOf(new Date(instant))).toBe(date);
  });

  it('rejects an invalid Date instead of returning "NaN-NaN-NaN"', () => {
    expect(() => parisDateOf(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('startOfParisDay', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z', 'winter time'],
    ['2026-07-14', '2026-07-13T22:00:00.000Z', 'summer time'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z', 'the day clocks go forward, at 02:00, after midnight'],
    ['2026-03-30', '2026-03-29T22:00:00.000Z', 'the day after clocks go forward'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z', 'the day clocks go back, at 03:00'],
    ['2026-10-26', '2026-10-25T23:00:00.000Z', 'the day after clocks go back'],
  ])('puts midnight of %s at %s (%s)', (date, instant) => {
    expect(startOfParisDay(date).toISOString()).toBe(instant);
    expect(parisDateOf(startOfParisDay(date))).toBe(date);
    expect(parisDateOf(new Date(startOfParisDay(date).getTime() - 1))).toBe(addCalendarDays(date, -1));
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('rejects the malformed date %j', (date) => {
    expect(() => startOfParisDay(date)).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', 35, '2026-04-05'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 2, '2026-03-30'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-04-04', 6],
    ['2026-04-05', 0],
    ['2026-04-06', 1],
  ])('%s is weekday %i', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});
