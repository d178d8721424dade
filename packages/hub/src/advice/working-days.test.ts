import { describe, expect, it } from 'vitest';
import { dueAfterWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.js';

const paris = (local: string) => {
  // Winter dates only below (UTC+1) unless an offset is written.
  return new Date(local.includes('+') || local.endsWith('Z') ? local : `${local}+01:00`);
};

describe('working days in France', () => {
  it.each([
    ['2026-12-04', true], // Friday
    ['2026-12-05', false], // Saturday
    ['2026-12-06', false], // Sunday
    ['2026-12-25', false], // Christmas, a Friday
    ['2027-03-29', false], // Easter Monday 2027
    ['2027-05-06', false], // Ascension 2027
    ['2027-05-17', false], // Whit Monday 2027
    ['2026-07-14', false], // Bastille Day, a Tuesday
    ['2026-07-15', true],
  ])('%s is a working day: %s', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });
});

describe('the due date of an answer', () => {
  it.each([
    ['asked on a Monday, 5 working days: end of the next Monday', '2026-11-30T10:00', 5, '2026-12-08T00:00:00+01:00'],
    ['asked on a Friday: the week-end does not count', '2026-12-04T16:00', 5, '2026-12-12T00:00:00+01:00'],
    ['asked on a Saturday: counted from the Monday', '2026-12-05T11:00', 5, '2026-12-12T00:00:00+01:00'],
    ['asked late in the evening, Paris time, counts from that Paris day', '2026-12-04T23:30', 1, '2026-12-08T00:00:00+01:00'],
    ['Christmas and New Year’s Day are skipped', '2026-12-23T09:00', 5, '2027-01-01T00:00:00+01:00'],
    ['over Christmas and New Year with 7 days', '2026-12-23T09:00', 7, '2027-01-06T00:00:00+01:00'],
    ['Easter Monday and the week-end are skipped', '2027-03-26T09:00', 1, '2027-03-31T00:00:00+02:00'],
    ['Ascension Thursday is skipped', '2027-05-05T09:00+02:00', 2, '2027-05-11T00:00:00+02:00'],
    ['1 and 8 May 2027 fall on Saturdays and change nothing; Ascension does', '2027-04-30T09:00+02:00', 5, '2027-05-11T00:00:00+02:00'],
    ['one working day from Wednesday 10 November 2027 skips the Armistice and ends with Friday 12', '2027-11-10T09:00', 1, '2027-11-13T00:00:00+01:00'],
  ])('%s', (_, askedAt, days, due) => {
    expect(dueAfterWorkingDays(paris(askedAt), days).toISOString()).toBe(new Date(due).toISOString());
  });

  it('crosses the change to summer time at the right Paris midnight', () => {
    // Asked Friday 26 March 2027; Paris moves to UTC+2 on Sunday 28 March; Monday 29 is Easter Monday.
    expect(dueAfterWorkingDays(paris('2027-03-26T09:00'), 2).toISOString()).toBe('2027-03-31T22:00:00.000Z');
  });

  it('refuses a number of days that is not a whole number of at least one', () => {
    expect(() => dueAfterWorkingDays(new Date(), 0)).toThrow(RangeError);
    expect(() => dueAfterWorkingDays(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('working days to an answer', () => {
  it.each([
    ['answered the same day', '2026-12-01T09:00', '2026-12-01T17:00', 0],
    ['answered the next day', '2026-12-01T09:00', '2026-12-02T08:00', 1],
    ['asked Friday, answered Monday: the week-end does not count', '2026-12-04T09:00', '2026-12-07T09:00', 1],
    ['asked on Christmas Eve, answered on 28 December', '2026-12-24T09:00', '2026-12-28T09:00', 1],
    ['asked on a Saturday, answered on the Monday', '2026-12-05T09:00', '2026-12-07T09:00', 1],
    ['answered on the Sunday after a Friday question', '2026-12-04T09:00', '2026-12-06T09:00', 0],
    ['two weeks with a holiday', '2026-12-18T09:00', '2027-01-04T09:00', 9],
  ])('%s: %i', (_, from, to, days) => {
    expect(workingDaysBetween(paris(from), paris(to))).toBe(days);
  });
});
