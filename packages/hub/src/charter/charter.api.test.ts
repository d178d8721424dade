import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { Notice } from '../notices/notice.entity.js';
import { NOTICE_FIELDS, SIREN, noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { assertCharterSigned } from './charter-policy.js';
import { CharterSignature } from './charter-signature.entity.js';
import { EthicsCharter } from './ethics-charter.entity.js';

const PUBLISH_CHARTER = `mutation($input: CharterVersionInput!) { publishCharterVersion(input: $input) { version title text publishedAt } }`;
const SIGN = `mutation($version: Int!) { signCharter(version: $version) { version signedAt } }`;
const STATUS = `{ charterSignatureStatus { organisation { siren } headcount signedCount unsigned { email } } }`;
const ADOPTION = `{ charterAdoption { version headcount signedCount signedShare organisations { organisation { siren } withheld headcount signedCount signedShare } } }`;
const CREATE = `mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }`;
const PUBLISH = `mutation($reference: String!) { publishNotice(reference: $reference) { ${NOTICE_FIELDS} } }`;
const CORRECT = `mutation($reference: String!, $input: NoticeCorrectionInput!) { correctNotice(reference: $reference, input: $input) { status corrigenda { reason } } }`;

const charter = (version: number) => ({
  title: 'Charte de déontologie de l’achat public',
  text: `# Charte, version ${version}\n\n1. **Impartialité** : je déclare tout conflit d’intérêts.\n2. Je refuse tout cadeau d’un fournisseur.`,
});

describe('the ethics charter', () => {
  let hub: TestHub;
  let admin: string;
  let buyer: string;
  let viewer: string;
  let lorgues: string;

  beforeAll(async () => {
    hub = await startTestHub();
    [admin, buyer, viewer, lorgues] = await Promise.all([
      hub.login('admin@agglo.test'),
      hub.login('buyer@draguignan.test'),
      hub.login('viewer@draguignan.test'),
      hub.login('buyer@lorgues.test'),
    ]);
  });
  afterAll(() => hub?.close());

  const draft = async (token: string) => (await hub.gql(CREATE, { input: noticeInput(hub.clock.now()) }, token)).data!.createNotice.reference as string;
  const statusOf = async (reference: string) => (await hub.orm.em.fork().findOneOrFail(Notice, { reference })).status;

  it('blocks nobody while no charter is published', async () => {
    expect((await hub.gql('{ ethicsCharter { version } charterAdoption { version } }')).data).toEqual({ ethicsCharter: null, charterAdoption: null });
    const reference = await draft(buyer);
    expect((await hub.gql(PUBLISH, { reference }, buyer)).data!.publishNotice.status).toBe('PUBLISHED');
  });

  it('only an admin publishes a version, which the public reads in full', async () => {
    const refused = await hub.gql(PUBLISH_CHARTER, { input: charter(1) }, buyer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const empty = await hub.gql(PUBLISH_CHARTER, { input: { ...charter(1), text: '  ' } }, admin);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    expect(await hub.orm.em.fork().count(EthicsCharter, {})).toBe(0);

    const published = await hub.gql(PUBLISH_CHARTER, { input: charter(1) }, admin);
    expect(published.data!.publishCharterVersion).toMatchObject({ version: 1, title: charter(1).title, publishedAt: hub.clock.now().toISOString() });
    const read = await hub.gql('{ ethicsCharter { version title text } }');
    expect(read.data!.ethicsCharter).toEqual({ version: 1, ...charter(1) });
    const events = await hub.orm.em.fork().find(OutboxEvent, { type: 'charter.published' });
    expect(events.map((event) => event.payload)).toEqual([{ version: 1 }]);
  });

  it('the policy blocks a buyer’s publication until they sign, then allows it', async () => {
    const reference = await draft(buyer);
    const blocked = await hub.gql(PUBLISH, { reference }, buyer);
    expect(blocked.errors?.[0]?.extensions).toEqual({ code: 'CHARTER_NOT_SIGNED', version: 1 });
    expect(await statusOf(reference)).toBe('DRAFT');

    const signed = await hub.gql(SIGN, { version: 1 }, buyer);
    expect(signed.data!.signCharter).toEqual({ version: 1, signedAt: hub.clock.now().toISOString() });
    expect((await hub.gql(PUBLISH, { reference }, buyer)).data!.publishNotice.status).toBe('PUBLISHED');
  });

  it('signing needs the current version, and signing twice changes nothing', async () => {
    const stale = await hub.gql(SIGN, { version: 7 }, lorgues);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    await hub.gql(SIGN, { version: 1 }, lorgues);
    const before = await hub.orm.em.fork().count(CharterSignature, {});
    const again = await hub.gql(SIGN, { version: 1 }, lorgues);
    expect(again.errors).toBeUndefined();
    expect(await hub.orm.em.fork().count(CharterSignature, {})).toBe(before);
    expect((await hub.gql('{ myCharterSignature { version } }', {}, lorgues)).data!.myCharterSignature).toEqual({ version: 1 });
  });

  it('admins see who has not signed, per organisation; the public sees counts only', async () => {
    const status = await hub.gql(STATUS, {}, admin);
    expect(status.data!.charterSignatureStatus).toEqual([
      { organisation: { siren: SIREN.agglomeration }, headcount: 1, signedCount: 0, unsigned: [{ email: 'admin@agglo.test' }] },
      { organisation: { siren: SIREN.draguignan }, headcount: 2, signedCount: 1, unsigned: [{ email: 'viewer@draguignan.test' }] },
      { organisation: { siren: SIREN.lorgues }, headcount: 1, signedCount: 1, unsigned: [] },
    ]);
    expect((await hub.gql(STATUS, {}, buyer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await hub.gql(STATUS)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const adoption = await hub.gql(ADOPTION);
    expect(adoption.data!.charterAdoption).toEqual({
      version: 1,
      headcount: 4,
      signedCount: 2,
      signedShare: 0.5,
      // One or two accounts each: their counts would say who signed (charter-adoption.api.test.ts).
      organisations: [SIREN.agglomeration, SIREN.draguignan, SIREN.lorgues].map((siren) => ({
        organisation: { siren },
        withheld: 'SMALL',
        headcount: null,
        signedCount: null,
        signedShare: null,
      })),
    });
  });

  it('a new version makes everyone unsigned, and blocks corrections too until they sign again', async () => {
    const reference = await draft(buyer);
    await hub.gql(PUBLISH, { reference }, buyer);
    expect((await hub.gql(PUBLISH_CHARTER, { input: charter(2) }, admin)).data!.publishCharterVersion.version).toBe(2);

    const adoption = await hub.gql(ADOPTION);
    // No one signed version 2 yet: a count that describes each person is withheld too.
    expect(adoption.data!.charterAdoption).toMatchObject({ version: 2, headcount: null, signedCount: null, signedShare: null });
    const unsigned = (await hub.gql(STATUS, {}, admin)).data!.charterSignatureStatus.flatMap((row: { unsigned: Array<{ email: string }> }) => row.unsigned.map((member) => member.email));
    expect(unsigned.sort()).toEqual(['admin@agglo.test', 'buyer@draguignan.test', 'buyer@lorgues.test', 'viewer@draguignan.test']);
    expect((await hub.gql('{ myCharterSignature { version } }', {}, buyer)).data!.myCharterSignature).toBeNull();

    const correction = { reason: 'Précision sur la visite des lieux', description: 'Visite obligatoire le 10 décembre.' };
    const blocked = await hub.gql(CORRECT, { reference, input: correction }, buyer);
    expect(blocked.errors?.[0]?.extensions).toEqual({ code: 'CHARTER_NOT_SIGNED', version: 2 });
    expect((await hub.orm.em.fork().findOneOrFail(Notice, { reference }, { populate: ['description'] })).description).not.toBe(correction.description);
    // The old version no longer counts.
    expect((await hub.gql(SIGN, { version: 1 }, buyer)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await hub.gql(SIGN, { version: 2 }, buyer);
    expect((await hub.gql(CORRECT, { reference, input: correction }, buyer)).data!.correctNotice.corrigenda).toHaveLength(1);
  });

  it('applies to admins who publish as well, and a viewer may sign though they publish nothing', async () => {
    const reference = await draft(admin);
    expect((await hub.gql(PUBLISH, { reference }, admin)).errors?.[0]?.extensions?.code).toBe('CHARTER_NOT_SIGNED');
    await hub.gql(SIGN, { version: 2 }, admin);
    expect((await hub.gql(PUBLISH, { reference }, admin)).data!.publishNotice.status).toBe('PUBLISHED');
    expect((await hub.gql(SIGN, { version: 2 }, viewer)).data!.signCharter.version).toBe(2);
  });

  it('is not enforced when CHARTER_POLICY is off', async () => {
    const actor = { staffMemberId: 'nobody', organisationId: 'none', role: 'BUYER' as const, tokenHash: '' };
    const em = hub.orm.em.fork();
    await expect(assertCharterSigned(em, actor, { charterPolicy: true })).rejects.toMatchObject({ code: 'CHARTER_NOT_SIGNED' });
    await expect(assertCharterSigned(em, actor, { charterPolicy: false })).resolves.toBeUndefined();
  });
});
