import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { FrameworkOrder } from '../framework-orders/framework-order.entity.js';
import { PurchasingGroup } from '../purchasing-groups/purchasing-group.entity.js';
import { TrainingSession } from '../trainings/training-session.entity.js';
import { SIREN, noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { Award } from './award.entity.js';
import { Lot } from './lot.entity.js';
import { Notice } from './notice.entity.js';

import { TRAINING_TOPICS } from '../trainings/training-topics.js';

const TOPIC = TRAINING_TOPICS[0];
const SIRET = '41234567000019';
const CREATE = 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }';
const UPDATE = 'mutation($r: String!, $input: NoticeDraftInput!) { updateDraftNotice(reference: $r, input: $input) { reference lots { number } } }';
const PUBLISH = 'mutation($r: String!) { publishNotice(reference: $r) { status } }';
const CORRECT = 'mutation($r: String!, $input: NoticeCorrectionInput!) { correctNotice(reference: $r, input: $input) { reference } }';
const AWARD = 'mutation($r: String!, $lot: Int!, $input: AwardLotInput!) { awardLot(reference: $r, lotNumber: $lot, input: $input) { status } }';
const ORDER = 'mutation($r: String!, $input: FrameworkOrderInput!) { recordFrameworkOrder(reference: $r, input: $input) { reference } }';

type Problem = { field: string; code: string; message: string };
const fieldsOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  ((result.errors?.[0]?.extensions?.fields as Problem[] | undefined) ?? []).map((problem) => [problem.field, problem.code]);

/**
 * Dates and amounts are refused where they enter through the API when they could break a public figure: the class of
 * defect of issue 11 (an award dated 1900 or 2150 froze the site; an amount of 1e308 overflowed the indicators).
 * The clock starts on 1 December 2026: the notices are published that day, and their deadlines pass in January 2027.
 */
describe('plausible dates and amounts through the API', () => {
  let hub: TestHub;
  let buyer: string;
  let admin: string;
  let awardable: string;
  let framework: string;

  const award = (overrides: Record<string, unknown> = {}) => ({
    supplierName: 'Provence Vert', supplierSiret: SIRET, sme: true, amount: 48_000, awardedOn: '2027-01-20', ...overrides,
  });

  async function counts() {
    const em = hub.orm.em.fork();
    return {
      notices: await em.count(Notice, {}),
      lots: await em.count(Lot, {}),
      awards: await em.count(Award, {}),
      orders: await em.count(FrameworkOrder, {}),
      groups: await em.count(PurchasingGroup, {}),
      sessions: await em.count(TrainingSession, {}),
      audit: await em.count(AuditEntry, {}),
      events: await em.count(OutboxEvent, {}),
    };
  }

  beforeAll(async () => {
    hub = await startTestHub();
    buyer = await hub.login('buyer@draguignan.test');
    const create = async (overrides: Record<string, unknown> = {}) => {
      const result = await hub.gql(CREATE, { input: noticeInput(hub.clock.now(), overrides) }, buyer);
      expect(result.errors).toBeUndefined();
      const reference = result.data!.createNotice.reference as string;
      expect((await hub.gql(PUBLISH, { r: reference }, buyer)).errors).toBeUndefined();
      return reference;
    };
    awardable = await create();
    framework = await create({ frameworkAgreement: { maximumAmount: 200_000, durationMonths: 48, supplierMode: 'SINGLE' } });
    // Past the deadlines (10 January 2027 plus a day), on 25 January 2027.
    hub.clock.set('2027-01-25T10:00:00Z');
    [buyer, admin] = await Promise.all([hub.login('buyer@draguignan.test'), hub.login('admin@agglo.test')]);
  });
  afterAll(() => hub?.close());

  it.each([
    ['a spreadsheet’s empty date', { awardedOn: '1900-01-01' }, 'awardedOn', 'IMPLAUSIBLE'],
    ['a date in the future', { awardedOn: '2150-01-01' }, 'awardedOn', 'IMPLAUSIBLE'],
    ['tomorrow', { awardedOn: '2027-01-26' }, 'awardedOn', 'IMPLAUSIBLE'],
    ['a date before the notice was published', { awardedOn: '2026-11-30' }, 'awardedOn', 'IMPLAUSIBLE'],
    ['a date that does not exist', { awardedOn: '2027-02-30' }, 'awardedOn', 'INVALID'],
    ['an amount of 1e308', { amount: 1e308 }, 'amount', 'IMPLAUSIBLE'],
    ['a negative amount', { amount: -1 }, 'amount', 'INVALID'],
  ])('refuses to award a lot with %s, naming the field, and changes nothing', async (_label, overrides, field, code) => {
    const before = await counts();
    const result = await hub.gql(AWARD, { r: awardable, lot: 1, input: award(overrides) }, buyer);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(fieldsOf(result)).toEqual([[field, code]]);
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^Le champ ${field} `));
    expect(await counts()).toEqual(before);
  });

  it('lists every refused field of an award at once, and changes nothing', async () => {
    const before = await counts();
    const result = await hub.gql(
      AWARD,
      { r: awardable, lot: 1, input: award({ supplierName: '  ', supplierSiret: '41234567000018', amount: 1e12, awardedOn: '2150-01-01' }) },
      buyer,
    );
    expect(fieldsOf(result)).toEqual([
      ['supplierName', 'MISSING'],
      ['supplierSiret', 'INVALID'],
      ['amount', 'IMPLAUSIBLE'],
      ['awardedOn', 'IMPLAUSIBLE'],
    ]);
    expect(result.errors?.[0]?.message).toMatch(/^4 champs sont à corriger/);
    expect(await counts()).toEqual(before);
  });

  it('awards on the day of publication or later, up to today', async () => {
    const result = await hub.gql(AWARD, { r: awardable, lot: 1, input: award({ awardedOn: '2027-01-25' }) }, buyer);
    expect(result.errors).toBeUndefined();
    expect(result.data!.awardLot.status).toBe('AWARDED');
  });

  it('refuses a framework order dated in the future or before the award, or of an implausible amount', async () => {
    expect((await hub.gql(AWARD, { r: framework, lot: 1, input: award({ awardedOn: '2027-01-15' }) }, buyer)).errors).toBeUndefined();
    const before = await counts();
    const order = (overrides: Record<string, unknown>) => ({
      lotNumber: 1, reference: 'BC-1', supplierName: 'Provence Vert', supplierSiret: SIRET, amount: 1_000, orderedOn: '2027-01-20', ...overrides,
    });
    const future = await hub.gql(ORDER, { r: framework, input: order({ orderedOn: '2027-06-01', amount: 1e308 }) }, buyer);
    expect(fieldsOf(future)).toEqual([['amount', 'IMPLAUSIBLE'], ['orderedOn', 'IMPLAUSIBLE']]);
    const early = await hub.gql(ORDER, { r: framework, input: order({ orderedOn: '2027-01-14' }) }, buyer);
    expect(fieldsOf(early)).toEqual([['orderedOn', 'IMPLAUSIBLE']]);
    expect(await counts()).toEqual(before);
    expect((await hub.gql(ORDER, { r: framework, input: order({}) }, buyer)).errors).toBeUndefined();
  });

  it('refuses a draft whose deadline is five years away or whose estimates are implausible, listing every field', async () => {
    const before = await counts();
    const result = await hub.gql(
      CREATE,
      {
        input: noticeInput(hub.clock.now(), {
          title: '',
          submissionDeadline: '2150-01-01T12:00:00Z',
          estimatedValue: 1e308,
          lots: [{ title: 'Lot', cpv: '77310000-6', estimatedValue: -3 }],
          frameworkAgreement: { maximumAmount: 2e11, durationMonths: 12, supplierMode: 'SINGLE' },
        }),
      },
      buyer,
    );
    expect(fieldsOf(result)).toEqual([
      ['title', 'MISSING'],
      ['estimatedValue', 'IMPLAUSIBLE'],
      ['submissionDeadline', 'IMPLAUSIBLE'],
      ['frameworkAgreement.maximumAmount', 'IMPLAUSIBLE'],
      ['lots[0].estimatedValue', 'INVALID'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('reports a required field left out of a new draft as missing, not invalid', async () => {
    const result = await hub.gql('mutation { createNotice(input: { title: "Brouillon" }) { reference } }', {}, buyer);
    expect(fieldsOf(result)).toEqual([
      ['mainCpv', 'MISSING'],
      ['submissionDeadline', 'MISSING'],
      ['buyerProfileUrl', 'MISSING'],
      ['contactEmail', 'MISSING'],
    ]);
    expect(result.errors?.[0]?.message).toContain('Le champ mainCpv est obligatoire.');
  });

  it('refuses null for a field of a draft that cannot be empty, instead of failing in the database', async () => {
    const draft = (await hub.gql(CREATE, { input: noticeInput(hub.clock.now()) }, buyer)).data!.createNotice.reference;
    const before = await counts();
    const result = await hub.gql(UPDATE, { r: draft, input: { nature: null, title: null, lots: null, socialClause: null } }, buyer);
    expect(fieldsOf(result)).toEqual([
      ['title', 'MISSING'],
      ['nature', 'MISSING'],
      ['socialClause', 'MISSING'],
      ['lots', 'MISSING'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('an empty list of lots removes the lots of a draft, and publishing then asks for one', async () => {
    const draft = (await hub.gql(CREATE, { input: noticeInput(hub.clock.now()) }, buyer)).data!.createNotice.reference;
    const emptied = await hub.gql(UPDATE, { r: draft, input: { lots: [] } }, buyer);
    expect(emptied.errors).toBeUndefined();
    expect(emptied.data!.updateDraftNotice.lots).toEqual([]);
    const refilled = await hub.gql(UPDATE, { r: draft, input: { lots: [{ title: 'Unique', cpv: '77310000-6' }] } }, buyer);
    expect(refilled.data!.updateDraftNotice.lots).toEqual([{ number: 1 }]);
    await hub.gql(UPDATE, { r: draft, input: { lots: [] } }, buyer);
    const publish = await hub.gql(PUBLISH, { r: draft }, buyer);
    expect(publish.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lots' });
  });

  it('refuses a correction with an implausible deadline and estimate, listing both, and records no corrigendum', async () => {
    hub.clock.set('2027-01-26T09:00:00Z');
    [buyer, admin] = await Promise.all([hub.login('buyer@draguignan.test'), hub.login('admin@agglo.test')]);
    const open = (await hub.gql(CREATE, { input: noticeInput(hub.clock.now()) }, buyer)).data!.createNotice.reference;
    expect((await hub.gql(PUBLISH, { r: open }, buyer)).errors).toBeUndefined();
    const before = await counts();
    const result = await hub.gql(
      CORRECT,
      { r: open, input: { reason: 'Report', submissionDeadline: '2150-01-01T12:00:00Z', estimatedValue: 5e11, lots: [{ number: 1, estimatedValue: 1e308 }] } },
      buyer,
    );
    expect(fieldsOf(result)).toEqual([
      ['submissionDeadline', 'IMPLAUSIBLE'],
      ['estimatedValue', 'IMPLAUSIBLE'],
      ['lots[0].estimatedValue', 'IMPLAUSIBLE'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a training session planned beyond five years, and a purchasing group agreement dated 1900', async () => {
    const training = await hub.gql(
      `mutation($input: TrainingInput!) { createTraining(input: $input) { slug } }`,
      { input: { title: 'Les seuils de publicité', topic: TOPIC, description: 'Une matinée.', providerKind: 'INTERNAL', providerName: 'DCP', durationHours: 3 } },
      admin,
    );
    expect(training.errors).toBeUndefined();
    const before = await counts();
    const session = await hub.gql(
      `mutation($input: TrainingSessionInput!) { scheduleTrainingSession(input: $input) { id } }`,
      {
        input: {
          trainingSlug: training.data!.createTraining.slug,
          startsAt: '2150-01-01T09:00:00Z',
          endsAt: '2150-01-01T12:00:00Z',
          place: 'Draguignan',
          capacity: 0,
        },
      },
      admin,
    );
    expect(fieldsOf(session)).toEqual([
      ['startsAt', 'IMPLAUSIBLE'],
      ['endsAt', 'IMPLAUSIBLE'],
      ['capacity', 'INVALID'],
    ]);
    const group = await hub.gql(
      `mutation($input: PurchasingGroupInput!) { createPurchasingGroup(input: $input) { id } }`,
      {
        input: {
          subject: 'Téléphonie',
          coordinatorSiren: SIREN.agglomeration,
          memberSirens: [SIREN.draguignan],
          agreementStart: '1900-01-01',
          agreementEnd: '2150-01-01',
        },
      },
      admin,
    );
    expect(fieldsOf(group)).toEqual([
      ['agreementStart', 'IMPLAUSIBLE'],
      ['agreementEnd', 'IMPLAUSIBLE'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('never lists a year the indicators query refuses, and no stored amount overflows a total', async () => {
    // Records written before these rules (or by hand): an award of 1900, one of 2150, an amount of 1e308.
    const em = hub.orm.em.fork();
    const lot = await em.findOneOrFail(Lot, { notice: { reference: awardable }, number: 1 }, { populate: ['award'] });
    const stored = lot.award!.getEntity();
    await em.getConnection().execute('update award set awarded_on = ?, amount = ? where id = ?', ['1900-01-01', 1e308, stored.id]);
    const other = await em.findOneOrFail(Lot, { notice: { reference: framework }, number: 1 }, { populate: ['award'] });
    await em.getConnection().execute('update award set awarded_on = ? where id = ?', ['2150-01-01', other.award!.id]);

    const years = (await hub.gql('{ indicatorYears }')).data!.indicatorYears as number[];
    expect(years).not.toContain(1900);
    expect(years).not.toContain(2150);
    expect(years.length).toBeGreaterThan(0);
    for (const year of [...years, null]) {
      const result = await hub.gql('query($year: Int) { indicators(year: $year) { awardedAmount } }', { year });
      expect(result.errors, `year ${year}`).toBeUndefined();
      expect(Number.isFinite(result.data!.indicators.awardedAmount)).toBe(true);
    }
    for (const year of [1999, 2028]) {
      const refused = await hub.gql('query($year: Int) { indicators(year: $year) { awardedAmount } }', { year });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    }
  });
});
