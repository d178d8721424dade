import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { SIREN, noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { PlannedPurchase } from './planned-purchase.entity.js';
import { CREATE_PLAN, PLAN, PLAN_LIST, PUBLISH_PLAN, UPDATE_PLAN, WITHDRAW_PLAN, plannedPurchaseInput } from './planned-purchase.fixtures.js';

const CREATE_NOTICE = 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference plannedPurchase { reference status } } }';
const UPDATE_NOTICE = 'mutation($reference: String!, $input: NoticeDraftInput!) { updateDraftNotice(reference: $reference, input: $input) { reference plannedPurchase { reference } } }';
const PUBLISH_NOTICE = 'mutation($reference: String!) { publishNotice(reference: $reference) { reference publishedAt } }';
const PLAN_LIST_BY_STATUS = 'query($statuses: [PlannedPurchaseStatus!]) { plannedPurchases(statuses: $statuses, first: 200) { edges { node { reference status } } } }';
const NOTICE_PLAN = 'query($reference: String!) { notice(reference: $reference) { reference plannedPurchase { reference publishedAt status } } }';

describe('the forward purchasing plan through the API', () => {
  let hub: TestHub;
  let draguignan: string;
  let lorgues: string;
  let viewer: string;

  beforeAll(async () => {
    hub = await startTestHub();
    [draguignan, lorgues, viewer] = await Promise.all([
      hub.login('buyer@draguignan.test'),
      hub.login('buyer@lorgues.test'),
      hub.login('viewer@draguignan.test'),
    ]);
  });
  afterAll(() => hub?.close());

  async function draft(token = draguignan, overrides: Record<string, unknown> = {}) {
    const result = await hub.gql(CREATE_PLAN, { input: plannedPurchaseInput(overrides) }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.createPlannedPurchase as Record<string, any>;
  }

  async function published(token = draguignan, overrides: Record<string, unknown> = {}) {
    const { reference } = await draft(token, overrides);
    const result = await hub.gql(PUBLISH_PLAN, { reference }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.publishPlannedPurchase as Record<string, any>;
  }

  async function counts() {
    const em = hub.orm.em.fork();
    return { plans: await em.count(PlannedPurchase, {}), audit: await em.count(AuditEntry, {}), events: await em.count(OutboxEvent, {}) };
  }

  const withdrawnListed = async () =>
    ((await hub.gql(PLAN_LIST_BY_STATUS, { statuses: ['WITHDRAWN'] })).data!.plannedPurchases.edges as Array<{ node: { reference: string; status: string } }>).map(
      (edge) => (expect(edge.node.status).toBe('WITHDRAWN'), edge.node.reference),
    );
  const listed = async (filter: Record<string, unknown> = {}) =>
    ((await hub.gql(PLAN_LIST, { filter })).data!.plannedPurchases.edges as Array<{ node: { reference: string } }>).map((edge) => edge.node.reference);

  it('a buyer records a draft for its organisation, with the family, nature and band the public will read', async () => {
    const plan = await draft();
    expect(plan).toMatchObject({
      reference: expect.stringMatching(/^PREV-2026-DRA-\d{4}$/),
      status: 'DRAFT',
      nature: 'WORKS',
      launchQuarterKey: '2027-T2',
      launchQuarterStart: '2027-03-31T22:00:00.000Z',
      amountMin: 216_000,
      amountMax: 1_000_000,
      family: { slug: 'batiments' },
      organisation: { siren: SIREN.draguignan },
      placeOfPerformance: { inseeCode: '83050', name: 'Draguignan' },
      publishedAt: null,
      notice: null,
    });
  });

  it('a draft is seen by its organisation’s staff only: anonymous and another organisation get nothing', async () => {
    const { reference } = await draft();
    expect((await hub.gql(PLAN, { reference })).data!.plannedPurchase).toBeNull();
    expect((await hub.gql(PLAN, { reference }, lorgues)).data!.plannedPurchase).toBeNull();
    expect((await hub.gql(PLAN, { reference }, viewer)).data!.plannedPurchase).toMatchObject({ reference });
    expect(await listed()).not.toContain(reference);
    const staff = await hub.gql('{ staffPlannedPurchases(statuses: [DRAFT]) { edges { node { reference } } } }', {}, lorgues);
    expect(staff.data!.staffPlannedPurchases.edges.map((edge: { node: { reference: string } }) => edge.node.reference)).not.toContain(reference);
  });

  it('publishing announces it: listed, audited, and an event for the publisher', async () => {
    const before = await counts();
    const plan = await published();
    expect(plan).toMatchObject({ status: 'PUBLISHED', publishedAt: hub.clock.now().toISOString() });
    expect(await listed()).toContain(plan.reference);
    expect((await hub.gql(PLAN, { reference: plan.reference })).data!.plannedPurchase).toMatchObject({ reference: plan.reference, status: 'PUBLISHED' });
    const em = hub.orm.em.fork();
    expect(await em.count(AuditEntry, { action: { $in: ['createPlannedPurchase', 'publishPlannedPurchase'] }, createdAt: { $gte: new Date(0) } })).toBeGreaterThanOrEqual(2);
    expect(await em.findOne(OutboxEvent, { type: 'planned-purchase.published' }, { orderBy: { createdAt: 'desc' } })).toMatchObject({ payload: { reference: plan.reference } });
    expect(await counts()).toEqual({ plans: before.plans + 1, audit: before.audit + 2, events: before.events + 1 });
  });

  it('a change to a published planned purchase is announced; a change to a draft is not', async () => {
    const plan = await published();
    const before = await counts();
    const changed = await hub.gql(UPDATE_PLAN, { reference: plan.reference, input: { launchQuarter: 3 } }, draguignan);
    expect(changed.data!.updatePlannedPurchase).toMatchObject({ launchQuarterKey: '2027-T3', status: 'PUBLISHED' });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1, events: before.events + 1 });
    const other = await draft();
    const afterFirst = await counts();
    expect((await hub.gql(UPDATE_PLAN, { reference: other.reference, input: { subject: 'Autre objet' } }, draguignan)).errors).toBeUndefined();
    expect(await counts()).toEqual({ ...afterFirst, audit: afterFirst.audit + 1 });
  });

  it.each([
    [{ launchYear: 2026, launchQuarter: 3 }, 'launchQuarter'],
    [{ launchYear: 2040 }, 'launchYear'],
    [{ cpv: '99999999-9' }, 'cpv'],
    [{ subject: '  ' }, 'subject'],
    [{ contactEmail: 'pas une adresse' }, 'contactEmail'],
    [{ contactEmail: 'buyer@draguignan.test' }, 'contactEmail'],
    [{ contactService: '' }, 'contactService'],
    [{ familySlug: 'astronautique' }, 'familySlug'],
    [{ placeOfPerformanceInseeCode: '75056' }, 'placeOfPerformanceInseeCode'],
    [{ subject: undefined }, 'subject'],
  ])('refuses %j naming the field %s, and records nothing', async (overrides, field) => {
    const before = await counts();
    const result = await hub.gql(CREATE_PLAN, { input: plannedPurchaseInput(overrides) }, draguignan);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await counts()).toEqual(before);
  });

  it('a published planned purchase withdrawn with a reason leaves the lists but keeps its page, with the reason', async () => {
    const plan = await published();
    const noReason = await hub.gql(WITHDRAW_PLAN, { reference: plan.reference, reason: ' ' }, draguignan);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const withdrawn = await hub.gql(WITHDRAW_PLAN, { reference: plan.reference, reason: 'Travaux reportés au budget 2028' }, draguignan);
    expect(withdrawn.data!.withdrawPlannedPurchase).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: 'Travaux reportés au budget 2028' });
    expect(await listed()).not.toContain(plan.reference);
    expect((await hub.gql(PLAN, { reference: plan.reference })).data!.plannedPurchase).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: 'Travaux reportés au budget 2028' });
    const again = await hub.gql(PUBLISH_PLAN, { reference: plan.reference }, draguignan);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', status: 'WITHDRAWN' });
  });

  it('a draft withdrawn stays private: it was never announced', async () => {
    const plan = await draft();
    expect((await hub.gql(WITHDRAW_PLAN, { reference: plan.reference, reason: 'Doublon' }, draguignan)).errors).toBeUndefined();
    expect((await hub.gql(PLAN, { reference: plan.reference })).data!.plannedPurchase).toBeNull();
    expect(await withdrawnListed()).not.toContain(plan.reference);
  });

  it('lists the withdrawn ones that had been announced when asked, and refuses to list drafts, naming the field', async () => {
    const plan = await published();
    expect((await hub.gql(WITHDRAW_PLAN, { reference: plan.reference, reason: 'Besoin couvert par l’UGAP' }, draguignan)).errors).toBeUndefined();
    expect(await withdrawnListed()).toContain(plan.reference);
    const drafts = await hub.gql(PLAN_LIST_BY_STATUS, { statuses: ['DRAFT'] });
    expect(drafts.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'statuses' });
  });

  it('publishing is refused once the expected quarter is over, naming it', async () => {
    const plan = await draft(draguignan, { launchYear: 2026, launchQuarter: 4 });
    hub.clock.set('2027-01-02T09:00:00Z');
    try {
      // A month later, the morning's token has expired: sign in again.
      const result = await hub.gql(PUBLISH_PLAN, { reference: plan.reference }, await hub.login('buyer@draguignan.test'));
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'launchYear' });
    } finally {
      hub.clock.set('2026-12-01T09:00:00Z');
    }
  });

  it('filters the public plan by buyer, family, commune and quarter', async () => {
    const school = await published(draguignan, { launchYear: 2027, launchQuarter: 4, cpv: '45214200-2' });
    const cleaning = await published(lorgues, { launchYear: 2027, launchQuarter: 4, cpv: '90910000-9', placeOfPerformanceInseeCode: null, contactEmail: 'achats@lorgues.example' });
    expect(await listed({ organisationSiren: SIREN.lorgues })).toEqual([cleaning.reference]);
    expect(await listed({ familySlug: 'nettoyage', launchYear: 2027, launchQuarter: 4 })).toEqual([cleaning.reference]);
    // Without a place of performance, the buying commune is where it is planned.
    expect(await listed({ communeInseeCode: '83072' })).toEqual([cleaning.reference]);
    expect(await listed({ communeInseeCode: '83050', launchQuarter: 4 })).toContain(school.reference);
    expect(await listed({ communeInseeCode: '83050', launchQuarter: 4 })).not.toContain(cleaning.reference);
  });

  describe('launching by a notice', () => {
    it('a draft notice points at the plan; publishing the notice marks the plan launched, linked both ways', async () => {
      const plan = await published();
      const created = await hub.gql(CREATE_NOTICE, { input: noticeInput(hub.clock.now(), { plannedPurchaseReference: plan.reference }) }, draguignan);
      expect(created.errors).toBeUndefined();
      const notice = created.data!.createNotice;
      expect(notice.plannedPurchase).toEqual({ reference: plan.reference, status: 'PUBLISHED' });
      // While the notice is a draft, the public plan says nothing of it.
      expect((await hub.gql(PLAN, { reference: plan.reference })).data!.plannedPurchase).toMatchObject({ status: 'PUBLISHED', notice: null });

      hub.clock.advance(60_000);
      const publication = await hub.gql(PUBLISH_NOTICE, { reference: notice.reference }, draguignan);
      expect(publication.errors).toBeUndefined();
      const launched = (await hub.gql(PLAN, { reference: plan.reference })).data!.plannedPurchase;
      expect(launched).toMatchObject({
        status: 'LAUNCHED',
        launchedAt: publication.data!.publishNotice.publishedAt,
        notice: { reference: notice.reference, status: 'PUBLISHED' },
      });
      expect((await hub.gql(NOTICE_PLAN, { reference: notice.reference })).data!.notice.plannedPurchase).toEqual({
        reference: plan.reference,
        publishedAt: plan.publishedAt,
        status: 'LAUNCHED',
      });
      expect(await listed()).toContain(plan.reference);
      const event = await hub.orm.em.fork().findOne(OutboxEvent, { type: 'planned-purchase.launched' });
      expect(event?.payload).toEqual({ reference: plan.reference, notice: notice.reference });
    });

    it('a draft notice may change its mind: pointed elsewhere or at none, the plan is free again', async () => {
      const first = await published();
      const second = await published();
      const created = await hub.gql(CREATE_NOTICE, { input: noticeInput(hub.clock.now(), { plannedPurchaseReference: first.reference }) }, draguignan);
      const { reference } = created.data!.createNotice;
      const moved = await hub.gql(UPDATE_NOTICE, { reference, input: { plannedPurchaseReference: second.reference } }, draguignan);
      expect(moved.data!.updateDraftNotice.plannedPurchase).toEqual({ reference: second.reference });
      const other = await hub.gql(CREATE_NOTICE, { input: noticeInput(hub.clock.now(), { plannedPurchaseReference: first.reference }) }, draguignan);
      expect(other.errors).toBeUndefined();
      const none = await hub.gql(UPDATE_NOTICE, { reference, input: { plannedPurchaseReference: null } }, draguignan);
      expect(none.data!.updateDraftNotice.plannedPurchase).toBeNull();
    });

    it.each([
      ['a draft planned purchase', 'draft', 'BAD_USER_INPUT'],
      ['a withdrawn one', 'withdrawn', 'BAD_USER_INPUT'],
      ['another organisation’s', 'lorgues', 'BAD_USER_INPUT'],
      ['one another draft notice already launches', 'taken', 'CONFLICT'],
      ['one that does not exist', 'unknown', 'BAD_USER_INPUT'],
    ])('a notice cannot launch %s (%s): %s, nothing recorded', async (_, kind, code) => {
      let target = 'PREV-2026-DRA-9999';
      if (kind === 'draft') target = (await draft()).reference;
      if (kind === 'withdrawn') {
        target = (await published()).reference;
        await hub.gql(WITHDRAW_PLAN, { reference: target, reason: 'Abandonné' }, draguignan);
      }
      if (kind === 'lorgues') target = (await published(lorgues, { contactEmail: 'achats@lorgues.example' })).reference;
      if (kind === 'taken') {
        target = (await published()).reference;
        const taken = await hub.gql(CREATE_NOTICE, { input: noticeInput(hub.clock.now(), { plannedPurchaseReference: target }) }, draguignan);
        expect(taken.errors).toBeUndefined();
      }
      const before = await counts();
      const result = await hub.gql(CREATE_NOTICE, { input: noticeInput(hub.clock.now(), { plannedPurchaseReference: target }) }, draguignan);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field: 'plannedPurchaseReference' });
      expect(await counts()).toEqual(before);
    });

    it('the indicators count, per buyer, the notices announced in the plan three months or more before publication', async () => {
      const INDICATORS = `query($year: Int) { planAnnouncementIndicators(year: $year) {
        total { publishedNotices announcedNotices announcedEarly earlyShare }
        buyers { organisation { siren } publishedNotices announcedNotices announcedEarly earlyShare } } }`;
      const figures = async () => (await hub.gql(INDICATORS, { year: 2027 })).data!.planAnnouncementIndicators;
      expect((await figures()).buyers).toEqual([]);
      const plan = await published(lorgues, { contactEmail: 'achats@lorgues.example', launchYear: 2027, launchQuarter: 1 });
      hub.clock.set('2027-03-01T09:00:00Z');
      try {
        const token = await hub.login('buyer@lorgues.test');
        const early = await hub.gql(CREATE_NOTICE, { input: noticeInput(hub.clock.now(), { plannedPurchaseReference: plan.reference, contactEmail: 'achats@lorgues.example' }) }, token);
        expect((await hub.gql(PUBLISH_NOTICE, { reference: early.data!.createNotice.reference }, token)).errors).toBeUndefined();
        const plain = await hub.gql(CREATE_NOTICE, { input: noticeInput(hub.clock.now(), { contactEmail: 'achats@lorgues.example' }) }, token);
        expect((await hub.gql(PUBLISH_NOTICE, { reference: plain.data!.createNotice.reference }, token)).errors).toBeUndefined();
        const result = await figures();
        expect(result.buyers).toEqual([{ organisation: { siren: SIREN.lorgues }, publishedNotices: 2, announcedNotices: 1, announcedEarly: 1, earlyShare: 50 }]);
        expect(result.total).toEqual({ publishedNotices: 2, announcedNotices: 1, announcedEarly: 1, earlyShare: 50 });
        // 2026's notice of Draguignan was announced a minute before: announced, not early.
        const last = (await hub.gql(INDICATORS, { year: 2026 })).data!.planAnnouncementIndicators.buyers;
        expect(last.find((row: { organisation: { siren: string } }) => row.organisation.siren === SIREN.draguignan)).toMatchObject({ announcedNotices: 1, announcedEarly: 0 });
      } finally {
        hub.clock.set('2026-12-01T09:00:00Z');
      }
    });

    it('withdrawing a plan a draft notice points at frees that notice, which then publishes without a plan', async () => {
      const plan = await published();
      const created = await hub.gql(CREATE_NOTICE, { input: noticeInput(hub.clock.now(), { plannedPurchaseReference: plan.reference }) }, draguignan);
      const { reference } = created.data!.createNotice;
      await hub.gql(WITHDRAW_PLAN, { reference: plan.reference, reason: 'Remplacé par un groupement' }, draguignan);
      expect((await hub.gql(PUBLISH_NOTICE, { reference }, draguignan)).errors).toBeUndefined();
      expect((await hub.gql(NOTICE_PLAN, { reference })).data!.notice.plannedPurchase).toBeNull();
      expect((await hub.gql(PLAN, { reference: plan.reference })).data!.plannedPurchase).toMatchObject({ status: 'WITHDRAWN', notice: null });
    });
  });
});
