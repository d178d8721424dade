import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Award } from '../notices/award.entity.js';
import { Notice } from '../notices/notice.entity.js';
import { getVarCommune } from '../reference/territory.js';
import { seedDemo } from '../seed/demo.seed.js';
import { parisDateOf } from '../shared/paris-calendar.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import type { IndicatorNotice } from './indicator-records.js';
import { loadIndicatorRecords } from './indicator-records.query.js';

/** The records as read from the entities themselves (populated notices), to compare the plain rows with. */
async function recordsFromEntities(hub: TestHub): Promise<IndicatorNotice[]> {
  const notices = await hub.orm.em
    .fork()
    .find(Notice, { status: { $ne: 'DRAFT' }, publishedAt: { $ne: null } }, { populate: ['organisation', 'family', 'lots', 'lots.award'] });
  return notices.map((notice) => {
    const family = notice.family?.getEntity() ?? null;
    const place = notice.placeOfPerformanceInsee;
    return {
      organisationSiren: notice.organisation.getEntity().siren,
      familySlug: family?.slug ?? null,
      familyName: family?.name ?? null,
      nature: notice.nature,
      procedure: notice.procedure,
      placeInsee: place,
      placeName: place ? (getVarCommune(place)?.name ?? place) : null,
      publishedOn: parisDateOf(notice.publishedAt!),
      cancelled: notice.status === 'CANCELLED',
      environmentalClause: notice.environmentalClause,
      socialClause: notice.socialClause,
      reserved: notice.reservedFor !== 'NONE',
      lots: notice.lots.getItems().flatMap((lot) => {
        const award = lot.award?.getEntity() ?? null;
        if (!award) return [];
        return [{
          estimatedValue: notice.estimatedValuePublic ? lot.estimatedValue : null,
          award: { amount: award.amount, sme: award.sme, supplierInseeCode: award.supplierInseeCode, awardedOn: award.awardedOn },
        }];
      }),
    };
  });
}

const canonical = (records: IndicatorNotice[]) => records.map((record) => JSON.stringify(record)).sort();

describe('the records the indicators read', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z', countStatements: true });
    await seedDemo(hub.orm.em.fork(), hub.config, hub.clock.now());
    // What the demo lacks: an award without amount or SME status, a notice without family, a private estimate.
    const em = hub.orm.em.fork();
    const awards = await em.find(Award, {}, { orderBy: { awardedOn: 'asc' } });
    expect(awards.length).toBeGreaterThan(2);
    Object.assign(awards[0]!, { amount: null, sme: null, supplierInseeCode: null });
    const published = await em.find(Notice, { status: { $ne: 'DRAFT' } }, { populate: ['lots', 'lots.award'], orderBy: { reference: 'asc' } });
    published.find((notice) => notice.family !== null)!.family = null;
    // The comparison below then covers a private estimate next to public ones.
    const awarded = published.find((notice) => notice.lots.getItems().some((lot) => lot.award && lot.estimatedValue !== null))!;
    awarded.estimatedValuePublic = false;
    await em.flush();
  });
  afterAll(() => hub?.close());

  it('are the published notices with their buyer, family and awarded lots, as the entities say', async () => {
    const records = await loadIndicatorRecords(hub.orm.em.fork());
    expect(records.length).toBeGreaterThan(5);
    expect(canonical(records)).toEqual(canonical(await recordsFromEntities(hub)));
    expect(records.some((record) => record.familySlug === null)).toBe(true);
    expect(records.some((record) => record.cancelled)).toBe(true);
    expect(records.flatMap((record) => record.lots).some((lot) => lot.award?.amount === null && lot.award.sme === null)).toBe(true);
  });

  it('take two statements, whatever the number of notices', async () => {
    hub.statements.length = 0;
    await loadIndicatorRecords(hub.orm.em.fork());
    expect(hub.statements.filter((sql) => /\bselect\b/i.test(sql))).toHaveLength(2);
  });

  it('leave out every estimate its buyer keeps private', async () => {
    const em = hub.orm.em.fork();
    const estimated = await em.find(Notice, { status: { $ne: 'DRAFT' }, lots: { estimatedValue: { $ne: null } } });
    expect(estimated.length).toBeGreaterThan(1);
    await em.nativeUpdate(Notice, {}, { estimatedValuePublic: false });
    const records = await loadIndicatorRecords(hub.orm.em.fork());
    expect(records.flatMap((record) => record.lots).every((lot) => lot.estimatedValue === null)).toBe(true);
  });
});
