import { describe, expect, it } from 'vitest';
import { ESSENTIAL_DATA_THRESHOLDS, PUBLICITY_THRESHOLDS, essentialDataThresholdOn, thresholdsAt } from './thresholds.js';
import { addCalendarDays } from '../shared/paris-calendar.js';

describe('PUBLICITY_THRESHOLDS', () => {
  it('is a contiguous series of periods, oldest first, with only the last one open-ended', () => {
    PUBLICITY_THRESHOLDS.forEach((period, index) => {
      const next = PUBLICITY_THRESHOLDS[index + 1];
      if (next) {
        expect(period.validUntil).not.toBeNull();
        expect(next.validFrom).toBe(addCalendarDays(period.validUntil as string, 1));
      } else {
        expect(period.validUntil).toBeNull();
      }
      if (period.validUntil) expect(period.validFrom <= period.validUntil).toBe(true);
      expect(period.sources.length).toBeGreaterThan(0);
    });
  });

  it('orders the thresholds of each period: no publicity < BOAMP/JAL < EU', () => {
    for (const period of PUBLICITY_THRESHOLDS) {
      expect(period.noPublicityBelow.suppliesAndServices).toBeLessThan(period.boampOrJalFrom);
      expect(period.boampOrJalFrom).toBeLessThan(period.eu.centralGovernmentSuppliesAndServices);
      expect(period.eu.centralGovernmentSuppliesAndServices).toBeLessThan(period.eu.localAuthoritiesSuppliesAndServices);
      expect(period.eu.localAuthoritiesSuppliesAndServices).toBeLessThan(period.eu.utilitiesSuppliesAndServices);
      expect(period.eu.utilitiesSuppliesAndServices).toBeLessThan(period.eu.worksAndConcessions);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(PUBLICITY_THRESHOLDS)).toBe(true);
    expect(Object.isFrozen(PUBLICITY_THRESHOLDS[0])).toBe(true);
  });
});

describe('thresholdsAt', () => {
  it('gives the 2026 rules from 1 April 2026: 100 k€ works, 60 k€ supplies and services, EU 2026-2027', () => {
    expect(thresholdsAt(new Date('2026-06-15T10:00:00Z'))).toMatchObject({
      noPublicityBelow: { works: 100_000, suppliesAndServices: 60_000 },
      boampOrJalFrom: 90_000,
      eu: {
        period: '2026-2027',
        centralGovernmentSuppliesAndServices: 140_000,
        localAuthoritiesSuppliesAndServices: 216_000,
        utilitiesSuppliesAndServices: 432_000,
        worksAndConcessions: 5_404_000,
      },
    });
  });

  it.each([
    ['2026-03-31T21:59:59.999Z', 40_000, 'last millisecond of 31 March in Paris'],
    ['2026-03-31T22:00:00.000Z', 60_000, 'midnight of 1 April in Paris, still 31 March in UTC'],
    ['2026-01-01T00:00:00.000Z', 40_000, 'first day of the 2026 EU thresholds'],
    ['2025-07-01T10:00:00.000Z', 40_000, 'in 2025'],
    ['2031-01-01T10:00:00.000Z', 60_000, 'the latest known rules apply until a new text is added'],
  ])('sets the supplies and services dispensation at %s to %i € (%s)', (instant, expected) => {
    expect(thresholdsAt(new Date(instant)).noPublicityBelow.suppliesAndServices).toBe(expected);
  });

  it.each([
    ['2025-12-31T22:59:59Z', '2024-2025', 221_000, 5_538_000],
    ['2025-12-31T23:00:00Z', '2026-2027', 216_000, 5_404_000],
  ])('switches the EU thresholds at midnight in Paris: %s is in %s', (instant, period, local, works) => {
    expect(thresholdsAt(new Date(instant)).eu).toMatchObject({
      period,
      localAuthoritiesSuppliesAndServices: local,
      worksAndConcessions: works,
    });
  });

  it('keeps works at 100 k€ through 2025 (temporary décrets) and after (décret 2025-1386)', () => {
    for (const instant of ['2024-03-01T10:00:00Z', '2025-12-31T10:00:00Z', '2026-02-01T10:00:00Z', '2026-04-01T10:00:00Z']) {
      expect(thresholdsAt(new Date(instant)).noPublicityBelow.works).toBe(100_000);
    }
  });

  it('refuses a date before the table starts instead of guessing', () => {
    expect(() => thresholdsAt(new Date('2023-12-31T12:00:00Z'))).toThrow(/No publicity thresholds are known for 2023-12-31/);
    expect(() => thresholdsAt(new Date('invalid'))).toThrow(RangeError);
  });
});

describe('essentialDataThresholdOn', () => {
  it.each([
    ['2018-10-01', 25_000, 'first day of the obligation'],
    ['2019-12-31', 25_000, 'last day at 25 000 €'],
    ['2020-01-01', 40_000, 'first day at 40 000 € (décret n° 2019-1344)'],
    ['2026-12-05', 40_000, 'today'],
  ])('on %s the DECP threshold is %d € (%s)', (day, expected) => {
    expect(essentialDataThresholdOn(day)).toBe(expected);
  });

  it('applies the first known figure before the obligation started', () => {
    expect(essentialDataThresholdOn('2017-05-02')).toBe(25_000);
  });

  it('is a contiguous series of periods, oldest first, with only the last one open-ended', () => {
    ESSENTIAL_DATA_THRESHOLDS.forEach((period, index) => {
      const next = ESSENTIAL_DATA_THRESHOLDS[index + 1];
      if (next) expect(next.validFrom).toBe(addCalendarDays(period.validUntil as string, 1));
      else expect(period.validUntil).toBeNull();
      expect(period.sources.length).toBeGreaterThan(0);
    });
  });
});
