import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { NOTICE_FIELDS, SIREN, noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { Notice } from './notice.entity.js';

const CREATE = `mutation($input: CreateNoticeInput!) { createNotice(input: $input) { ${NOTICE_FIELDS} } }`;
const PUBLISH = `mutation($reference: String!) { publishNotice(reference: $reference) { ${NOTICE_FIELDS} } }`;
const CORRECT = `mutation($reference: String!, $input: NoticeCorrectionInput!) { correctNotice(reference: $reference, input: $input) { ${NOTICE_FIELDS} } }`;
const PUBLIC_NOTICE = `query($reference: String!) { notice(reference: $reference) { ${NOTICE_FIELDS} } }`;
const OPEN_LIST = `{ notices(filter: { statuses: [PUBLISHED] }, first: 100) { totalCount edges { node { reference isOpen } } } }`;

describe('notices through the API', () => {
  let hub: TestHub;
  let draguignan: string;
  let lorgues: string;
  let viewer: string;
  let admin: string;

  beforeAll(async () => {
    hub = await startTestHub();
    [draguignan, lorgues, viewer, admin] = await Promise.all([
      hub.login('buyer@draguignan.test'),
      hub.login('buyer@lorgues.test'),
      hub.login('viewer@draguignan.test'),
      hub.login('admin@agglo.test'),
    ]);
  });
  afterAll(() => hub?.close());

  async function createDraft(token = draguignan, overrides: Record<string, unknown> = {}) {
    const result = await hub.gql(CREATE, { input: noticeInput(hub.clock.now(), overrides) }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.createNotice as { reference: string; status: string };
  }

  async function counts() {
    const em = hub.orm.em.fork();
    return {
      notices: await em.count(Notice, {}),
      audit: await em.count(AuditEntry, {}),
      events: await em.count(OutboxEvent, {}),
      published: await em.count(Notice, { status: 'PUBLISHED' }),
    };
  }

  it('a buyer drafts a notice for its own organisation, referenced by organisation and year', async () => {
    const draft = await createDraft();
    expect(draft.reference).toMatch(/^2026-DRA-\d{4}$/);
    expect(draft.status).toBe('DRAFT');
  });

  it('numbers on past 9999 in a year: the notice after 2026-DRA-10000 is 2026-DRA-10001, not a clash with it', async () => {
    // References are padded to four digits, so their text order puts 9999 after 10000.
    const [first, second] = [await createDraft(), await createDraft()];
    const em = hub.orm.em.fork();
    await em.nativeUpdate(Notice, { reference: first.reference }, { reference: '2026-DRA-9999' });
    await em.nativeUpdate(Notice, { reference: second.reference }, { reference: '2026-DRA-10000' });
    expect((await createDraft()).reference).toBe('2026-DRA-10001');
    expect((await createDraft()).reference).toBe('2026-DRA-10002');
  });

  it('derives the purchasing family from the main CPV code unless the buyer sets it', async () => {
    const derived = await hub.gql(CREATE, { input: noticeInput(hub.clock.now()) }, draguignan);
    expect(derived.data!.createNotice.family).toEqual({ slug: 'espaces-verts' });
    const chosen = await hub.gql(CREATE, { input: noticeInput(hub.clock.now(), { familySlug: 'batiments' }) }, draguignan);
    expect(chosen.data!.createNotice.family).toEqual({ slug: 'batiments' });
  });

  it('a buyer of Lorgues cannot publish a notice of Draguignan, and nothing changes', async () => {
    const draft = await createDraft(draguignan);
    const before = await counts();
    const result = await hub.gql(PUBLISH, { reference: draft.reference }, lorgues);
    // Lorgues cannot even see Draguignan's draft: it is not found, rather than revealed as forbidden.
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);

    const published = await hub.gql(PUBLISH, { reference: draft.reference }, draguignan);
    expect(published.errors).toBeUndefined();
    const cancel = await hub.gql(
      'mutation($r: String!) { cancelNotice(reference: $r, reason: "Pour voir") { status } }',
      { r: draft.reference },
      lorgues,
    );
    expect(cancel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stored = await hub.orm.em.fork().findOneOrFail(Notice, { reference: draft.reference });
    expect(stored.status).toBe('PUBLISHED');
  });

  it('a buyer of Lorgues cannot create a notice for Draguignan, but an admin can', async () => {
    const before = await counts();
    const refused = await hub.gql(CREATE, { input: noticeInput(hub.clock.now(), { organisationSiren: SIREN.draguignan }) }, lorgues);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    const allowed = await hub.gql(CREATE, { input: noticeInput(hub.clock.now(), { organisationSiren: SIREN.draguignan }) }, admin);
    expect(allowed.data!.createNotice.organisation.siren).toBe(SIREN.draguignan);
  });

  it('a viewer reads but cannot create, and an anonymous client must sign in', async () => {
    const before = await counts();
    const asViewer = await hub.gql(CREATE, { input: noticeInput(hub.clock.now()) }, viewer);
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await hub.gql(CREATE, { input: noticeInput(hub.clock.now()) });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
  });

  it('publishing records the publication instant, an audit entry and a notice.published event in one go', async () => {
    const draft = await createDraft();
    const before = await counts();
    const result = await hub.gql(PUBLISH, { reference: draft.reference }, draguignan);
    expect(result.data!.publishNotice).toMatchObject({ status: 'PUBLISHED', isOpen: true });
    const after = await counts();
    expect(after.audit).toBe(before.audit + 1);
    expect(after.events).toBe(before.events + 1);
    const events = await hub.orm.em.fork().find(OutboxEvent, { type: 'notice.published' });
    expect(events.map((event) => event.payload)).toContainEqual({ reference: draft.reference });
  });

  it.each([
    ['an unknown CPV code', { mainCpv: '99999999' }, 'mainCpv'],
    ['a lot with an unknown CPV code', { lots: [{ title: 'Lot', cpv: '12345678' }] }, 'lots[0].cpv'],
    ['a commune outside the Var', { placeOfPerformanceInseeCode: '75056' }, 'placeOfPerformanceInseeCode'],
    ['a negative estimate', { estimatedValue: -5 }, 'estimatedValue'],
    ['a profile link that is not a URL', { buyerProfileUrl: 'consultation 42' }, 'buyerProfileUrl'],
    ['a staff member’s own address as public contact', { contactEmail: 'buyer@lorgues.test' }, 'contactEmail'],
    ['an empty title', { title: '   ' }, 'title'],
    ['an unknown family', { familySlug: 'astronautique' }, 'familySlug'],
  ])('refuses a draft with %s, naming the field, and writes nothing', async (_label, overrides, field) => {
    const before = await counts();
    const result = await hub.gql(CREATE, { input: noticeInput(hub.clock.now(), overrides) }, draguignan);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await counts()).toEqual(before);
  });

  it('refuses to publish without lots or with too short a deadline, and the draft stays a draft', async () => {
    const noLots = await createDraft(draguignan, { lots: [] });
    const tooSoon = await createDraft(draguignan, {
      procedure: 'OPEN',
      submissionDeadline: new Date(hub.clock.now().getTime() + 10 * 86_400_000).toISOString(),
    });
    const before = await counts();
    const withoutLots = await hub.gql(PUBLISH, { reference: noLots.reference }, draguignan);
    expect(withoutLots.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lots' });
    const short = await hub.gql(PUBLISH, { reference: tooSoon.reference }, draguignan);
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'submissionDeadline' });
    expect(await counts()).toEqual(before);
  });

  it('refuses a transition the lifecycle does not allow', async () => {
    const draft = await createDraft();
    const before = await counts();
    const result = await hub.gql('mutation($r: String!) { cancelNotice(reference: $r, reason: "Test") { status } }', { r: draft.reference }, draguignan);
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(await counts()).toEqual(before);
  });

  it('a correction appears publicly with its reason and what changed, and can extend the deadline', async () => {
    const draft = await createDraft();
    await hub.gql(PUBLISH, { reference: draft.reference }, draguignan);
    const notice = (await hub.gql(PUBLIC_NOTICE, { reference: draft.reference })).data!.notice;
    const extended = new Date(new Date(notice.submissionDeadline).getTime() + 7 * 86_400_000).toISOString();
    const corrected = await hub.gql(
      CORRECT,
      { reference: draft.reference, input: { reason: 'Report de la date limite après une visite', submissionDeadline: extended, title: 'Entretien du parc Haussmann' } },
      draguignan,
    );
    expect(corrected.errors).toBeUndefined();
    const publicView = (await hub.gql(PUBLIC_NOTICE, { reference: draft.reference })).data!.notice;
    expect(publicView.title).toBe('Entretien du parc Haussmann');
    expect(publicView.submissionDeadline).toBe(extended);
    expect(publicView.corrigenda).toHaveLength(1);
    expect(publicView.corrigenda[0].reason).toBe('Report de la date limite après une visite');
    expect(publicView.corrigenda[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'submissionDeadline', label: 'Date limite de remise des offres', before: notice.submissionDeadline, after: extended },
        { field: 'title', label: 'Objet du marché', before: notice.title, after: 'Entretien du parc Haussmann' },
      ]),
    );
  });

  it('a correction that changes nothing, or brings the deadline into the past, is refused', async () => {
    const draft = await createDraft();
    await hub.gql(PUBLISH, { reference: draft.reference }, draguignan);
    const before = await counts();
    const nothing = await hub.gql(CORRECT, { reference: draft.reference, input: { reason: 'Rien' } }, draguignan);
    expect(nothing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const past = await hub.gql(
      CORRECT,
      { reference: draft.reference, input: { reason: 'Erreur', submissionDeadline: '2020-01-01T00:00:00Z' } },
      draguignan,
    );
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'submissionDeadline' });
    expect(await counts()).toEqual(before);
  });

  it('a notice past its deadline is not open, even before anything has closed it', async () => {
    const draft = await createDraft();
    await hub.gql(PUBLISH, { reference: draft.reference }, draguignan);
    const listed = await hub.gql(OPEN_LIST);
    expect(listed.data!.notices.edges.map((edge: any) => edge.node.reference)).toContain(draft.reference);

    const start = hub.clock.now();
    const deadline = new Date((await hub.gql(PUBLIC_NOTICE, { reference: draft.reference })).data!.notice.submissionDeadline);
    hub.clock.set(new Date(deadline.getTime() + 1000));
    try {
      const open = await hub.gql(OPEN_LIST);
      expect(open.data!.notices.edges.map((edge: any) => edge.node.reference)).not.toContain(draft.reference);
      expect(open.data!.notices.edges.every((edge: any) => edge.node.isOpen)).toBe(true);
      const notice = (await hub.gql(PUBLIC_NOTICE, { reference: draft.reference })).data!.notice;
      expect(notice).toMatchObject({ status: 'CLOSED', isOpen: false });
      const stored = await hub.orm.em.fork().findOneOrFail(Notice, { reference: draft.reference });
      expect(stored.status).toBe('PUBLISHED');
    } finally {
      hub.clock.set(start);
    }
  });

  it('lots are awarded after the deadline, with a checked SIRET, and the notice ends awarded', async () => {
    const draft = await createDraft(draguignan, {
      lots: [
        { title: 'Nord', cpv: '77310000-6', estimatedValue: 50000 },
        { title: 'Sud', cpv: '77310000-6', estimatedValue: 70000 },
      ],
    });
    await hub.gql(PUBLISH, { reference: draft.reference }, draguignan);
    let token = draguignan;
    const award = (lot: number, siret: string) =>
      hub.gql(
        'mutation($r: String!, $lot: Int!, $input: AwardLotInput!) { awardLot(reference: $r, lotNumber: $lot, input: $input) { status lots { status award { supplierName amount } } } }',
        { r: draft.reference, lot, input: { supplierName: 'Provence Vert', supplierSiret: siret, sme: true, amount: 48000, awardedOn: '2027-01-10' } },
        token,
      );
    const early = await award(1, '41234567000019');
    expect(early.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');

    const start = hub.clock.now();
    hub.clock.set(new Date(start.getTime() + 45 * 86_400_000));
    try {
      // Tokens expire after hours; weeks later the buyer signs in again.
      expect((await award(1, '41234567000019')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      token = await hub.login('buyer@draguignan.test');
      const badSiret = await award(1, '41234567000018');
      expect(badSiret.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'supplierSiret' });
      const first = await award(1, '41234567000019');
      expect(first.data!.awardLot.status).toBe('CLOSED');
      const unsuccessful = await hub.gql(
        'mutation($r: String!) { declareLotUnsuccessful(reference: $r, lotNumber: 2, reason: "Aucune offre") { status } }',
        { r: draft.reference },
        token,
      );
      expect(unsuccessful.data!.declareLotUnsuccessful.status).toBe('AWARDED');
      const again = await award(1, '41234567000019');
      expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
      const notice = (await hub.gql(PUBLIC_NOTICE, { reference: draft.reference })).data!.notice;
      expect(notice.lots).toMatchObject([
        { number: 1, status: 'AWARDED', award: { supplierName: 'Provence Vert', amount: 48000 } },
        { number: 2, status: 'UNSUCCESSFUL', award: null },
      ]);
    } finally {
      hub.clock.set(start);
    }
  });

  it('an anonymous client gets nothing of a draft, by any query', async () => {
    const draft = await createDraft(draguignan, { title: 'Projet confidentiel de médiathèque', description: 'Brouillon secret' });
    const byReference = await hub.gql(PUBLIC_NOTICE, { reference: draft.reference });
    expect(byReference.data!.notice).toBeNull();
    const byText = await hub.gql('{ notices(filter: { text: "confidentiel" }) { totalCount edges { node { reference } } } }');
    expect(byText.data!.notices.totalCount).toBe(0);
    const everything = await hub.gql('{ notices(first: 200) { edges { node { reference title description } } } }');
    expect(JSON.stringify(everything)).not.toContain(draft.reference);
    expect(JSON.stringify(everything)).not.toContain('confidentiel');
    const drafts = await hub.gql('{ notices(filter: { statuses: [DRAFT] }) { totalCount } }');
    expect(drafts.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const staffList = await hub.gql('{ draftNotices { totalCount } }');
    expect(staffList.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Another organisation's staff do not see it either; its own viewer does.
    expect((await hub.gql(PUBLIC_NOTICE, { reference: draft.reference }, lorgues)).data!.notice).toBeNull();
    expect((await hub.gql(PUBLIC_NOTICE, { reference: draft.reference }, viewer)).data!.notice.reference).toBe(draft.reference);
  });

  it('filters public notices by commune, family, nature, procedure, CPV prefix and words', async () => {
    const draft = await createDraft(draguignan, { title: 'Fourniture de bornes de recharge', mainCpv: '31681410-0', nature: 'SUPPLIES', placeOfPerformanceInseeCode: '83072', lots: [{ title: 'Bornes', cpv: '31681410-0' }] });
    await hub.gql(PUBLISH, { reference: draft.reference }, draguignan);
    const find = async (filter: Record<string, unknown>) =>
      (await hub.gql('query($f: NoticeFilter) { notices(filter: $f, first: 200) { edges { node { reference } } } }', { f: filter })).data!.notices.edges.map(
        (edge: any) => edge.node.reference,
      );
    expect(await find({ communeInseeCode: '83072' })).toEqual([draft.reference]);
    expect(await find({ nature: 'SUPPLIES' })).toEqual([draft.reference]);
    expect(await find({ cpvPrefix: '3168' })).toEqual([draft.reference]);
    expect(await find({ text: 'BORNES recharge' })).toEqual([draft.reference]);
    expect(await find({ text: 'bornes', organisationSiren: SIREN.lorgues })).toEqual([]);
    expect(await find({ familySlug: 'espaces-verts', text: 'bornes' })).toEqual([]);
    expect(await find({ procedure: 'ADAPTED', text: 'bornes' })).toEqual([]);
  });

  it('pages through notices with cursors, soonest deadline first', async () => {
    const first = await hub.gql('{ notices(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { reference submissionDeadline } } } }');
    const page = first.data!.notices;
    expect(page.edges).toHaveLength(2);
    const next = await hub.gql('query($after: String) { notices(first: 200, after: $after) { edges { node { reference submissionDeadline } } } }', { after: page.pageInfo.endCursor });
    const all = [...page.edges, ...next.data!.notices.edges].map((edge: any) => edge.node);
    expect(all).toHaveLength(page.totalCount);
    const deadlines = all.map((node: any) => node.submissionDeadline);
    expect([...deadlines].sort()).toEqual(deadlines);
    const bad = await hub.gql('{ notices(first: 500) { totalCount } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
