import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIREN, noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { PUBLIC_STATUSES } from './notice-lifecycle.js';
import { organisationColumnsFor } from '../organisations/organisation.read-model.js';
import { noticeColumnsFor } from './notice.read-model.js';

/** Every field of a public notice, read from the listing's rows or from the entity by reference. */
const EVERY_FIELD = `reference title description status isOpen nature procedure estimatedValue submissionDeadline
  publishedAt closedAt buyerProfileUrl contactEmail socialClause environmentalClause reservedFor cancelledAt
  cancellationReason updatedAt frameworkAgreement { maximumAmount durationMonths supplierMode consumedAmount }
  organisation { siren slug name kind inseeCode population } family { slug name } mainCpv { code label }
  additionalCpvs { code label } placeOfPerformance { inseeCode name } purchasingGroup { subject }
  corrigenda { reason } lots { number title status estimatedValue unsuccessfulReason cpv { code label }
  award { supplierName supplierSiret sme supplierCommune amount awardedOn coSuppliers { name siret } } }`;

const CREATE = 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }';
const PUBLISH = 'mutation($r: String!) { publishNotice(reference: $r) { reference } }';

describe('the public listing read from plain rows', () => {
  let hub: TestHub;
  let admin: string;
  const references = { open: '', soonPassed: '', closed: '', cancelled: '', awarded: '', unsuccessful: '' };

  async function publish(overrides: Record<string, unknown>): Promise<string> {
    const created = await hub.gql(CREATE, { input: noticeInput(hub.clock.now(), overrides) }, admin);
    expect(created.errors).toBeUndefined();
    const reference = created.data!.createNotice.reference as string;
    expect((await hub.gql(PUBLISH, { r: reference }, admin)).errors).toBeUndefined();
    return reference;
  }

  async function setStatus(reference: string, status: string) {
    await hub.orm.em.getConnection().execute('update notice set status = ? where reference = ?', [status, reference]);
  }

  async function listed(query: string, variables: Record<string, unknown> = {}) {
    const result = await hub.gql(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.notices;
  }

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await hub.login('admin@agglo.test');
    const start = hub.clock.now();
    references.open = await publish({ organisationSiren: SIREN.draguignan, title: 'Ouvert' });
    references.soonPassed = await publish({
      organisationSiren: SIREN.lorgues,
      title: 'Accord-cadre de fournitures de bureau',
      nature: 'SUPPLIES',
      mainCpv: '30192000-1',
      additionalCpvs: ['22800000-8'],
      estimatedValuePublic: false,
      socialClause: true,
      reservedFor: 'INSERTION',
      frameworkAgreement: { maximumAmount: 90000, durationMonths: 24, supplierMode: 'MULTIPLE' },
      submissionDeadline: new Date(start.getTime() + 36 * 86_400_000).toISOString(),
      lots: [
        { title: 'Papier', cpv: '30197630-1', estimatedValue: 30000 },
        { title: 'Classement', cpv: '30199000-0', estimatedValue: 60000 },
      ],
    });
    references.closed = await publish({ title: 'Clos' });
    references.cancelled = await publish({ title: 'Sans suite' });
    references.awarded = await publish({ title: 'Attribué' });
    references.unsuccessful = await publish({ title: 'Infructueux' });
    await setStatus(references.closed, 'CLOSED');
    await setStatus(references.cancelled, 'CANCELLED');
    await setStatus(references.awarded, 'AWARDED');
    await setStatus(references.unsuccessful, 'UNSUCCESSFUL');
    // Past the second notice's deadline (still stored PUBLISHED, the scheduler is not running): it reads CLOSED,
    // and its first lot can be awarded.
    hub.clock.set(new Date(start.getTime() + 38 * 86_400_000));
    admin = await hub.login('admin@agglo.test');
    const awarded = await hub.gql(
      'mutation($r: String!, $input: AwardLotInput!) { awardLot(reference: $r, lotNumber: 1, input: $input) { reference } }',
      { r: references.soonPassed, input: { supplierName: 'Bureau Var', supplierSiret: '41234567000019', sme: true, amount: 28000, awardedOn: '2027-01-05' } },
      admin,
    );
    expect(awarded.errors).toBeUndefined();
    await setStatus(references.soonPassed, 'PUBLISHED');
    await hub.gql('mutation { createNotice(input: { title: "Brouillon" }) { reference } }', {}, admin);
  });
  afterAll(() => hub?.close());

  it('lists, for every set of public statuses, exactly the notices whose status as the public sees it is in the set', async () => {
    const all = await listed('{ notices(first: 200) { totalCount edges { node { reference status } } } }');
    const statusOf = new Map<string, string>(all.edges.map((edge: any) => [edge.node.reference, edge.node.status]));
    expect(statusOf.get(references.soonPassed)).toBe('CLOSED');
    expect(statusOf.get(references.open)).toBe('PUBLISHED');
    expect([...statusOf.values()].sort()).toEqual(['AWARDED', 'CANCELLED', 'CLOSED', 'CLOSED', 'PUBLISHED', 'UNSUCCESSFUL']);
    for (let mask = 1; mask < 2 ** PUBLIC_STATUSES.length; mask++) {
      const statuses = PUBLIC_STATUSES.filter((_, index) => mask & (2 ** index));
      const page = await listed('query($s: [NoticeStatus!]) { notices(filter: { statuses: $s }, first: 200) { totalCount edges { node { reference } } } }', { s: statuses });
      const expected = [...statusOf].filter(([, status]) => statuses.includes(status as never)).map(([reference]) => reference);
      expect(page.edges.map((edge: any) => edge.node.reference).sort(), statuses.join()).toEqual(expected.sort());
      expect(page.totalCount, statuses.join()).toBe(expected.length);
    }
  });

  it('shows a notice in the listing exactly as the notice query shows it, every field included', async () => {
    const { edges } = await listed(`{ notices(first: 200) { edges { node { ${EVERY_FIELD} } } } }`);
    for (const { node } of edges) {
      const single = await hub.gql(`query($r: String!) { notice(reference: $r) { ${EVERY_FIELD} } }`, { r: node.reference });
      expect(single.errors).toBeUndefined();
      expect(node).toEqual(single.data!.notice);
    }
    const framework = edges.find((edge: any) => edge.node.reference === references.soonPassed).node;
    expect(framework).toMatchObject({
      estimatedValue: null,
      socialClause: true,
      reservedFor: 'INSERTION',
      frameworkAgreement: { maximumAmount: 90000, durationMonths: 24, supplierMode: 'MULTIPLE', consumedAmount: 28000 },
      additionalCpvs: [{ code: '22800000-8' }],
      organisation: { siren: SIREN.lorgues },
    });
    expect(framework.lots).toMatchObject([
      { number: 1, status: 'AWARDED', estimatedValue: null, award: { supplierName: 'Bureau Var', sme: true, amount: 28000, coSuppliers: [] } },
      { number: 2, status: 'OPEN', award: null },
    ]);
  });

  it('gives the same page whether fields are asked directly, through fragments or under aliases', async () => {
    const direct = await listed('{ notices(first: 3) { edges { node { reference title organisation { name } lots { number award { amount } } } } } }');
    const fragments = await listed(`query { notices(first: 3) { ...Page } }
      fragment Page on NoticeConnection { edges { node { ... on Notice { reference } ...Shown } } }
      fragment Shown on Notice { title organisation { name } lots { number ... on Lot { award { amount } } } }`);
    expect(fragments).toEqual(direct);
    const aliased = await listed('{ notices(first: 3) { edges { node { reference heading: title buyer: organisation { name } lots { number } } } } }');
    expect(aliased.edges.map((edge: any) => edge.node.heading)).toEqual(direct.edges.map((edge: any) => edge.node.title));
    expect(aliased.edges.map((edge: any) => edge.node.buyer)).toEqual(direct.edges.map((edge: any) => edge.node.organisation));
  });

  it('reads only the columns of the fields asked for, and every column for a field it does not know', () => {
    const listing = noticeColumnsFor(new Set(['reference', 'title', 'status', 'submissionDeadline', 'organisation', 'lots']));
    expect(listing).toContain('title');
    expect(listing).not.toContain('description');
    expect(noticeColumnsFor(new Set(['reference', 'someNewField']))).toContain('description');
    expect(noticeColumnsFor(null)).toContain('description');
    expect(organisationColumnsFor(new Set(['name']))).toEqual(['siren', 'name']);
    expect(organisationColumnsFor(new Set(['name', 'someNewField']))).toContain('population');
  });
});
