import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ALIASES } from './limits.js';
import { noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';

const CREATE = `mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }`;
const PUBLISH = `mutation($reference: String!) { publishNotice(reference: $reference) { status } }`;
const PUBLISH_CHARTER = `mutation($input: CharterVersionInput!) { publishCharterVersion(input: $input) { version } }`;
const SIGN = `mutation($version: Int!) { signCharter(version: $version) { version } }`;

/** English words a French message never holds; a French one holds at least one French word or typographic mark. */
const ENGLISH = /\b(the|is|are|must|may|not|only|cannot|already|found|you|this|has|with|of|be|required|invalid|denied)\b/;
const FRENCH = /[àâçéèêëîïôûùœ’«»]|\b(le|la|les|de|du|des|un|une|est|pas|ne)\b/i;

type Answer = { status: number; errors: Array<{ message: string; extensions?: Record<string, unknown> }> };

/**
 * What a staff member meets in GraphiQL, over HTTP as GraphiQL sends it (issue 11, point 4): each kind of error reads
 * in French, while `extensions.code` (and `field`) stay the stable English names a client branches on.
 */
describe('the errors a staff member reads', () => {
  let hub: TestHub;
  let admin: string;
  let buyer: string;
  let viewer: string;

  beforeAll(async () => {
    hub = await startTestHub();
    [admin, buyer, viewer] = await Promise.all([hub.login('admin@agglo.test'), hub.login('buyer@draguignan.test'), hub.login('viewer@draguignan.test')]);
  });
  afterAll(() => hub?.close());

  async function post(query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<Answer> {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: Answer['errors'] };
    return { status: response.status, errors: body.errors ?? [] };
  }
  const as = (token: string) => `Bearer ${token}`;

  function expectFrench(answer: Answer, extensions: Record<string, unknown>): string {
    expect(answer.errors[0]?.extensions, JSON.stringify(answer.errors)).toMatchObject(extensions);
    const message = answer.errors[0]!.message;
    expect(message, message).toMatch(FRENCH);
    expect(message, message).not.toMatch(ENGLISH);
    return message;
  }

  it('says to sign in first, when no one is signed in', async () => {
    expect(expectFrench(await post(CREATE, { input: noticeInput(hub.clock.now()) }), { code: 'UNAUTHENTICATED' })).toBe('Connectez-vous d’abord.');
  });

  it('says a token is malformed, or invalid or expired', async () => {
    expectFrench(await post('{ me { email } }', {}, 'Basic abc'), { code: 'UNAUTHENTICATED' });
    expectFrench(await post('{ me { email } }', {}, 'Bearer not-a-token'), { code: 'UNAUTHENTICATED' });
  });

  it('says a role may not do this, whether the schema or a service refuses', async () => {
    expectFrench(await post(CREATE, { input: noticeInput(hub.clock.now()) }, as(viewer)), { code: 'FORBIDDEN' });
    const charter = { title: 'Charte', text: 'Je déclare tout conflit d’intérêts.' };
    expectFrench(await post(PUBLISH_CHARTER, { input: charter }, as(buyer)), { code: 'FORBIDDEN' });
  });

  it('names what it could not find', async () => {
    const message = expectFrench(await post(PUBLISH, { reference: '2026-DRA-9999' }, as(buyer)), { code: 'NOT_FOUND' });
    expect(message).toBe('La consultation 2026-DRA-9999 est introuvable.');
  });

  it('says which field is missing or wrong, with the field named in English', async () => {
    const missing = await post(CREATE, { input: noticeInput(hub.clock.now(), { title: '  ' }) }, as(buyer));
    expect(expectFrench(missing, { code: 'BAD_USER_INPUT', field: 'title', fields: [{ field: 'title', code: 'MISSING' }] })).toBe('Le champ title est obligatoire.');
    const wrongVariable = await post('query($first: Int) { notices(first: $first) { totalCount } }', { first: 'abc' });
    expectFrench(wrongVariable, { code: 'BAD_USER_INPUT', field: 'first' });
    const absentVariable = await post('query($r: String!) { notice(reference: $r) { title } }', {});
    expectFrench(absentVariable, { code: 'BAD_USER_INPUT', field: 'r', fields: [{ field: 'r', code: 'MISSING' }] });
  });

  it('says why a step is not allowed in the current state', async () => {
    const reference = ((await hub.gql(CREATE, { input: noticeInput(hub.clock.now()) }, buyer)).data!.createNotice.reference) as string;
    expect((await hub.gql(PUBLISH, { reference }, buyer)).data?.publishNotice.status).toBe('PUBLISHED');
    const again = await post(PUBLISH, { reference }, as(buyer));
    expect(expectFrench(again, { code: 'INVALID_TRANSITION', status: 'PUBLISHED' })).toBe('Une consultation publiée ne peut pas être publiée.');
  });

  it('says what conflicts and what to do', async () => {
    const charter = { title: 'Charte de déontologie', text: 'Je déclare tout conflit d’intérêts.' };
    expect((await hub.gql(PUBLISH_CHARTER, { input: charter }, admin)).data?.publishCharterVersion.version).toBe(1);
    expectFrench(await post(SIGN, { version: 7 }, as(buyer)), { code: 'CONFLICT', currentVersion: 1 });
    const reference = ((await hub.gql(CREATE, { input: noticeInput(hub.clock.now()) }, buyer)).data!.createNotice.reference) as string;
    expectFrench(await post(PUBLISH, { reference }, as(buyer)), { code: 'CHARTER_NOT_SIGNED', version: 1 });
  });

  it('explains a request refused for its size in French', async () => {
    const aliases = Array.from({ length: MAX_ALIASES + 1 }, (_, index) => `a${index}: purchasingFamilies { slug }`).join(' ');
    expectFrench(await post(`{ ${aliases} }`), { code: 'GRAPHQL_VALIDATION_FAILED' });
    const deep = `{ notices { edges { node { plannedPurchase { notice { plannedPurchase { notice { plannedPurchase { notice { plannedPurchase { notice { title } } } } } } } } } } } }`;
    expectFrench(await post(deep), { code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});
