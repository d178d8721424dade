import { describe, expect, it } from 'vitest';
import { nextFullBuildAt } from './full-build-schedule.js';

describe('the periodic full build', () => {
  it('runs later the same day in Paris when the time has not come yet', () => {
    // 01:00 in Paris (UTC+1 in winter).
    expect(new Date(nextFullBuildAt(Date.parse('2026-12-05T00:00:00Z'), '03:30')).toISOString()).toBe('2026-12-05T02:30:00.000Z');
  });

  it('runs the next day once the time has passed, and never at the very instant asked', () => {
    expect(new Date(nextFullBuildAt(Date.parse('2026-12-05T02:30:00Z'), '03:30')).toISOString()).toBe('2026-12-06T02:30:00.000Z');
    expect(new Date(nextFullBuildAt(Date.parse('2026-12-05T12:00:00Z'), '03:30')).toISOString()).toBe('2026-12-06T02:30:00.000Z');
  });

  it('follows summer time (UTC+2)', () => {
    expect(new Date(nextFullBuildAt(Date.parse('2026-07-01T12:00:00Z'), '03:30')).toISOString()).toBe('2026-07-02T01:30:00.000Z');
  });

  it('keeps the Paris time of day across the change to summer time', () => {
    // 29 March 2026: 02:00 becomes 03:00 in Paris.
    expect(new Date(nextFullBuildAt(Date.parse('2026-03-28T12:00:00Z'), '03:30')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(nextFullBuildAt(Date.parse('2026-03-28T12:00:00Z'), '23:00')).toISOString()).toBe('2026-03-28T22:00:00.000Z');
  });

  it('runs a time the clocks skip an hour later, and a time they show twice once, at its second showing', () => {
    // 29 March 2026: Paris goes from 02:00 to 03:00, so 02:30 is never shown; 03:30 (summer time) is 01:30 UTC.
    expect(new Date(nextFullBuildAt(Date.parse('2026-03-28T12:00:00Z'), '02:30')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 2026: Paris shows 02:30 at 00:30 UTC (summer time), then again at 01:30 UTC (winter time).
    expect(new Date(nextFullBuildAt(Date.parse('2026-10-24T12:00:00Z'), '02:30')).toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(new Date(nextFullBuildAt(Date.parse('2026-10-25T01:30:00Z'), '02:30')).toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });
});
