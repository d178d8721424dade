import { describe, expect, it } from 'vitest';
import { digestTimeOf, nextDigestTime } from './alert-digest.js';

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

describe('when a digest gathering a new match leaves', () => {
  it.each([
    ['a match before 07:00 in Paris goes in that morning’s digest', '2026-12-02T05:59:59Z', '2026-12-02T06:00:00Z'],
    ['a match at 07:00 waits for the next morning', '2026-12-02T06:00:00Z', '2026-12-03T06:00:00Z'],
    ['a match in the evening goes in the next morning’s', '2026-12-02T22:30:00Z', '2026-12-03T06:00:00Z'],
    ['on the evening before clocks go forward, the next morning is 23 hours later', '2027-03-27T22:30:00Z', '2027-03-28T05:00:00Z'],
    ['on the evening before clocks go back', '2027-10-30T21:30:00Z', '2027-10-31T06:00:00Z'],
  ])('%s', (_what, now, expected) => {
    expect(nextDigestTime(new Date(now)).toISOString()).toBe(new Date(expected).toISOString());
  });
});
