import { describe, expect, it } from 'vitest';
import { parisDateOf } from '../shared/paris-calendar.js';
import { parisDateCache } from './paris-date-cache.js';

const MINUTE_MS = 60_000;

describe('Paris dates of many instants', () => {
  it('gives the date parisDateOf gives, minute by minute around the daylight-saving changes and at midnight', () => {
    const parisDate = parisDateCache();
    // Each spring and autumn change of 2019 to 2031, and ordinary days, with two days either side.
    const starts = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031].flatMap((year) => [
      `${year}-03-23T00:00:00Z`,
      `${year}-10-23T00:00:00Z`,
      `${year}-01-01T00:00:00Z`,
      `${year}-07-14T00:00:00Z`,
    ]);
    for (const start of starts) {
      const from = Date.parse(start) - 2 * 86_400_000;
      for (let epochMs = from; epochMs < from + 13 * 86_400_000; epochMs += 7 * MINUTE_MS) {
        const instant = new Date(epochMs);
        expect(parisDate(instant), instant.toISOString()).toBe(parisDateOf(instant));
      }
    }
  });

  it('puts the last instants of a Paris day and the first of the next on their own days', () => {
    const parisDate = parisDateCache();
    expect(parisDate(new Date('2026-03-31T21:59:59.999Z'))).toBe('2026-03-31');
    expect(parisDate(new Date('2026-03-31T22:00:00Z'))).toBe('2026-04-01');
    expect(parisDate(new Date('2026-12-31T22:59:59.999Z'))).toBe('2026-12-31');
    expect(parisDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('refuses an invalid date as parisDateOf does', () => {
    expect(() => parisDateCache()(new Date(Number.NaN))).toThrow(RangeError);
  });
});
