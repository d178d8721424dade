import { describe, expect, it } from 'vitest';
import { isFrenchPublicHoliday } from './french-public-holidays.js';
import {
  DEFAULT_ADAPTED_REASONABLE_DAYS,
  earliestDeadline,
  minimumResponseDays,
  PROCEDURES,
  RESPONSE_TIME_RULES,
  type Procedure,
} from './response-times.js';
import { addCalendarDays, parisDateOf, startOfParisDay, weekdayOf } from '../shared/paris-calendar.js';

const electronic = { electronicSubmission: true, adaptedReasonableDays: 20 };
const paper = { electronicSubmission: false, adaptedReasonableDays: 20 };

describe('RESPONSE_TIME_RULES', () => {
  it('has one rule per procedure, each citing the code de la commande publique', () => {
    expect(Object.keys(RESPONSE_TIME_RULES)).toEqual([...PROCEDURES]);
    for (const procedure of PROCEDURES) {
      const rule = RESPONSE_TIME_RULES[procedure];
      expect(rule.procedure).toBe(procedure);
      expect(rule.labelFr).not.toBe('');
      expect(rule.explanationFr).toMatch(/\.$/);
      expect(rule.articles.length).toBeGreaterThan(0);
      for (const article of rule.articles) expect(article).toMatch(/^R\d{4}-\d+( à R\d{4}-\d+)?$/);
    }
  });

  it('is frozen, so the figures cannot drift at run time', () => {
    expect(Object.isFrozen(RESPONSE_TIME_RULES)).toBe(true);
  });

  it('defaults the reasonable delay of a procédure adaptée to 20 days', () => {
    expect(DEFAULT_ADAPTED_REASONABLE_DAYS).toBe(20);
    expect(RESPONSE_TIME_RULES.ADAPTED.minimum).toEqual({ kind: 'reasonable', defaultDays: 20 });
  });
});

describe('minimumResponseDays', () => {
  it.each<[Procedure, number, number]>([
    ['OPEN', 35, 30],
    ['RESTRICTED', 30, 30],
    ['NEGOTIATED', 30, 30],
    ['COMPETITIVE_DIALOGUE', 30, 30],
    ['ADAPTED', 20, 20],
    ['NEGOTIATED_WITHOUT_PUBLICATION', 0, 0],
  ])('%s: %i days on paper, %i with electronic submission', (procedure, onPaper, withElectronic) => {
    expect(minimumResponseDays(procedure, paper)).toBe(onPaper);
    expect(minimumResponseDays(procedure, electronic)).toBe(withElectronic);
  });

  it('applies the configured reasonable delay to a procédure adaptée only', () => {
    const opts = { electronicSubmission: true, adaptedReasonableDays: 15 };
    expect(minimumResponseDays('ADAPTED', opts)).toBe(15);
    expect(minimumResponseDays('OPEN', opts)).toBe(30);
    expect(minimumResponseDays('ADAPTED', { electronicSubmission: true })).toBe(20);
  });

  it.each([0, -5, 1.5, Number.NaN, 366])('rejects %d as a reasonable delay', (days) => {
    expect(() => minimumResponseDays('ADAPTED', { electronicSubmission: true, adaptedReasonableDays: days })).toThrow(RangeError);
  });
});

describe('earliestDeadline', () => {
  it.each<[string, string, Procedure, typeof electronic, string]>([
    ['2026-03-02T09:00:00Z', 'Monday 2 March, 30 days: 3 March to Wednesday 1 April', 'OPEN', electronic, '2026-04-01T22:00:00.000Z'],
    ['2026-03-02T09:00:00Z', '35 days end on Easter Monday 6 April, moved to Tuesday 7', 'OPEN', paper, '2026-04-07T22:00:00.000Z'],
    ['2026-03-02T23:30:00Z', 'published at 00:30 in Paris on 3 March: that day does not count', 'OPEN', electronic, '2026-04-02T22:00:00.000Z'],
    ['2026-03-02T09:00:00Z', '20 days end on Sunday 22 March, moved to Monday 23 (winter time)', 'ADAPTED', electronic, '2026-03-23T23:00:00.000Z'],
    ['2026-03-20T09:00:00Z', '30 days across the change to summer time, ending Sunday 19 April', 'RESTRICTED', electronic, '2026-04-20T22:00:00.000Z'],
    ['2026-04-01T09:00:00Z', '30 days end on Friday 1 May, a holiday before a weekend', 'NEGOTIATED', electronic, '2026-05-04T22:00:00.000Z'],
    ['2026-11-25T09:00:00Z', '30 days end on Christmas, a Friday', 'COMPETITIVE_DIALOGUE', electronic, '2026-12-28T23:00:00.000Z'],
  ])('published %s (%s): %s closes no earlier than %s', (publishedAt, _why, procedure, opts, expected) => {
    expect(earliestDeadline(new Date(publishedAt), procedure, opts).toISOString()).toBe(expected);
  });

  it('sets no minimum for a negotiated procedure without publication', () => {
    const publishedAt = new Date('2026-06-10T08:15:00Z');
    const deadline = earliestDeadline(publishedAt, 'NEGOTIATED_WITHOUT_PUBLICATION', electronic);
    expect(deadline.getTime()).toBe(publishedAt.getTime());
    expect(deadline).not.toBe(publishedAt);
  });

  it('uses the configured reasonable delay of a procédure adaptée', () => {
    const publishedAt = new Date('2026-06-01T08:00:00Z');
    const fifteen = earliestDeadline(publishedAt, 'ADAPTED', { electronicSubmission: true, adaptedReasonableDays: 15 });
    expect(fifteen.toISOString()).toBe('2026-06-16T22:00:00.000Z');
  });

  it('rejects an invalid publication date', () => {
    expect(() => earliestDeadline(new Date('nope'), 'OPEN', electronic)).toThrow(RangeError);
  });

  it('always leaves the full minimum, ending after a working day, at midnight in Paris (every day of 2026 and 2027)', () => {
    for (let day = '2026-01-01'; day <= '2027-12-31'; day = addCalendarDays(day, 1)) {
      const publishedAt = new Date(startOfParisDay(day).getTime() + 17 * 3_600_000);
      for (const procedure of PROCEDURES) {
        const days = minimumResponseDays(procedure, electronic);
        if (days === 0) continue;
        const deadline = earliestDeadline(publishedAt, procedure, electronic);
        const closingDay = parisDateOf(deadline);
        const lastDay = addCalendarDays(closingDay, -1);
        expect(deadline.getTime()).toBe(startOfParisDay(closingDay).getTime());
        expect(lastDay >= addCalendarDays(day, days)).toBe(true);
        expect(weekdayOf(lastDay) !== 0 && weekdayOf(lastDay) !== 6 && !isFrenchPublicHoliday(lastDay)).toBe(true);
        // Extended only over days off: the day before the last day is either the Nth day or a day off.
        const previous = addCalendarDays(lastDay, -1);
        const dayOff = weekdayOf(previous) === 0 || weekdayOf(previous) === 6 || isFrenchPublicHoliday(previous);
        expect(lastDay === addCalendarDays(day, days) || dayOff).toBe(true);
      }
    }
  });
});
