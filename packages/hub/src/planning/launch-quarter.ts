import { parisDateOf, startOfParisDay } from '../shared/paris-calendar.js';

/**
 * The expected quarter of launch of a planned purchase: a calendar quarter in Paris (T1 = January to March).
 * Keys read "2027-T2" (T for trimestre), as the site's addresses and the CSV write them.
 */
export interface LaunchQuarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function isQuarter(value: number): value is LaunchQuarter['quarter'] {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** The quarter an instant falls in, in Paris. */
export function quarterOf(instant: Date): LaunchQuarter {
  const [year, month] = parisDateOf(instant).split('-').map(Number) as [number, number];
  return { year, quarter: Math.ceil(month / 3) as LaunchQuarter['quarter'] };
}

/** The instant the quarter begins in Paris. */
export function quarterStart({ year, quarter }: LaunchQuarter): Date {
  return startOfParisDay(`${String(year).padStart(4, '0')}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`);
}

/** The instant the quarter ends (the next one begins) in Paris. */
export function quarterEnd(at: LaunchQuarter): Date {
  return quarterStart(at.quarter === 4 ? { year: at.year + 1, quarter: 1 } : { year: at.year, quarter: (at.quarter + 1) as LaunchQuarter['quarter'] });
}

/** Negative when a is before b. */
export function compareQuarters(a: LaunchQuarter, b: LaunchQuarter): number {
  return a.year * 4 + a.quarter - (b.year * 4 + b.quarter);
}

export function quarterKey({ year, quarter }: LaunchQuarter): string {
  return `${year}-T${quarter}`;
}

/** "2027-T2" (or "2027-t2", "2027-Q2") as a quarter; null for anything else. */
export function parseQuarterKey(key: string): LaunchQuarter | null {
  const match = /^(\d{4})-[TQ]([1-4])$/i.exec(key.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  return { year, quarter: Number(match[2]) as LaunchQuarter['quarter'] };
}
