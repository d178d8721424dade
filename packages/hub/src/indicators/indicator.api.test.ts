import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notice } from '../notices/notice.entity.js';
import { getTerritory } from '../reference/territory.js';
import { seedDemo } from '../seed/demo.seed.js';
import { SIREN, noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';

const FIGURES = `noticeCount awardedLotCount awardedAmount
  sustainability { target meetsTarget
    environmental { noticeCount noticeShare amount amountShare } social { noticeCount noticeShare amount amountShare }
    reserved { noticeCount noticeShare amount amountShare } sustainable { noticeCount noticeShare amount amountShare } }
  suppliers { sme { amount share } territory { amount share } departement { amount share } }
  savings { lotCount estimatedAmount awardedAmount savedAmount rate }
  byCommune { key noticeCount awardedAmount } byNature { key noticeCount awardedAmount } byProcedure { key noticeCount awardedAmount }
  byFamily { key noticeCount awardedAmount sustainability { target } savings { savedAmount } }
  methods { notices amounts sustainability suppliers savings }`;
const QUERY = `query($year: Int, $siren: String, $family: String) {
  indicators(year: $year, organisationSiren: $siren, familySlug: $family) { year organisationSiren familySlug ${FIGURES} } }`;

type Scope = { year?: number; siren?: string; family?: string };

const parisYear = (date: Date) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(date));
const round = (value: number) => Math.round(value * 100) / 100;
const total = (values: number[]) => round(values.reduce((sum, value) => sum + value, 0));
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

describe('public indicators, against the seeded records', () => {
  let hub: TestHub;
  let notices: Notice[];

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    await seedDemo(hub.orm.em.fork(), hub.config, hub.clock.now());
    // A notice of the next year, so that years really split the figures.
    hub.clock.set('2027-02-01T09:00:00Z');
    const lorgues = await hub.login('buyer@lorgues.test');
    // The demo publishes an ethics charter; a buyer signs its current version before publishing (CHARTER_POLICY).
    await hub.gql('mutation { signCharter(version: 1) { version } }', {}, lorgues);
    const created = await hub.gql('mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }', {
      input: noticeInput(hub.clock.now(), { environmentalClause: true, placeOfPerformanceInseeCode: '83072' }),
    }, lorgues);
    await hub.gql('mutation($r: String!) { publishNotice(reference: $r) { status } }', { r: created.data!.createNotice.reference }, lorgues);
    notices = await hub.orm.em.fork().find(Notice, {}, { populate: ['organisation', 'family', 'lots', 'lots.award'] });
  });
  afterAll(() => hub?.close());

  /** The expected figures, computed here straight from the stored notices, lots and awards. */
  function expected(scope: Scope) {
    const inScope = notices.filter(
      (notice) =>
        notice.status !== 'DRAFT' &&
        (!scope.siren || notice.organisation.getEntity().siren === scope.siren) &&
        (!scope.family || notice.family?.getEntity().slug === scope.family),
    );
    const counted = inScope.filter(
      (notice) => notice.status !== 'CANCELLED' && (!scope.year || parisYear(notice.publishedAt!) === scope.year),
    );
    const awarded = inScope.flatMap((notice) =>
      notice.lots
        .getItems()
        .filter((lot) => lot.award && (!scope.year || lot.award.getEntity().awardedOn.startsWith(String(scope.year))))
        // Imported awards may have no amount; the indicators count awards with one (as indicator-aggregation does).
        .flatMap((lot) => {
          const award = lot.award!.getEntity();
          return award.amount === null ? [] : [{ notice, lot, award: { ...award, amount: award.amount } }];
        }),
    );
    const awardedAmount = total(awarded.map((entry) => entry.award.amount));
    const criterion = (test: (notice: Notice) => boolean) => {
      const amount = total(awarded.filter((entry) => test(entry.notice)).map((entry) => entry.award.amount));
      const noticeCount = counted.filter(test).length;
      return { noticeCount, noticeShare: share(noticeCount, counted.length), amount, amountShare: share(amount, awardedAmount) };
    };
    const suppliers = (test: (entry: (typeof awarded)[number]) => boolean) => {
      const amount = total(awarded.filter(test).map((entry) => entry.award.amount));
      return { amount, share: share(amount, awardedAmount) };
    };
    const communes = new Set(getTerritory().communes.map((commune) => commune.inseeCode));
    const estimated = awarded.filter((entry) => entry.notice.estimatedValuePublic && entry.lot.estimatedValue !== null);
    const estimatedAmount = total(estimated.map((entry) => entry.lot.estimatedValue!));
    const savedAmount = round(estimatedAmount - total(estimated.map((entry) => entry.award.amount)));
    const sustainable = criterion((n) => n.environmentalClause || n.socialClause || n.reservedFor !== 'NONE');
    const perCommune = new Map<string | null, number>();
    for (const notice of counted) perCommune.set(notice.placeOfPerformanceInsee, (perCommune.get(notice.placeOfPerformanceInsee) ?? 0) + 1);
    return {
      noticeCount: counted.length,
      awardedLotCount: awarded.length,
      awardedAmount,
      sustainability: {
        target: 0.5,
        meetsTarget: sustainable.noticeShare === null ? null : sustainable.noticeShare >= 0.5,
        environmental: criterion((n) => n.environmentalClause),
        social: criterion((n) => n.socialClause),
        reserved: criterion((n) => n.reservedFor !== 'NONE'),
        sustainable,
      },
      suppliers: {
        sme: suppliers((entry) => entry.award.sme === true),
        territory: suppliers((entry) => communes.has(entry.award.supplierInseeCode ?? '')),
        departement: suppliers((entry) => (entry.award.supplierInseeCode ?? '').startsWith('83')),
      },
      savings: {
        lotCount: estimated.length,
        estimatedAmount,
        awardedAmount: total(estimated.map((entry) => entry.award.amount)),
        savedAmount,
        rate: share(savedAmount, estimatedAmount),
      },
      communeCounts: Object.fromEntries([...perCommune].map(([key, count]) => [String(key), count])),
    };
  }

  async function actual(scope: Scope) {
    const result = await hub.gql(QUERY, { year: scope.year, siren: scope.siren, family: scope.family });
    expect(result.errors).toBeUndefined();
    return result.data!.indicators;
  }

  it.each<[string, Scope]>([
    ['every year, every organisation', {}],
    ['2026', { year: 2026 }],
    ['2027', { year: 2027 }],
    ['the agglomeration', { siren: SIREN.agglomeration }],
    ['Lorgues in 2026', { year: 2026, siren: SIREN.lorgues }],
    ['the green spaces family', { family: 'espaces-verts' }],
  ])('for %s, every indicator equals the figure computed from the records', async (_, scope) => {
    const want = expected(scope);
    const got = await actual(scope);
    expect(got.noticeCount).toBe(want.noticeCount);
    expect(got.awardedLotCount).toBe(want.awardedLotCount);
    expect(got.awardedAmount).toBeCloseTo(want.awardedAmount, 2);
    for (const key of ['environmental', 'social', 'reserved', 'sustainable'] as const) {
      const [g, w] = [got.sustainability[key], want.sustainability[key]];
      expect(g.noticeCount, key).toBe(w.noticeCount);
      expect(g.amount, key).toBeCloseTo(w.amount, 2);
      if (w.noticeShare === null) expect(g.noticeShare).toBeNull();
      else expect(g.noticeShare, key).toBeCloseTo(w.noticeShare, 9);
      if (w.amountShare === null) expect(g.amountShare).toBeNull();
      else expect(g.amountShare, key).toBeCloseTo(w.amountShare, 9);
    }
    expect(got.sustainability.target).toBe(want.sustainability.target);
    expect(got.sustainability.meetsTarget).toBe(want.sustainability.meetsTarget);
    for (const key of ['sme', 'territory', 'departement'] as const) {
      expect(got.suppliers[key].amount, key).toBeCloseTo(want.suppliers[key].amount, 2);
      if (want.suppliers[key].share === null) expect(got.suppliers[key].share).toBeNull();
      else expect(got.suppliers[key].share, key).toBeCloseTo(want.suppliers[key].share!, 9);
    }
    expect(got.savings.lotCount).toBe(want.savings.lotCount);
    expect(got.savings.estimatedAmount).toBeCloseTo(want.savings.estimatedAmount, 2);
    expect(got.savings.savedAmount).toBeCloseTo(want.savings.savedAmount, 2);
    expect(Object.fromEntries(got.byCommune.map((row: { key: string | null; noticeCount: number }) => [String(row.key), row.noticeCount])))
      .toEqual(Object.fromEntries(Object.entries(want.communeCounts)));
    const byNatureTotal = got.byNature.reduce((sum: number, row: { noticeCount: number }) => sum + row.noticeCount, 0);
    expect(byNatureTotal).toBe(want.noticeCount);
  });

  it('really has figures to compare: notices, awards, clauses and savings in the demo', () => {
    const all = expected({});
    expect(all.noticeCount).toBeGreaterThan(5);
    expect(all.awardedLotCount).toBeGreaterThan(3);
    expect(all.sustainability.reserved.noticeCount).toBeGreaterThan(0);
    expect(all.savings.savedAmount).not.toBe(0);
    expect(all.suppliers.territory.amount).toBeGreaterThan(0);
  });

  it('states the method of each figure, and refuses an unknown organisation or family by name', async () => {
    const got = await actual({});
    expect(got.methods.savings).toMatch(/estimation moins montant attribué/);
    const unknown = await hub.gql(QUERY, { siren: '999999999' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationSiren' });
    const family = await hub.gql(QUERY, { family: 'astronautique' });
    expect(family.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'familySlug' });
  });

  it('lists the years with figures, most recent first', async () => {
    const result = await hub.gql('{ indicatorYears }');
    expect(result.data!.indicatorYears).toEqual([2027, 2026]);
  });
});
