import { describe, expect, it } from 'vitest';
import { digestTimeOf } from './alert-digest.js';

describe('the time of the daily digest', () => {
  it.each([
    ['a winter morning', '2026-12-02T05:59:00Z', '2026-12-02T06:00:00Z'],
    ['a winter evening', '2026-12-02T22:30:00Z', '2026-12-02T06:00:00Z'],
    ['just after midnight in Paris, still the previous day in UTC', '2026-12-02T23:30:00Z', '2026-12-03T06:00:00Z'],
    ['a summer day', '2027-07-14T12:00:00Z', '2027-07-14T05:00:00Z'],
    ['the day clocks go forward', '2027-03-28T10:00:00Z', '2027-03-28T05:00:00Z'],
    ['the day clocks go back', '2027-10-31T10:00:00Z', '2027-10-31T06:00:00Z'],
  ])('is 07:00 in Paris on %s', (_what, now, expected) => {
    expect(digestTimeOf(new Date(now)).toISOString()).toBe(new Date(expected).toISOString());
  });
});
