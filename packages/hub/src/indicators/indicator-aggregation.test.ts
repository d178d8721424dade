import { describe, expect, it } from 'vitest';
import { computeIndicators, indicatorYears, NO_FAMILY_LABEL, NO_PLACE_LABEL } from './indicator-aggregation.js';
import type { IndicatorAward, IndicatorNotice, IndicatorOptions, IndicatorScope } from './indicator-records.js';
import { targetFor } from './indicator-targets.js';

const OPTIONS: IndicatorOptions = {
  defaultTarget: 0.5,
  familyTargets: new Map([['batiments', 0.6]]),
  territoryInsee: new Set(['83050', '83072']),
  departementCode: '83',
};
const ALL: IndicatorScope = { year: null, organisationSiren: null, familySlug: null };

const award = (amount: number | null, overrides: Partial<IndicatorAward> = {}): IndicatorAward => ({
  amount,
  sme: true,
  supplierInseeCode: '83050',
  awardedOn: '2026-06-01',
  ...overrides,
});

const notice = (overrides: Partial<IndicatorNotice> = {}): IndicatorNotice => ({
  organisationSiren: 'DRA',
  familySlug: 'batiments',
  familyName: 'Bâtiments',
  nature: 'WORKS',
  procedure: 'ADAPTED',
  placeInsee: '83050',
  placeName: 'Draguignan',
  publishedOn: '2026-03-10',
  cancelled: false,
  environmentalClause: false,
  socialClause: false,
  reserved: false,
  lots: [],
  ...overrides,
});

// Four notices in 2026 (one cancelled), one in 2025; awards spread over 2025 and 2026.
const RECORDS: IndicatorNotice[] = [
  notice({
    environmentalClause: true,
    lots: [
      { estimatedValue: 100_000, award: award(90_000) },
      { estimatedValue: 50_000, award: award(55_000, { sme: false, supplierInseeCode: '83137' }) },
    ],
  }),
  notice({
    organisationSiren: 'LOR',
    familySlug: 'espaces-verts',
    familyName: 'Espaces verts',
    nature: 'SERVICES',
    procedure: 'OPEN',
    placeInsee: '83072',
    placeName: 'Lorgues',
    socialClause: true,
    reserved: true,
    lots: [{ estimatedValue: null, award: award(40_000, { sme: null, supplierInseeCode: '13055' }) }],
  }),
  notice({ familySlug: null, familyName: null, placeInsee: null, placeName: null, nature: 'SUPPLIES', lots: [{ estimatedValue: 10_000, award: null }] }),
  notice({ cancelled: true, environmentalClause: true, lots: [{ estimatedValue: 5_000, award: null }] }),
  notice({
    publishedOn: '2025-11-02',
    lots: [
      { estimatedValue: 20_000, award: award(15_000, { awardedOn: '2025-12-20' }) },
      { estimatedValue: 30_000, award: award(25_000, { awardedOn: '2026-01-15', supplierInseeCode: null }) },
      { estimatedValue: 8_000, award: award(null, { awardedOn: '2026-01-15' }) },
    ],
  }),
];

describe('indicators over every year', () => {
  const all = computeIndicators(RECORDS, ALL, OPTIONS);

  it('counts published notices, leaving cancelled ones out', () => {
    expect(all.noticeCount).toBe(4);
  });

  it('adds the awards with a known amount, lot by lot', () => {
    expect(all.awardedLotCount).toBe(5);
    expect(all.awardedAmount).toBe(90_000 + 55_000 + 40_000 + 15_000 + 25_000);
  });

  it('gives the share of notices and of awarded amount with each clause', () => {
    const total = 225_000;
    expect(all.sustainability.environmental).toEqual({ noticeCount: 1, noticeShare: 1 / 4, amount: 145_000, amountShare: 145_000 / total });
    expect(all.sustainability.social).toEqual({ noticeCount: 1, noticeShare: 1 / 4, amount: 40_000, amountShare: 40_000 / total });
    expect(all.sustainability.reserved).toEqual({ noticeCount: 1, noticeShare: 1 / 4, amount: 40_000, amountShare: 40_000 / total });
    expect(all.sustainability.sustainable).toEqual({ noticeCount: 2, noticeShare: 2 / 4, amount: 185_000, amountShare: 185_000 / total });
  });

  it('compares the share of sustainable notices with the default target', () => {
    expect(all.sustainability.target).toBe(0.5);
    expect(all.sustainability.meetsTarget).toBe(true);
  });

  it('gives the shares of amount to SMEs, to the territory and to the département; unknowns do not count', () => {
    const total = 225_000;
    expect(all.suppliers.sme).toEqual({ amount: 90_000 + 15_000 + 25_000, share: 130_000 / total });
    expect(all.suppliers.territory).toEqual({ amount: 90_000 + 15_000, share: 105_000 / total });
    expect(all.suppliers.departement).toEqual({ amount: 90_000 + 55_000 + 15_000, share: 160_000 / total });
  });

  it('sums savings over awarded lots with an estimate, negative when the award exceeds it', () => {
    expect(all.savings).toEqual({
      lotCount: 4,
      estimatedAmount: 100_000 + 50_000 + 20_000 + 30_000,
      awardedAmount: 90_000 + 55_000 + 15_000 + 25_000,
      savedAmount: 15_000,
      rate: 15_000 / 200_000,
    });
  });

  it('breaks counts and amounts down by commune, nature and procedure, most notices first', () => {
    expect(all.byCommune).toEqual([
      { key: '83050', label: 'Draguignan', noticeCount: 2, awardedAmount: 185_000 },
      { key: '83072', label: 'Lorgues', noticeCount: 1, awardedAmount: 40_000 },
      { key: null, label: NO_PLACE_LABEL, noticeCount: 1, awardedAmount: 0 },
    ]);
    expect(all.byNature).toEqual([
      { key: 'WORKS', label: 'WORKS', noticeCount: 2, awardedAmount: 185_000 },
      { key: 'SERVICES', label: 'SERVICES', noticeCount: 1, awardedAmount: 40_000 },
      { key: 'SUPPLIES', label: 'SUPPLIES', noticeCount: 1, awardedAmount: 0 },
    ]);
    expect(all.byProcedure.map((row) => [row.key, row.noticeCount, row.awardedAmount])).toEqual([
      ['ADAPTED', 3, 185_000],
      ['OPEN', 1, 40_000],
    ]);
  });

  it('gives each family its figures, its own target and its savings', () => {
    const [batiments, espacesVerts, none] = all.byFamily;
    expect(batiments).toMatchObject({ key: 'batiments', label: 'Bâtiments', noticeCount: 2, awardedAmount: 185_000 });
    expect(batiments!.sustainability).toMatchObject({ target: 0.6, meetsTarget: false });
    expect(batiments!.sustainability.sustainable.noticeShare).toBe(1 / 2);
    expect(batiments!.savings.savedAmount).toBe(15_000);
    expect(espacesVerts).toMatchObject({ key: 'espaces-verts', noticeCount: 1, awardedAmount: 40_000 });
    expect(espacesVerts!.sustainability).toMatchObject({ target: 0.5, meetsTarget: true });
    expect(espacesVerts!.savings).toEqual({ lotCount: 0, estimatedAmount: 0, awardedAmount: 0, savedAmount: 0, rate: null });
    expect(none).toMatchObject({ key: null, label: NO_FAMILY_LABEL, noticeCount: 1, awardedAmount: 0 });
  });
});

describe('indicators of one year', () => {
  it('counts notices by their publication year and amounts by their award year', () => {
    const year2025 = computeIndicators(RECORDS, { ...ALL, year: 2025 }, OPTIONS);
    expect(year2025.noticeCount).toBe(1);
    expect(year2025.awardedAmount).toBe(15_000);
    const year2026 = computeIndicators(RECORDS, { ...ALL, year: 2026 }, OPTIONS);
    expect(year2026.noticeCount).toBe(3);
    expect(year2026.awardedAmount).toBe(90_000 + 55_000 + 40_000 + 25_000);
    expect(year2026.savings.savedAmount).toBe(10_000 - 5_000 + 5_000);
  });

  it('has no shares and no verdict for a year without records', () => {
    const empty = computeIndicators(RECORDS, { ...ALL, year: 2020 }, OPTIONS);
    expect(empty.noticeCount).toBe(0);
    expect(empty.awardedAmount).toBe(0);
    expect(empty.sustainability.sustainable).toEqual({ noticeCount: 0, noticeShare: null, amount: 0, amountShare: null });
    expect(empty.sustainability.meetsTarget).toBeNull();
    expect(empty.suppliers.sme.share).toBeNull();
    expect(empty.savings.rate).toBeNull();
    expect(empty.byCommune).toEqual([]);
    expect(empty.byFamily).toEqual([]);
  });
});

describe('indicators of one organisation or one family', () => {
  it('keeps only the organisation’s own notices', () => {
    const lorgues = computeIndicators(RECORDS, { ...ALL, organisationSiren: 'LOR' }, OPTIONS);
    expect(lorgues.noticeCount).toBe(1);
    expect(lorgues.awardedAmount).toBe(40_000);
    expect(lorgues.suppliers.territory.share).toBe(0);
  });

  it('keeps only the family’s notices and uses its target', () => {
    const batiments = computeIndicators(RECORDS, { ...ALL, familySlug: 'batiments' }, OPTIONS);
    expect(batiments.noticeCount).toBe(2);
    expect(batiments.sustainability.target).toBe(0.6);
    expect(batiments.sustainability.meetsTarget).toBe(false);
  });

  it('combines year, organisation and family', () => {
    const scope = { year: 2026, organisationSiren: 'DRA', familySlug: 'batiments' };
    const figures = computeIndicators(RECORDS, scope, OPTIONS);
    expect(figures.scope).toEqual(scope);
    expect(figures.noticeCount).toBe(1);
    expect(figures.awardedAmount).toBe(90_000 + 55_000 + 25_000);
  });
});

describe('the years of the indicators', () => {
  it('lists every year with a publication or an award, most recent first', () => {
    expect(indicatorYears(RECORDS, { first: 2000, last: 2026 })).toEqual([2026, 2025]);
    expect(indicatorYears([], { first: 2000, last: 2026 })).toEqual([]);
    // A year the indicators query would refuse is never listed.
    expect(indicatorYears(RECORDS, { first: 2000, last: 2025 })).toEqual([2025]);
    expect(indicatorYears(RECORDS, { first: 2026, last: 2030 })).toEqual([2026]);
  });
});

describe('amounts', () => {
  it('are summed to the cent, whatever the floating point', () => {
    const records = [notice({ lots: [{ estimatedValue: 0.3, award: award(0.1) }, { estimatedValue: null, award: award(0.2) }] })];
    const figures = computeIndicators(records, ALL, OPTIONS);
    expect(figures.awardedAmount).toBe(0.3);
    expect(figures.savings.savedAmount).toBe(0.2);
  });
});

describe('targets per family', () => {
  it('falls back on the default target', () => {
    const targets = new Map([['batiments', 0.6]]);
    expect(targetFor('batiments', 0.5, targets)).toBe(0.6);
    expect(targetFor('energie', 0.5, targets)).toBe(0.5);
    expect(targetFor(null, 0.5, targets)).toBe(0.5);
  });
});
