import { describe, expect, it } from 'vitest';
import { easterSunday, frenchPublicHolidays, isFrenchPublicHoliday } from './french-public-holidays.js';

describe('easterSunday', () => {
  it.each([
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('falls in %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('frenchPublicHolidays', () => {
  it('lists the eleven public holidays of 2026', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it.each([
    ['2026-04-06', true, 'Easter Monday'],
    ['2026-05-14', true, 'Ascension'],
    ['2026-05-25', true, 'Whit Monday'],
    ['2026-07-14', true, 'Bastille Day'],
    ['2026-04-05', false, 'Easter Sunday is a Sunday, not a holiday of its own'],
    ['2026-12-26', false, 'Saint Stephen’s day is only a holiday in Alsace-Moselle'],
    ['2026-05-09', false, 'an ordinary Saturday'],
  ])('%s is a holiday: %s (%s)', (date, expected) => {
    expect(isFrenchPublicHoliday(date)).toBe(expected);
  });
});
