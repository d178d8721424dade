import { describe, expect, it } from 'vitest';
import { isoDay } from './values.js';

describe('reading a calendar day from a source', () => {
  it('reads both written forms of a day that exists', () => {
    expect(isoDay('20190322')).toBe('2019-03-22');
    expect(isoDay(' 2019-03-22 ')).toBe('2019-03-22');
    expect(isoDay('2019-03-22T10:00:00+01:00')).toBe('2019-03-22');
    expect(isoDay('2024-02-29')).toBe('2024-02-29');
    expect(isoDay('2000-02-29')).toBe('2000-02-29');
    expect(isoDay('2023-12-31')).toBe('2023-12-31');
  });

  it('refuses a day that no calendar has, rather than rolling it over to the next month', () => {
    for (const text of ['2023-02-29', '1900-02-29', '2024-02-30', '2024-04-31', '2017-13-01', '2017-00-10', '2017-01-00', '2017-01-32', '22/03/2019', '', null, undefined]) {
      expect(isoDay(text), String(text)).toBeNull();
    }
  });
});
