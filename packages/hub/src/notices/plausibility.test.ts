import { describe, expect, it } from 'vitest';
import {
  MAX_AMOUNT_EUROS,
  amountProblem,
  awardDateProblem,
  calendarDateFormatProblem,
  isPlausibleYear,
  orderDateProblem,
  pastDateProblem,
  plannedInstantProblem,
  plausibleYears,
  publicationDateProblem,
} from './plausibility.js';

// 2026-12-31T23:30:00Z is already 1 January 2027 in Paris.
const NOW = new Date('2026-12-31T23:30:00Z');

describe('plausible amounts', () => {
  it.each([0, 0.01, 1, 39_999.99, 1_234_567.89, MAX_AMOUNT_EUROS])('accepts %d euros', (amount) => {
    expect(amountProblem(amount)).toBeNull();
  });

  it.each([
    [Number.NaN, 'fini'],
    [Number.POSITIVE_INFINITY, 'fini'],
    [Number.NEGATIVE_INFINITY, 'fini'],
    [1e308, 'dépasser'],
    [MAX_AMOUNT_EUROS + 1, 'dépasser'],
    [-0.01, 'positif'],
    [-1e12, 'positif'],
  ])('refuses %d euros (%s)', (amount, reason) => {
    expect(amountProblem(amount)).toContain(reason);
  });

  it('bounds amounts so that ninety thousand of them still sum exactly to the euro, and no total overflows', () => {
    expect(Number.isSafeInteger(MAX_AMOUNT_EUROS * 90_000)).toBe(true);
    expect(Number.isFinite(MAX_AMOUNT_EUROS * 1e200)).toBe(true);
  });
});

describe('plausible calendar dates', () => {
  it.each(['2026-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00:00Z', '', ' 2026-01-01', 'NaN'])(
    'refuses %j as a calendar date',
    (date) => {
      expect(calendarDateFormatProblem(date)).toBe('doit être une date écrite AAAA-MM-JJ');
    },
  );

  it('accepts past facts from 1 January 2000 to today in Paris, whatever UTC says', () => {
    expect(pastDateProblem('2000-01-01', NOW)).toBeNull();
    expect(pastDateProblem('2027-01-01', NOW)).toBeNull();
    expect(pastDateProblem('1999-12-31', NOW)).toContain('ne peut précéder le 1 janvier 2000');
    expect(pastDateProblem('1900-01-01', NOW)).toContain('ne peut précéder');
    expect(pastDateProblem('2027-01-02', NOW)).toBe('ne peut être dans le futur (au plus tard le 1 janvier 2027)');
    expect(pastDateProblem('2150-01-01', NOW)).toContain('futur');
  });

  it('reads a publication instant as its Paris day', () => {
    expect(publicationDateProblem(new Date('2026-12-31T23:30:00Z'), NOW)).toBeNull();
    expect(publicationDateProblem(new Date('2027-01-01T23:30:00Z'), NOW)).toContain('futur');
    expect(publicationDateProblem(new Date(Number.NaN), NOW)).toBe('doit être une date');
    expect(publicationDateProblem('1999-06-01', NOW)).toContain('précéder');
  });
});

describe('award and order dates', () => {
  const publishedAt = new Date('2026-03-31T22:30:00Z'); // 1 April 2026 in Paris

  it('accepts an award on the Paris day of publication or later, up to today', () => {
    expect(awardDateProblem('2026-04-01', publishedAt, NOW)).toBeNull();
    expect(awardDateProblem('2027-01-01', publishedAt, NOW)).toBeNull();
    expect(awardDateProblem('2026-03-31', publishedAt, NOW)).toBe('ne peut précéder la publication de l’avis (le 1 avril 2026)');
  });

  it('refuses an award in the future, before 2000 or badly written, published notice or not', () => {
    for (const published of [publishedAt, '2026-04-01', null]) {
      expect(awardDateProblem('2150-01-01', published, NOW)).toContain('futur');
      expect(awardDateProblem('1900-01-01', published, NOW)).toContain('précéder le 1 janvier 2000');
      expect(awardDateProblem('01/04/2026', published, NOW)).toContain('AAAA-MM-JJ');
    }
    expect(awardDateProblem('2001-01-01', null, NOW)).toBeNull();
  });

  it('accepts an order from the award of its agreement to today', () => {
    expect(orderDateProblem('2026-05-01', '2026-05-01', NOW)).toBeNull();
    expect(orderDateProblem('2026-04-30', '2026-05-01', NOW)).toContain('ne peut précéder l’attribution');
    expect(orderDateProblem('2027-01-02', '2026-05-01', NOW)).toContain('futur');
    expect(orderDateProblem('2026-04-30', null, NOW)).toBeNull();
  });
});

describe('planned instants (deadlines, sessions)', () => {
  it('accepts instants from 2000 to five years ahead, past ones included', () => {
    expect(plannedInstantProblem(new Date('2000-01-01T00:00:00+01:00'), NOW)).toBeNull();
    expect(plannedInstantProblem(new Date('2026-01-15T12:00:00Z'), NOW)).toBeNull();
    expect(plannedInstantProblem(new Date('2031-12-31T23:30:00Z'), NOW)).toBeNull();
  });

  it('refuses instants before 2000, more than five years ahead, or invalid', () => {
    expect(plannedInstantProblem(new Date('1999-12-31T22:00:00Z'), NOW)).toContain('précéder');
    expect(plannedInstantProblem(new Date('2031-12-31T23:30:01Z'), NOW)).toContain('5 ans');
    expect(plannedInstantProblem(new Date('2150-01-01T00:00:00Z'), NOW)).toContain('5 ans');
    expect(plannedInstantProblem(new Date(Number.NaN), NOW)).toBe('doit être une date');
  });
});

describe('indicator years', () => {
  it('are 2000 to the current Paris year', () => {
    expect(plausibleYears(NOW)).toEqual({ first: 2000, last: 2027 });
    expect([1999, 2000, 2027, 2028, 1900, 2150, 2026.5].map((year) => isPlausibleYear(year, NOW))).toEqual([
      false, true, true, false, false, false, false,
    ]);
  });

  it('contain the year of every plausible past fact', () => {
    for (const date of ['2000-01-01', '2013-07-14', '2027-01-01']) {
      expect(pastDateProblem(date, NOW)).toBeNull();
      expect(isPlausibleYear(Number(date.slice(0, 4)), NOW)).toBe(true);
    }
  });
});
