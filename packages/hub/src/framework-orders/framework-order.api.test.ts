import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { FrameworkOrder } from './framework-order.entity.js';

const DAY = 86_400_000;
const HOLDER = '41234567000019';
const FRAMEWORK = `frameworkAgreement { maximumAmount consumedAmount remainingAmount consumptionMethod
  orders { lotNumber reference supplierName amount orderedOn } }`;
const PUBLIC = `query($r: String!) { notice(reference: $r) { ${FRAMEWORK} } }`;
const ORDER = 'mutation($r: String!, $input: FrameworkOrderInput!) { recordFrameworkOrder(reference: $r, input: $input) { reference amount } }';
const AWARD = `mutation($r: String!, $lot: Int!, $input: AwardLotInput!) { awardLot(reference: $r, lotNumber: $lot, input: $input) { status } }`;

describe('orders under a framework agreement', () => {
  let hub: TestHub;
  let draguignan: string;
  let lorgues: string;
  let reference: string;
  let plain: string;

  const order = (overrides: Record<string, unknown> = {}) => ({
    lotNumber: 1, reference: 'BC-001', supplierName: 'Bâti Var Construction', supplierSiret: HOLDER, amount: 20_000, orderedOn: '2027-02-01', ...overrides,
  });
  const award = (amount: number) => ({ supplierName: 'Bâti Var Construction', supplierSiret: HOLDER, sme: true, amount, awardedOn: '2027-01-15' });
  const consumption = async () => (await hub.gql(PUBLIC, { r: reference })).data!.notice.frameworkAgreement;

  beforeAll(async () => {
    hub = await startTestHub();
    [draguignan, lorgues] = await Promise.all([hub.login('buyer@draguignan.test'), hub.login('buyer@lorgues.test')]);
    const create = 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }';
    const framework = await hub.gql(create, {
      input: noticeInput(hub.clock.now(), {
        frameworkAgreement: { maximumAmount: 200_000, durationMonths: 48, supplierMode: 'SINGLE' },
        lots: [
          { title: 'Fournitures', cpv: '77310000-6', estimatedValue: 100_000 },
          { title: 'Entretien', cpv: '77310000-6', estimatedValue: 100_000 },
        ],
      }),
    }, draguignan);
    reference = framework.data!.createNotice.reference;
    plain = (await hub.gql(create, { input: noticeInput(hub.clock.now()) }, draguignan)).data!.createNotice.reference;
    for (const r of [reference, plain]) await hub.gql('mutation($r: String!) { publishNotice(reference: $r) { status } }', { r }, draguignan);
  });
  afterAll(() => hub?.close());

  it('consumes nothing before the award, and states its method', async () => {
    const framework = await consumption();
    expect(framework).toMatchObject({ maximumAmount: 200_000, consumedAmount: 0, remainingAmount: 200_000, orders: [] });
    expect(framework.consumptionMethod).toMatch(/initial award of each lot/);
  });

  it('refuses an order before its lot is awarded', async () => {
    const result = await hub.gql(ORDER, { r: reference, input: order() }, draguignan);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lotNumber' });
  });

  it('follows the awards of its lots, then the orders recorded under them', async () => {
    hub.clock.advance(45 * DAY);
    // Tokens expire in hours: sign in again at the new time.
    [draguignan, lorgues] = await Promise.all([hub.login('buyer@draguignan.test'), hub.login('buyer@lorgues.test')]);
    expect((await hub.gql(AWARD, { r: reference, lot: 1, input: award(50_000) }, draguignan)).errors).toBeUndefined();
    expect(await consumption()).toMatchObject({ consumedAmount: 50_000, remainingAmount: 150_000 });
    await hub.gql(AWARD, { r: reference, lot: 2, input: award(30_000) }, draguignan);
    expect(await consumption()).toMatchObject({ consumedAmount: 80_000, remainingAmount: 120_000 });

    // Orders are past facts: the clock moves past their dates (March 2027) before they are recorded.
    hub.clock.advance(60 * DAY);
    [draguignan, lorgues] = await Promise.all([hub.login('buyer@draguignan.test'), hub.login('buyer@lorgues.test')]);

    expect((await hub.gql(ORDER, { r: reference, input: order() }, draguignan)).errors).toBeUndefined();
    expect((await hub.gql(ORDER, { r: reference, input: order({ reference: 'BC-002', lotNumber: 2, amount: 12_500.5, orderedOn: '2027-03-01' }) }, draguignan)).errors).toBeUndefined();
    const framework = await consumption();
    expect(framework).toMatchObject({ consumedAmount: 112_500.5, remainingAmount: 87_499.5 });
    expect(framework.orders.map((o: { reference: string }) => o.reference)).toEqual(['BC-001', 'BC-002']);
  });

  it('refuses an order beyond the maximum, a duplicate, another supplier or a date before the award, and nothing changes', async () => {
    const before = { orders: await hub.orm.em.fork().count(FrameworkOrder, {}), audit: await hub.orm.em.fork().count(AuditEntry, {}) };
    for (const [input, field] of [
      [order({ reference: 'BC-003', amount: 87_499.51 }), 'amount'],
      [order({ reference: 'BC-001' }), 'reference'],
      [order({ reference: 'BC-004', supplierSiret: '52345678800018' }), 'supplierSiret'],
      [order({ reference: 'BC-005', orderedOn: '2027-01-14' }), 'orderedOn'],
      [order({ reference: 'BC-006', supplierSiret: '41234567000018' }), 'supplierSiret'],
    ] as const) {
      const result = await hub.gql(ORDER, { r: reference, input }, draguignan);
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const notFramework = await hub.gql(ORDER, { r: plain, input: order({ reference: 'BC-007' }) }, draguignan);
    expect(notFramework.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reference' });
    const otherBuyer = await hub.gql(ORDER, { r: reference, input: order({ reference: 'BC-008' }) }, lorgues);
    expect(otherBuyer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await hub.gql(ORDER, { r: reference, input: order({ reference: 'BC-009' }) });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect({ orders: await hub.orm.em.fork().count(FrameworkOrder, {}), audit: await hub.orm.em.fork().count(AuditEntry, {}) }).toEqual(before);
    expect(await consumption()).toMatchObject({ consumedAmount: 112_500.5 });
  });

  it('accepts an order using up exactly what is left', async () => {
    expect((await hub.gql(ORDER, { r: reference, input: order({ reference: 'BC-010', amount: 87_499.5 }) }, draguignan)).errors).toBeUndefined();
    expect(await consumption()).toMatchObject({ consumedAmount: 200_000, remainingAmount: 0 });
  });
});
