import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffMember } from '../staff/staff-member.entity.js';
import { SIREN, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { signedInStaff } from '../test-support/training-fixtures.js';

const PUBLISH_CHARTER = `mutation($input: CharterVersionInput!) { publishCharterVersion(input: $input) { version } }`;
const SIGN = `mutation { signCharter(version: 1) { version } }`;
const ADOPTION = `{ charterAdoption { version withheld headcount signedCount signedShare
  organisations { organisation { name } withheld headcount signedCount signedShare } } }`;
const STATUS = `{ charterSignatureStatus { organisation { name } headcount signedCount } }`;

const withheld = (name: string, reason: 'SMALL' | 'ALL_OR_NONE') => ({ organisation: { name }, withheld: reason, headcount: null, signedCount: null, signedShare: null });
const published = (name: string, headcount: number, signedCount: number) => ({
  organisation: { name },
  withheld: null,
  headcount,
  signedCount,
  signedShare: signedCount / headcount,
});

// The test hub starts with the agglomeration (1 account), Draguignan (2) and Lorgues (1); staff join and leave here.
describe('the public charter adoption of organisations with few staff', () => {
  let hub: TestHub;
  let admin: string;
  let sirens: Map<string, string>;
  const agglomeration = () => sirens.get(SIREN.agglomeration)!;

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await hub.login('admin@agglo.test');
    const organisations = (await hub.gql('{ organisations { siren name } }')).data!.organisations as Array<{ siren: string; name: string }>;
    sirens = new Map(organisations.flatMap((organisation) => [[organisation.siren, organisation.name], [organisation.name, organisation.siren]]));
    expect((await hub.gql(PUBLISH_CHARTER, { input: { title: 'Charte', text: '# Charte' } }, admin)).errors).toBeUndefined();
    for (const email of ['buyer@draguignan.test', 'buyer@lorgues.test']) await hub.gql(SIGN, {}, await hub.login(email));
  });
  afterAll(() => hub?.close());

  const leave = (emails: string[]) => hub.orm.em.fork().nativeUpdate(StaffMember, { email: { $in: emails } }, { active: false });

  it('gives an anonymous client no count of an organisation of one or two staff accounts, only why, and the territory’s total', async () => {
    const result = await hub.gql(ADOPTION);
    expect(result.errors).toBeUndefined();
    expect(result.data!.charterAdoption).toEqual({
      version: 1,
      withheld: null,
      headcount: 4,
      signedCount: 2,
      signedShare: 0.5,
      organisations: [withheld(agglomeration(), 'SMALL'), withheld('Draguignan', 'SMALL'), withheld('Lorgues', 'SMALL')],
    });
  });

  it('still gives admins the exact counts of every organisation, in the staff-only status', async () => {
    expect((await hub.gql(STATUS, {}, admin)).data!.charterSignatureStatus).toEqual([
      { organisation: { name: agglomeration() }, headcount: 1, signedCount: 0 },
      { organisation: { name: 'Draguignan' }, headcount: 2, signedCount: 1 },
      { organisation: { name: 'Lorgues' }, headcount: 1, signedCount: 1 },
    ]);
  });

  it('withholds the territory’s total when, minus the published rows, it would give away a lone small one', async () => {
    const vidauban = await signedInStaff(hub, 'vidauban', sirens.get('Vidauban')!, 'BUYER', 3);
    const lorgues = await signedInStaff(hub, 'lorgues', SIREN.lorgues, 'VIEWER', 4);
    for (const person of [...vidauban.slice(0, 2), ...lorgues.slice(0, 1)]) await hub.gql(SIGN, {}, person.token);
    // Draguignan's two accounts leave: only the agglomeration's single one is small, and the total minus the
    // published rows would give away whether its holder signed.
    await leave(['buyer@draguignan.test', 'viewer@draguignan.test']);
    const adoption = (await hub.gql(ADOPTION)).data!.charterAdoption;
    expect(adoption.organisations).toEqual([withheld(agglomeration(), 'SMALL'), published('Lorgues', 5, 2), published('Vidauban', 3, 2)]);
    // The total (4) minus the published rows (2 + 2) would say the agglomeration's single account did not sign.
    expect(adoption).toMatchObject({ withheld: 'COMPLEMENTARY', headcount: null, signedCount: null, signedShare: null });
  });

  it('withholds an organisation where everyone signed, however large', async () => {
    await hub.gql(SIGN, {}, await hub.login('vidauban3@staff.test'));
    const adoption = (await hub.gql(ADOPTION)).data!.charterAdoption;
    expect(adoption.organisations).toEqual([withheld(agglomeration(), 'SMALL'), published('Lorgues', 5, 2), withheld('Vidauban', 'ALL_OR_NONE')]);
    expect(adoption.withheld).toBe('COMPLEMENTARY');
  });

  it('withholds the territory’s total too when fewer than three staff accounts remain', async () => {
    await leave(['buyer@lorgues.test', 'vidauban1@staff.test', 'vidauban2@staff.test', 'vidauban3@staff.test', ...[1, 2, 3, 4].map((n) => `lorgues${n}@staff.test`)]);
    expect((await hub.gql(ADOPTION)).data!.charterAdoption).toEqual({
      version: 1,
      withheld: 'SMALL',
      headcount: null,
      signedCount: null,
      signedShare: null,
      organisations: [withheld(agglomeration(), 'SMALL')],
    });
  });
});
