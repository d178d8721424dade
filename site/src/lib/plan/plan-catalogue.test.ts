import { describe, expect, it } from 'vitest';
import { PlanCatalogue, planCommuneInsee, quarterLabel, quarterSlug } from './plan-catalogue.js';
import { aPlannedPurchase, PLAN_REFERENCE } from './test-builders.js';

describe('quarter wording', () => {
  it.each([
    [2027, 1, '1er trimestre 2027'],
    [2027, 2, '2e trimestre 2027'],
    [2028, 4, '4e trimestre 2028'],
  ])('calls %i quarter %i « %s »', (year, quarter, label) => {
    expect(quarterLabel(year, quarter)).toBe(label);
  });

  it('writes the quarter in addresses in lower case', () => {
    expect(quarterSlug({ launchYear: 2027, launchQuarter: 3 })).toBe('2027-t3');
  });
});

describe('the commune of a planned purchase', () => {
  it('is its place of performance when set', () => {
    expect(planCommuneInsee(aPlannedPurchase({ placeOfPerformance: { inseeCode: '83072', name: 'Lorgues', slug: 'lorgues' } }))).toBe('83072');
  });

  it('is the buying commune when no place is set', () => {
    expect(planCommuneInsee(aPlannedPurchase({ placeOfPerformance: null }))).toBe('83050');
  });

  it('is none for a buyer that is no commune and no place', () => {
    const agglomeration = { siren: '200035087', slug: 'cad', name: 'CAD', kind: 'AGGLOMERATION' as const, inseeCode: null };
    expect(planCommuneInsee(aPlannedPurchase({ placeOfPerformance: null, organisation: agglomeration }))).toBeNull();
  });
});

describe('the plan as pages read it', () => {
  const plans = [
    aPlannedPurchase({ reference: 'PREV-2026-DRA-0003', launchYear: 2027, launchQuarter: 2 }),
    aPlannedPurchase({ reference: 'PREV-2026-DRA-0001', launchYear: 2027, launchQuarter: 2, status: 'LAUNCHED' }),
    aPlannedPurchase({ reference: 'PREV-2026-DRA-0002', launchYear: 2026, launchQuarter: 4, family: { slug: 'nettoyage', name: 'Nettoyage' } }),
    aPlannedPurchase({ reference: 'PREV-2026-DRA-0004', status: 'WITHDRAWN', withdrawnAt: '2026-11-02T10:00:00.000Z' }),
    aPlannedPurchase({ reference: 'PREV-2026-DRA-0005', status: 'WITHDRAWN', withdrawnAt: '2026-11-20T10:00:00.000Z' }),
    aPlannedPurchase({
      reference: 'PREV-2026-DRA-0006',
      launchYear: 2028,
      launchQuarter: 1,
      placeOfPerformance: { inseeCode: '83999', name: 'Hors territoire', slug: 'hors-territoire' },
    }),
  ];
  const catalogue = new PlanCatalogue(plans, PLAN_REFERENCE);

  it('lists published and launched lines soonest quarter first, then by reference, whatever order they came in', () => {
    expect(catalogue.listed.map((plan) => plan.reference)).toEqual(['PREV-2026-DRA-0002', 'PREV-2026-DRA-0001', 'PREV-2026-DRA-0003', 'PREV-2026-DRA-0006']);
  });

  it('keeps withdrawn lines apart, most recently withdrawn first, and still finds them by reference', () => {
    expect(catalogue.withdrawn.map((plan) => plan.reference)).toEqual(['PREV-2026-DRA-0005', 'PREV-2026-DRA-0004']);
    expect(catalogue.byReference('PREV-2026-DRA-0004')?.status).toBe('WITHDRAWN');
  });

  it('offers the quarters in time order with their counts', () => {
    expect(catalogue.options('trimestre')).toEqual([
      { slug: '2026-t4', label: '4e trimestre 2026', count: 1 },
      { slug: '2027-t2', label: '2e trimestre 2027', count: 2 },
      { slug: '2028-t1', label: '1er trimestre 2028', count: 1 },
    ]);
  });

  it('groups by the territory’s communes only: a place outside it has no commune list', () => {
    expect(catalogue.options('commune')).toEqual([{ slug: 'draguignan', label: 'Draguignan', count: 3 }]);
    expect(catalogue.plansOf('commune', 'hors-territoire')).toEqual([]);
  });

  it('groups by family and by buyer, names by French order', () => {
    expect(catalogue.options('famille').map((option) => [option.slug, option.count])).toEqual([
      ['batiments', 3],
      ['nettoyage', 1],
    ]);
    expect(catalogue.options('acheteur')).toEqual([{ slug: 'draguignan', label: 'Draguignan', count: 4 }]);
    expect(catalogue.plansOf('famille', 'nettoyage').map((plan) => plan.reference)).toEqual(['PREV-2026-DRA-0002']);
  });

  it('leaves a withdrawn line out of every group', () => {
    for (const facet of ['trimestre', 'commune', 'famille', 'acheteur'] as const) {
      for (const option of catalogue.options(facet)) {
        expect(catalogue.plansOf(facet, option.slug).every((plan) => plan.status !== 'WITHDRAWN')).toBe(true);
      }
    }
  });
});
