import { describe, expect, it } from 'vitest';
import { booleanOf, dateOf, jsonOf } from './row-values.js';

describe('column values of plain SQL rows', () => {
  it('reads an instant as SQLite stores it (epoch milliseconds, as a number or a text) and as PostgreSQL gives it', () => {
    const instant = '2026-12-05T11:00:00.123Z';
    expect(dateOf(Date.parse(instant)).toISOString()).toBe(instant);
    expect(dateOf(String(Date.parse(instant))).toISOString()).toBe(instant);
    expect(dateOf('2026-12-05 11:00:00.123').toISOString()).toBe(instant);
    expect(dateOf('2026-12-05 11:00:00.123+00').toISOString()).toBe(instant);
    expect(dateOf('2026-12-05 12:00:00.123+01:00').toISOString()).toBe(instant);
    expect(dateOf('2026-12-05 16:30:00.123+05:30').toISOString()).toBe(instant);
    expect(dateOf(new Date(instant)).toISOString()).toBe(instant);
  });

  it('reads booleans as 0/1 and as true/false, and JSON as text or parsed', () => {
    expect([booleanOf(0), booleanOf(1), booleanOf(false), booleanOf(true)]).toEqual([false, true, false, true]);
    expect(jsonOf('["45000000"]')).toEqual(['45000000']);
    expect(jsonOf(['45000000'])).toEqual(['45000000']);
  });
});
