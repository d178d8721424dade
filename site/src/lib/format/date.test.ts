import { describe, expect, it } from 'vitest';
import {
  daysLeft,
  formatCalendarDate,
  formatDateTime,
  formatDaysLeft,
  formatLongDate,
  formatShortDate,
  parisDay,
  parisParts,
} from './date.js';

describe('French dates in Europe/Paris', () => {
  it.each([
    ['2026-12-14T11:00:00.000Z', 'lundi 14 décembre 2026 à 12 h 00'],
    // Summer time: UTC+2.
    ['2026-07-14T08:30:00Z', 'mardi 14 juillet 2026 à 10 h 30'],
    // Late UTC evening is already the next day in Paris.
    ['2026-12-31T23:15:00Z', 'vendredi 1er janvier 2027 à 00 h 15'],
    // The first of the month is written as an ordinal.
    ['2026-12-01T16:05:00Z', 'mardi 1er décembre 2026 à 17 h 05'],
    // An offset other than Z is read as the same instant.
    ['2026-12-14T12:00:00+01:00', 'lundi 14 décembre 2026 à 12 h 00'],
  ])('formats the instant %s as "%s"', (instant, expected) => {
    expect(formatDateTime(instant)).toBe(expected);
  });

  it('formats dates without the time, long and short', () => {
    expect(formatLongDate('2026-12-14T11:00:00Z')).toBe('lundi 14 décembre 2026');
    expect(formatShortDate(new Date('2026-03-01T10:00:00Z'))).toBe('1er mars 2026');
  });

  it('reads an award date as a calendar day, whatever the time zone', () => {
    expect(formatCalendarDate('2026-07-03')).toBe('3 juillet 2026');
    expect(() => formatCalendarDate('03/07/2026')).toThrow(RangeError);
  });

  it('refuses what is not a date rather than printing "Invalid Date"', () => {
    expect(() => formatDateTime('demain')).toThrow(RangeError);
  });

  it('gives the Paris calendar day of an instant', () => {
    expect(parisDay('2026-12-31T23:15:00Z')).toBe('2027-01-01');
    expect(parisDay('2026-06-30T21:59:00Z')).toBe('2026-06-30');
  });
});

describe('days left before a deadline', () => {
  const deadline = '2026-12-14T11:00:00.000Z'; // lundi 14 décembre, 12 h 00 à Paris

  it.each([
    ['2026-12-14T08:00:00Z', 0, 'dernier jour'],
    ['2026-12-13T23:01:00Z', 0, 'dernier jour'], // already Monday in Paris
    ['2026-12-13T12:00:00Z', 1, 'encore 1 jour'],
    ['2026-12-04T12:00:00Z', 10, 'encore 10 jours'],
    ['2026-12-14T11:00:00Z', 0, 'date limite dépassée'],
    ['2026-12-15T09:00:00Z', -1, 'date limite dépassée'],
  ])('at %s, counts %i calendar days and reads "%s"', (now, days, text) => {
    expect(daysLeft(deadline, new Date(now))).toBe(days);
    expect(formatDaysLeft(deadline, new Date(now))).toBe(text);
  });

  it('counts calendar days across the change to winter time', () => {
    // 25 October 2026 has 25 hours in Paris.
    expect(daysLeft('2026-10-26T11:00:00Z', new Date('2026-10-24T10:00:00Z'))).toBe(2);
  });
});

describe('the Paris wall clock the dates are written from', () => {
  /** What Intl itself writes of an instant, in the words formatDateTime uses. */
  function fromIntl(instant: number): string {
    const p = Object.fromEntries(parisParts.formatToParts(instant).map((part) => [part.type, part.value]));
    return `${p.weekday} ${p.day === '1' ? '1er' : p.day} ${p.month} ${p.year} à ${p.hour} h ${p.minute}`;
  }

  it('is Intl\'s, minute for minute, around every change of the clocks from 2000 to 2040', () => {
    for (let instant = Date.UTC(2000, 0, 1); instant < Date.UTC(2040, 0, 1); instant += 3_600_000) {
      // The changes fall on 01:00 UTC; check the minutes about every hour of the last Sundays of March and October.
      const at = new Date(instant);
      if (at.getUTCDay() !== 0 || at.getUTCDate() < 25 || (at.getUTCMonth() !== 2 && at.getUTCMonth() !== 9)) continue;
      for (const delta of [-60_001, -1, 0, 1, 59_999, 1_800_000]) {
        expect(formatDateTime(new Date(instant + delta))).toBe(fromIntl(instant + delta));
      }
    }
  });

  it('is Intl\'s for instants spread over fifty years, and gives the same day as Intl', () => {
    // A fixed sequence (a linear congruential generator), so a failure names an instant that fails again.
    let seed = 12_345;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Paris' });
    for (let n = 0; n < 20_000; n++) {
      const instant = Math.floor(Date.UTC(1990, 0, 1) + next() * 50 * 365.25 * 86_400_000);
      expect(formatDateTime(new Date(instant))).toBe(fromIntl(instant));
      expect(parisDay(new Date(instant).toISOString())).toBe(day.format(instant));
    }
  });
});
