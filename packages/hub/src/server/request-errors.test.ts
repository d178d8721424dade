import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DEPTH } from './limits.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

type Answer = { status: number; body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, any> }> } };

/**
 * A malformed request is the client's to fix: a 400 with a GraphQL error it can act on, never a 500 and an error
 * log (issue 11, point 3: the cost plugin read variables before Apollo had checked them; fragment cycles overflowed
 * the depth limiter's stack).
 */
describe('requests a client must fix are answered 400', () => {
  let hub: TestHub;
  let buyer: string;

  beforeAll(async () => {
    hub = await startTestHub();
    buyer = await hub.login('buyer@draguignan.test');
  });
  afterAll(() => hub?.close());

  async function post(query: string, variables?: Record<string, unknown>, token?: string): Promise<Answer> {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  it.each([
    ['a string for an Int', 'query($first: Int) { notices(first: $first) { totalCount } }', { first: 'abc' }, 'first'],
    ['"NaN" for an Int', 'query($first: Int) { notices(first: $first) { totalCount } }', { first: 'NaN' }, 'first'],
    ['a fraction for an Int', 'query($first: Int) { notices(first: $first) { totalCount } }', { first: 1.5 }, 'first'],
    ['an object for a String', 'query($r: String!) { notice(reference: $r) { title } }', { r: { $gt: '' } }, 'r'],
    ['nothing for a required variable', 'query($r: String!) { notice(reference: $r) { title } }', {}, 'r'],
    ['an unknown enum value', 'query($s: [NoticeStatus!]) { notices(filter: { statuses: $s }) { totalCount } }', { s: ['OUVERT'] }, 's'],
    ['a year written as text', 'query($y: Int) { indicators(year: $y) { noticeCount } }', { y: 'deux mille' }, 'y'],
  ])('refuses %s in the variables with BAD_USER_INPUT naming the variable', async (_label, query, variables, field) => {
    const answer = await post(query, variables);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(answer.body.errors?.[0]?.message).toMatch(new RegExp(`^La variable \\$${field} n’a pas le type attendu`));
  });

  it.each([
    ['an invalid date string', 'pas une date'],
    ['"NaN"', 'NaN'],
    ['a date beyond year 9999', '+275760-09-13T00:00:00Z'],
  ])('refuses %s for a DateTime variable of a staff mutation, a 400 that changes nothing', async (_label, deadline) => {
    const answer = await post(
      'mutation($input: NoticeDraftInput!) { updateDraftNotice(reference: "2026-DRA-0001", input: $input) { reference } }',
      { input: { submissionDeadline: deadline } },
      buyer,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
  });

  it('lists every variable of the wrong type at once', async () => {
    const answer = await post('query($a: Int, $b: Int) { x: notices(first: $a) { totalCount } y: notices(first: $b) { totalCount } }', { a: 'x', b: 'y' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.fields.map((problem: { field: string }) => problem.field)).toEqual(['a', 'b']);
  });

  it.each([
    ['a fragment that spreads itself', 'query { notices { ...A } } fragment A on NoticeConnection { totalCount ...A }'],
    [
      'two fragments that spread each other',
      'query { notices { edges { node { ...A } } } } fragment A on Notice { reference lots { notice: __typename } ...B } fragment B on Notice { title ...A }',
    ],
  ])('refuses %s as a validation error instead of overflowing the depth limiter', async (_label, query) => {
    const answer = await post(query);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors?.map((error) => error.message).join(' ')).toMatch(/Cannot spread fragment/);
  });

  it('still measures the depth through fragments without a cycle', async () => {
    // Notice.plannedPurchase.notice leads back to a Notice: each fragment nests the previous one two levels deeper.
    const chain = (levels: number) => {
      let fragments = 'fragment F0 on Notice { reference }';
      for (let level = 1; level <= levels; level++) fragments += ` fragment F${level} on Notice { plannedPurchase { notice { ...F${level - 1} } } }`;
      return `query { notices { edges { node { ...F${levels} } } } } ${fragments}`;
    };
    const tooDeep = await post(chain(MAX_DEPTH / 2 + 1));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooDeep.body.errors?.[0]?.message).toMatch(/dépasse la profondeur maximale/);
    const shallow = await post(chain(1));
    expect(shallow.status).toBe(200);
    expect(shallow.body.errors).toBeUndefined();
  });
});
