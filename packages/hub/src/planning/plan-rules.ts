import type { Nature } from '../notices/notice-enums.js';
import { compareQuarters, isQuarter, quarterEnd, quarterKey, quarterOf, type LaunchQuarter } from './launch-quarter.js';

/** How far ahead a plan may look: a programmation is pluriannual at most. */
export const MAX_YEARS_AHEAD = 5;

export type QuarterProblem = { field: 'launchYear' | 'launchQuarter'; message: string } | null;

/**
 * An expected quarter of launch must be a real quarter that has not ended yet (a plan announces what is to come) and
 * lie within the next five years.
 */
export function quarterProblem(year: number, quarter: number, now: Date): QuarterProblem {
  const current = quarterOf(now);
  if (!Number.isInteger(year) || year < current.year || year > current.year + MAX_YEARS_AHEAD) {
    return { field: 'launchYear', message: `Le champ launchYear doit être une année de ${current.year} à ${current.year + MAX_YEARS_AHEAD}.` };
  }
  if (!isQuarter(quarter)) return { field: 'launchQuarter', message: 'Le champ launchQuarter vaut 1, 2, 3 ou 4.' };
  const expected: LaunchQuarter = { year, quarter };
  if (compareQuarters(expected, current) < 0 || quarterEnd(expected).getTime() <= now.getTime()) {
    return { field: 'launchQuarter', message: `Le trimestre ${quarterKey(expected)} est passé : une programmation annonce ce qui est à venir.` };
  }
  return null;
}

/** The nature a CPV code implies: division 45 is works, divisions 03 to 44 and 48 supplies, the rest services. */
export function natureOfCpv(code: string): Nature {
  const division = Number(code.slice(0, 2));
  if (division === 45) return 'WORKS';
  if (division < 45 || division === 48) return 'SUPPLIES';
  return 'SERVICES';
}
