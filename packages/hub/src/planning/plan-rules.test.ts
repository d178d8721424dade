import { describe, expect, it } from 'vitest';
import { natureOfCpv, quarterProblem } from './plan-rules.js';

const NOW = new Date('2026-12-01T09:00:00Z');

describe('the expected quarter of a planned purchase', () => {
  it.each([
    [2026, 4],
    [2027, 1],
    [2031, 4],
  ])('%d quarter %d is accepted on 1 December 2026', (year, quarter) => {
    expect(quarterProblem(year, quarter, NOW)).toBeNull();
  });

  it.each([
    [2026, 3, 'launchQuarter', /2026-T3 est passé/],
    [2025, 4, 'launchYear', /de 2026 à 2031/],
    [2032, 1, 'launchYear', /de 2026 à 2031/],
    [2027, 0, 'launchQuarter', /1, 2, 3 ou 4/],
    [2027, 5, 'launchQuarter', /1, 2, 3 ou 4/],
    [2027.5, 1, 'launchYear', /de 2026 à 2031/],
  ])('%d quarter %d is refused, naming %s', (year, quarter, field, message) => {
    expect(quarterProblem(year, quarter, NOW)).toMatchObject({ field, message: expect.stringMatching(message) });
  });

  it('the current quarter is refused from the instant it ends in Paris', () => {
    expect(quarterProblem(2026, 4, new Date('2026-12-31T22:59:59Z'))).toBeNull();
    expect(quarterProblem(2026, 4, new Date('2026-12-31T23:00:00Z'))).toMatchObject({ field: 'launchYear' });
  });
});

describe('the nature a CPV code implies', () => {
  it.each([
    ['45210000-2', 'WORKS'],
    ['03000000-1', 'SUPPLIES'],
    ['30200000-1', 'SUPPLIES'],
    ['48000000-8', 'SUPPLIES'],
    ['50000000-5', 'SERVICES'],
    ['77310000-6', 'SERVICES'],
    ['90910000-9', 'SERVICES'],
  ])('%s is %s', (code, nature) => {
    expect(natureOfCpv(code)).toBe(nature);
  });
});
