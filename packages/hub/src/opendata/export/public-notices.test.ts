import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../../db/orm.js';
import { Notice } from '../../notices/notice.entity.js';
import { PUBLIC_STATUSES } from '../../notices/notice-lifecycle.js';
import { PlannedPurchase } from '../../planning/planned-purchase.entity.js';
import { seedDemo } from '../../seed/demo.seed.js';
import { testDatabaseKind } from '../../test-support/postgresql.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { importFile } from '../import/importer.js';
import { isWithoutCall, type OpenDataNotice } from './open-data-notice.js';
import { publicNotices } from './public-notices.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');

/** The same notice as the entities say it, populated the way the exports used to read it. */
function fromEntity(notice: Notice, launchedPlans: Map<string, string>): OpenDataNotice {
  const organisation = notice.organisation.getEntity();
  return {
    id: notice.id,
    reference: notice.reference,
    title: notice.title,
    description: notice.description,
    status: notice.status,
    nature: notice.nature,
    procedure: notice.procedure,
    mainCpv: notice.mainCpv,
    additionalCpvs: notice.additionalCpvs,
    estimatedValue: notice.estimatedValue,
    estimatedValuePublic: notice.estimatedValuePublic,
    placeOfPerformanceInsee: notice.placeOfPerformanceInsee,
    submissionDeadline: notice.submissionDeadline,
    electronicSubmission: notice.electronicSubmission,
    createdAt: notice.createdAt,
    publishedAt: notice.publishedAt,
    closedAt: notice.closedAt,
    cancelledAt: notice.cancelledAt,
    cancellationReason: notice.cancellationReason,
    socialClause: notice.socialClause,
    environmentalClause: notice.environmentalClause,
    reservedFor: notice.reservedFor,
    frameworkAgreement: notice.frameworkAgreement,
    frameworkDurationMonths: notice.frameworkDurationMonths,
    sourceSystem: notice.sourceSystem,
    sourceId: notice.sourceId,
    withoutCall: isWithoutCall(notice),
    organisation: { id: organisation.id, name: organisation.name, siren: organisation.siren, siret: organisation.siret, inseeCode: organisation.inseeCode },
    familySlug: notice.family?.getEntity().slug ?? null,
    plannedPurchaseReference: launchedPlans.get(notice.id) ?? null,
    lots: notice.lots.getItems().map((lot) => {
      const award = lot.award?.getEntity();
      return {
        number: lot.number,
        title: lot.title,
        cpv: lot.cpv,
        estimatedValue: lot.estimatedValue,
        status: lot.status,
        award: award
          ? {
              id: award.id,
              createdAt: award.createdAt,
              supplierName: award.supplierName,
              supplierSiret: award.supplierSiret,
              sme: award.sme,
              amount: award.amount,
              coSuppliers: award.coSuppliers,
              contract: award.contract,
              awardedOn: award.awardedOn,
            }
          : null,
      };
    }),
    corrigenda: notice.corrigenda.getItems().map((corrigendum) => ({ publishedAt: corrigendum.publishedAt, reason: corrigendum.reason, changes: corrigendum.changes })),
  };
}

describe('reading the public notices for the open-data files', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    await seedDemo(hub.orm.em.fork(), hub.config, hub.clock.now());
    await importFile(hub.orm, join(FIXTURES, 'decp/marches_avec_modifications.json'), { now: hub.clock.now() });
    await importFile(hub.orm, join(FIXTURES, 'ted/eforms/2024-OJS017-00047522.xml'), { now: hub.clock.now() });
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('gives every public notice, with its buyer, family, lots, awards and corrigenda, as the entities hold them', async () => {
    const expected = await hub.orm.em
      .fork()
      .find(
        Notice,
        { status: { $in: [...PUBLIC_STATUSES] } },
        { orderBy: { id: 'asc' }, populate: ['organisation', 'family', 'lots', 'lots.award', 'corrigenda'] },
      );
    const read: OpenDataNotice[] = [];
    for await (const notice of publicNotices(hub.orm)) read.push(notice);
    const launched = await hub.orm.em.fork().find(PlannedPurchase, { status: 'LAUNCHED' });
    const launchedPlans = new Map(launched.map((plan) => [plan.notice!.id, plan.reference]));
    expect(read).toEqual(expected.map((notice) => fromEntity(notice, launchedPlans)));
    // The demo notice that launched a planned purchase says which.
    expect(read.filter((notice) => notice.plannedPurchaseReference !== null)).toHaveLength(1);
    // The demo has what the conversions must get right: awards, a corrigendum, a draft left out.
    expect(read.some((notice) => notice.corrigenda.length > 0)).toBe(true);
    expect(read.some((notice) => notice.lots.some((lot) => lot.award?.contract))).toBe(true);
    expect(read.some((notice) => notice.familySlug === null) && read.some((notice) => notice.familySlug !== null)).toBe(true);
    expect(await hub.orm.em.fork().count(Notice, { status: 'DRAFT' })).toBeGreaterThan(0);
  });

  it('reads the same notices in the same order whatever the page size, a page ending exactly at the last notice included', async () => {
    const ids = async (pageSize: number) => {
      const seen: string[] = [];
      for await (const notice of publicNotices(hub.orm, pageSize)) seen.push(`${notice.id}:${notice.lots.map((lot) => lot.number).join(',')}`);
      return seen;
    };
    const all = await ids(500);
    expect(all.length).toBeGreaterThan(4);
    expect(await ids(1)).toEqual(all);
    expect(await ids(3)).toEqual(all);
    expect(await ids(all.length)).toEqual(all);
  });

  it('gives, when asked for awarded notices only, exactly the public notices with an awarded lot that has its award, in the same order', async () => {
    const all: OpenDataNotice[] = [];
    for await (const notice of publicNotices(hub.orm)) all.push(notice);
    const awarded: string[] = [];
    for await (const notice of publicNotices(hub.orm, 2, { awardedOnly: true })) awarded.push(notice.id);
    const expected = all.filter((notice) => notice.lots.some((lot) => lot.status === 'AWARDED' && lot.award !== null)).map((notice) => notice.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(awarded).toEqual(expected);
  });

  // SQLite's one write lock; PostgreSQL's readers never wait for writers (the export's transaction is read only there).
  it.skipIf(testDatabaseKind() === 'postgresql')('reads every page while another process holds the database’s write lock: an export neither waits for writers nor holds them', async () => {
    // Another connection to the file (as another hub process would be) holds the write lock until rollback: it
    // begins IMMEDIATE (db/sqlite-immediate-dialect.ts). A page read in a write transaction would wait for it (up
    // to the 20 s busy timeout, then fail), and while reading would hold every other writer in turn.
    const other = await openOrm(hub.config);
    const lock = await other.em.getConnection().getKnex().transaction();
    try {
      const started = Date.now();
      let read = 0;
      for await (const notice of publicNotices(hub.orm, 2)) read += notice.id ? 1 : 0;
      expect(read).toBeGreaterThan(4);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await lock.rollback();
      await other.close();
    }
  });
});
