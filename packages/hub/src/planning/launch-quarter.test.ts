import { describe, expect, it } from 'vitest';
import { compareQuarters, parseQuarterKey, quarterEnd, quarterKey, quarterOf, quarterStart } from './launch-quarter.js';

describe('launch quarters', () => {
  it.each([
    ['2026-12-31T22:59:59Z', { year: 2026, quarter: 4 }],
    // Paris is an hour ahead in winter: 23:00 UTC on 31 December is already the new year there.
    ['2026-12-31T23:00:00Z', { year: 2027, quarter: 1 }],
    ['2027-03-31T21:59:59Z', { year: 2027, quarter: 1 }],
    // Summer time from 28 March 2027: two hours ahead.
    ['2027-03-31T22:00:00Z', { year: 2027, quarter: 2 }],
    ['2027-07-01T08:00:00Z', { year: 2027, quarter: 3 }],
    ['2027-10-01T00:00:00Z', { year: 2027, quarter: 4 }],
  ])('%s falls in %j in Paris', (instant, expected) => {
    expect(quarterOf(new Date(instant))).toEqual(expected);
  });

  it('a quarter starts and ends at midnight in Paris, the fourth ending when the next year begins', () => {
    expect(quarterStart({ year: 2027, quarter: 2 }).toISOString()).toBe('2027-03-31T22:00:00.000Z');
    expect(quarterEnd({ year: 2027, quarter: 1 }).toISOString()).toBe('2027-03-31T22:00:00.000Z');
    expect(quarterEnd({ year: 2027, quarter: 4 }).toISOString()).toBe('2027-12-31T23:00:00.000Z');
    expect(quarterStart({ year: 2027, quarter: 1 }).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('orders quarters by year, then by quarter', () => {
    expect(compareQuarters({ year: 2026, quarter: 4 }, { year: 2027, quarter: 1 })).toBeLessThan(0);
    expect(compareQuarters({ year: 2027, quarter: 3 }, { year: 2027, quarter: 2 })).toBeGreaterThan(0);
    expect(compareQuarters({ year: 2027, quarter: 2 }, { year: 2027, quarter: 2 })).toBe(0);
  });

  it.each([
    ['2027-T2', { year: 2027, quarter: 2 }],
    ['2027-t4', { year: 2027, quarter: 4 }],
    [' 2027-Q1 ', { year: 2027, quarter: 1 }],
    ['2027-T5', null],
    ['2027-T0', null],
    ['27-T1', null],
    ['1999-T1', null],
    ['2027T1', null],
  ])('the key %j reads as %j', (key, expected) => {
    expect(parseQuarterKey(key)).toEqual(expected);
  });

  it('writes keys that read back as the same quarter', () => {
    for (const quarter of [1, 2, 3, 4] as const) expect(parseQuarterKey(quarterKey({ year: 2030, quarter }))).toEqual({ year: 2030, quarter });
  });
});
