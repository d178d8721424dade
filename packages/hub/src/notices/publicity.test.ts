import { describe, expect, it } from 'vitest';
import { NATURES, type Nature } from './notice-enums.js';
import {
  BUYER_CATEGORIES,
  buyerCategoryOf,
  noticePublicity,
  procedureProblem,
  publicityExplanation,
  publicityRequirement,
  totalEstimate,
  type BuyerCategory,
  type PublicityLevel,
} from './publicity.js';
import { PROCEDURES } from './response-times.js';
import { ORGANISATION_KINDS } from '../organisations/organisation.entity.js';

// Noon in Paris on each day, so the calendar day is never in doubt.
const on = (day: string) => new Date(`${day}T10:00:00Z`);

/**
 * The expected bounds, written out from the texts (DESIGN.md and the décrets cited in thresholds.ts), not computed
 * from the table: [first day, nature, buyer, ascending [level, from]].
 */
type Expected = Array<[PublicityLevel, number]>;
const supplies2024: Record<BuyerCategory, Expected> = {
  CENTRAL_GOVERNMENT: [['NONE', 0], ['ADAPTED', 40_000], ['NATIONAL', 90_000], ['EUROPEAN', 143_000]],
  LOCAL_AUTHORITY: [['NONE', 0], ['ADAPTED', 40_000], ['NATIONAL', 90_000], ['EUROPEAN', 221_000]],
  UTILITY: [['NONE', 0], ['ADAPTED', 40_000], ['NATIONAL', 90_000], ['EUROPEAN', 443_000]],
};
const supplies2026Q1: Record<BuyerCategory, Expected> = {
  CENTRAL_GOVERNMENT: [['NONE', 0], ['ADAPTED', 40_000], ['NATIONAL', 90_000], ['EUROPEAN', 140_000]],
  LOCAL_AUTHORITY: [['NONE', 0], ['ADAPTED', 40_000], ['NATIONAL', 90_000], ['EUROPEAN', 216_000]],
  UTILITY: [['NONE', 0], ['ADAPTED', 40_000], ['NATIONAL', 90_000], ['EUROPEAN', 432_000]],
};
const supplies2026: Record<BuyerCategory, Expected> = {
  CENTRAL_GOVERNMENT: [['NONE', 0], ['ADAPTED', 60_000], ['NATIONAL', 90_000], ['EUROPEAN', 140_000]],
  LOCAL_AUTHORITY: [['NONE', 0], ['ADAPTED', 60_000], ['NATIONAL', 90_000], ['EUROPEAN', 216_000]],
  UTILITY: [['NONE', 0], ['ADAPTED', 60_000], ['NATIONAL', 90_000], ['EUROPEAN', 432_000]],
};
const works = (eu: number): Record<BuyerCategory, Expected> => ({
  CENTRAL_GOVERNMENT: [['NONE', 0], ['NATIONAL', 100_000], ['EUROPEAN', eu]],
  LOCAL_AUTHORITY: [['NONE', 0], ['NATIONAL', 100_000], ['EUROPEAN', eu]],
  UTILITY: [['NONE', 0], ['NATIONAL', 100_000], ['EUROPEAN', eu]],
});

const PERIODS: Array<{ days: string[]; works: Record<BuyerCategory, Expected>; other: Record<BuyerCategory, Expected> }> = [
  { days: ['2024-01-01', '2025-06-30', '2025-12-31'], works: works(5_538_000), other: supplies2024 },
  { days: ['2026-01-01', '2026-02-15', '2026-03-31'], works: works(5_404_000), other: supplies2026Q1 },
  { days: ['2026-04-01', '2026-12-05', '2031-01-01'], works: works(5_404_000), other: supplies2026 },
];

describe('publicityRequirement', () => {
  for (const period of PERIODS) {
    for (const day of period.days) {
      for (const nature of NATURES) {
        for (const buyer of BUYER_CATEGORIES) {
          const expected = (nature === 'WORKS' ? period.works : period.other)[buyer];
          it(`on ${day}, ${nature} for a ${buyer} change level exactly at ${expected.slice(1).map(([, from]) => from).join(', ')} €`, () => {
            const levelAt = (value: number) =>
              publicityRequirement({ nature, estimatedValue: value, buyerCategory: buyer, launchedAt: on(day) }).level;
            expected.forEach(([level, from], index) => {
              expect(levelAt(from), `${from} €`).toBe(level);
              if (index > 0) expect(levelAt(from - 0.01), `just under ${from} €`).toBe(expected[index - 1]![0]);
            });
            expect(levelAt(0)).toBe('NONE');
            expect(levelAt(1e11)).toBe('EUROPEAN');
          });
        }
      }
    }
  }

  it('reads the thresholds of the Paris calendar day: 31 March 2026 at 23:30 in Paris is still the 40 k€ period', () => {
    const lastEvening = new Date('2026-03-31T21:30:00Z'); // 23:30 in Paris (summer time)
    const firstNight = new Date('2026-03-31T22:30:00Z'); // 00:30 on 1 April in Paris
    const level = (launchedAt: Date) =>
      publicityRequirement({ nature: 'SERVICES', estimatedValue: 50_000, buyerCategory: 'LOCAL_AUTHORITY', launchedAt }).level;
    expect(level(lastEvening)).toBe('ADAPTED');
    expect(level(firstNight)).toBe('NONE');
  });

  it('gives the next threshold above the value and the one it reached', () => {
    const requirement = publicityRequirement({ nature: 'SUPPLIES', estimatedValue: 100_000, buyerCategory: 'LOCAL_AUTHORITY', launchedAt: on('2026-06-01') });
    expect(requirement).toMatchObject({ level: 'NATIONAL', thresholdReached: 90_000, nextThreshold: 216_000, europeanThreshold: 216_000, thresholdsFrom: '2026-04-01' });
    expect(requirement.sources.length).toBeGreaterThan(0);
  });

  it('allows every procedure below the EU threshold and every one but the procédure adaptée from it', () => {
    for (const nature of NATURES) {
      const at = (value: number) =>
        publicityRequirement({ nature, estimatedValue: value, buyerCategory: 'LOCAL_AUTHORITY', launchedAt: on('2026-06-01') });
      const eu = at(0).europeanThreshold;
      expect(at(eu - 0.01).allowedProcedures).toEqual(PROCEDURES);
      expect(at(eu).allowedProcedures).toEqual(PROCEDURES.filter((procedure) => procedure !== 'ADAPTED'));
    }
  });

  it('refuses to guess before the dated table starts', () => {
    expect(() => publicityRequirement({ nature: 'WORKS', estimatedValue: 1, buyerCategory: 'LOCAL_AUTHORITY', launchedAt: on('2023-12-31') })).toThrow(RangeError);
  });
});

describe('procedureProblem', () => {
  const requirement = (value: number, nature: Nature = 'SERVICES') =>
    publicityRequirement({ nature, estimatedValue: value, buyerCategory: 'LOCAL_AUTHORITY', launchedAt: on('2026-06-01') });

  it('names the procedure at publication and says which threshold, in French', () => {
    expect(procedureProblem(requirement(216_000), 'ADAPTED')).toEqual({
      field: 'procedure',
      message: expect.stringMatching(/^La valeur estimée atteint le seuil européen : la procédure adaptée n’est pas permise à partir du seuil européen de 216\u202f000\u00a0€ HT .*depuis le 1er avril 2026/),
    });
  });

  it('names the corrected field when a correction carries the value over the threshold', () => {
    expect(procedureProblem(requirement(6_000_000, 'WORKS'), 'ADAPTED', 'lot.2.estimatedValue')).toMatchObject({
      field: 'lot.2.estimatedValue',
      message: expect.stringContaining('Cette correction porte la valeur estimée au seuil européen'),
    });
  });

  it('has nothing to say of an allowed procedure', () => {
    for (const procedure of PROCEDURES) expect(procedureProblem(requirement(215_999), procedure)).toBeNull();
    for (const procedure of PROCEDURES.filter((candidate) => candidate !== 'ADAPTED')) {
      expect(procedureProblem(requirement(216_000), procedure)).toBeNull();
    }
  });
});

describe('totalEstimate', () => {
  it('adds the lots together (R2121-4)', () => {
    expect(totalEstimate({ noticeEstimate: null, lotEstimates: [100_000, 150_000], frameworkMaximum: null })).toBe(250_000);
  });

  it('counts the lots it knows when some have no estimate', () => {
    expect(totalEstimate({ noticeEstimate: null, lotEstimates: [100_000, null], frameworkMaximum: null })).toBe(100_000);
  });

  it('applies the largest of the notice total, the lots and a framework maximum, so the rule never asks less', () => {
    expect(totalEstimate({ noticeEstimate: 200_000, lotEstimates: [150_000, 150_000], frameworkMaximum: null })).toBe(300_000);
    expect(totalEstimate({ noticeEstimate: 200_000, lotEstimates: [50_000], frameworkMaximum: null })).toBe(200_000);
    expect(totalEstimate({ noticeEstimate: 200_000, lotEstimates: [], frameworkMaximum: 500_000 })).toBe(500_000);
  });

  it('is null when nothing is known', () => {
    expect(totalEstimate({ noticeEstimate: null, lotEstimates: [null, null], frameworkMaximum: null })).toBeNull();
    expect(totalEstimate({ noticeEstimate: null, lotEstimates: [], frameworkMaximum: null })).toBeNull();
  });
});

describe('noticePublicity', () => {
  const facts = {
    nature: 'SUPPLIES' as Nature,
    mainCpv: '30120000-6',
    noticeEstimate: null,
    lotEstimates: [120_000, 100_000],
    frameworkMaximum: null,
    organisationKind: 'COMMUNE' as const,
    launchedAt: on('2026-06-01'),
  };

  it('derives the level from every lot together: two lots of 120 k€ and 100 k€ reach the EU threshold of a commune', () => {
    expect(noticePublicity(facts)?.level).toBe('EUROPEAN');
  });

  it('is null without any estimate, or for a notice launched before the dated table (an old import)', () => {
    expect(noticePublicity({ ...facts, lotEstimates: [null] })).toBeNull();
    expect(noticePublicity({ ...facts, launchedAt: on('2021-05-01') })).toBeNull();
    expect(noticePublicity({ ...facts, launchedAt: new Date(Number.NaN) })).toBeNull();
  });
});

describe('social and other specific services (R2123-1 3°)', () => {
  const meals = (estimatedValue: number, buyerCategory: BuyerCategory = 'LOCAL_AUTHORITY') =>
    publicityRequirement({ nature: 'SERVICES', estimatedValue, buyerCategory, launchedAt: on('2026-06-01'), socialOrSpecificService: true });

  it('keeps school catering of 480 k€ at the national level, below its own EU threshold of 750 k€, with the procédure adaptée allowed', () => {
    const requirement = meals(480_000);
    expect(requirement.level).toBe('NATIONAL');
    expect(requirement.europeanThreshold).toBe(750_000);
    expect(requirement.allowedProcedures).toContain('ADAPTED');
    expect(procedureProblem(requirement, 'ADAPTED')).toBeNull();
  });

  it('asks for the Official Journal of the EU from 750 k€, and still allows the procédure adaptée at any value', () => {
    expect(meals(749_999).level).toBe('NATIONAL');
    for (const value of [750_000, 5_000_000, 90_000_000]) {
      expect(meals(value).level).toBe('EUROPEAN');
      expect(meals(value).allowedProcedures).toEqual(PROCEDURES);
    }
  });

  it('applies 1 M€ to a utility', () => {
    expect(meals(999_999, 'UTILITY').level).toBe('NATIONAL');
    expect(meals(1_000_000, 'UTILITY').level).toBe('EUROPEAN');
  });

  it('applies only to services: supplies or works with the flag keep their thresholds', () => {
    const supplies = publicityRequirement({ nature: 'SUPPLIES', estimatedValue: 300_000, buyerCategory: 'LOCAL_AUTHORITY', launchedAt: on('2026-06-01'), socialOrSpecificService: true });
    expect(supplies.level).toBe('EUROPEAN');
    expect(supplies.allowedProcedures).not.toContain('ADAPTED');
    expect(supplies.socialOrSpecificService).toBe(false);
  });

  it('is told by the notice’s main CPV code: 480 k€ of school meals by a commune may be adapted, 480 k€ of cleaning may not', () => {
    const facts = {
      nature: 'SERVICES' as Nature,
      noticeEstimate: 480_000,
      lotEstimates: [],
      frameworkMaximum: null,
      organisationKind: 'COMMUNE' as const,
      launchedAt: on('2026-06-01'),
    };
    const mealsNotice = noticePublicity({ ...facts, mainCpv: '55523100-3' })!;
    const cleaningNotice = noticePublicity({ ...facts, mainCpv: '90910000-9' })!;
    expect(procedureProblem(mealsNotice, 'ADAPTED')).toBeNull();
    expect(procedureProblem(cleaningNotice, 'ADAPTED')?.field).toBe('procedure');
    expect(mealsNotice.sources.join(' ')).toContain('R2123-1 3°');
  });

  it('explains the European level of such services without calling a formalised procedure compulsory', () => {
    const text = publicityExplanation(meals(800_000), 'SERVICES', 800_000);
    expect(text).toContain('services sociaux et autres services spécifiques');
    expect(text).toContain('la procédure adaptée reste permise');
    expect(text).not.toContain('obligatoire');
  });
});

describe('buyerCategoryOf', () => {
  it('treats every organisation kind of the hub as a pouvoir adjudicateur other than the State', () => {
    for (const kind of ORGANISATION_KINDS) expect(buyerCategoryOf(kind)).toBe('LOCAL_AUTHORITY');
  });
});

describe('publicityExplanation', () => {
  const at = (value: number, nature: Nature) =>
    publicityRequirement({ nature, estimatedValue: value, buyerCategory: 'LOCAL_AUTHORITY', launchedAt: on('2026-06-01') });

  it('states a public value and the thresholds around it', () => {
    expect(publicityExplanation(at(120_000, 'SERVICES'), 'SERVICES', 120_000)).toBe(
      'La valeur estimée du marché, 120\u202f000\u00a0€ HT, est d’au moins 90\u202f000\u00a0€ HT et inférieure à 216\u202f000\u00a0€ HT, le seuil européen pour des services : un avis est publié au BOAMP ou dans un journal d’annonces légales (article R2131-12, seuils en vigueur depuis le 1er avril 2026).',
    );
  });

  it('never gives a private value', () => {
    for (const [value, nature] of [[10_000, 'WORKS'], [70_000, 'SUPPLIES'], [150_000, 'SERVICES'], [9_000_000, 'WORKS']] as const) {
      const text = publicityExplanation(at(value, nature), nature, null);
      expect(text).toContain('non publiée par l’acheteur');
      expect(text).not.toContain(new Intl.NumberFormat('fr-FR').format(value));
    }
  });

  it('says a notice under the dispensation threshold is published voluntarily, and a European one needs a formalised procedure', () => {
    expect(publicityExplanation(at(30_000, 'SUPPLIES'), 'SUPPLIES', 30_000)).toMatch(/sans publicité ni mise en concurrence.*volontairement/);
    expect(publicityExplanation(at(6_000_000, 'WORKS'), 'WORKS', 6_000_000)).toMatch(/procédure formalisée est obligatoire.*Journal officiel de l’Union européenne/);
  });
});
