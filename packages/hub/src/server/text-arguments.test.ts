import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { buildHubSchema } from './schema.js';

/** A value of the type whose every text leaf holds a NUL byte; counts the leaves it filled. */
function poisoned(type: GraphQLInputType, leaves: { count: number }, depth = 0): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [poisoned(inner.ofType, leaves, depth)];
  const named = getNamedType(inner);
  if (isEnumType(named)) return named.getValues()[0]?.value;
  if (isInputObjectType(named)) {
    if (depth > 3) return null;
    return Object.fromEntries(Object.entries(named.getFields()).map(([name, field]) => [name, poisoned(field.type, leaves, depth + 1)]));
  }
  if (['Int', 'Float'].includes(named.name)) return 1;
  if (named.name === 'Boolean') return true;
  if (named.name === 'DateTime') return new Date('2026-01-01T00:00:00Z');
  leaves.count += 1;
  return 'texte\u0000';
}

describe('the text rule over the whole schema', () => {
  it('refuses a NUL byte in every text argument of every field, listing each one, before any resolver runs', async () => {
    const schema = await buildHubSchema();
    let fieldsWithText = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const leaves = { count: 0 };
        const args = Object.fromEntries(field.args.map((arg) => [arg.name, poisoned(arg.type, leaves)]));
        if (leaves.count === 0) continue;
        fieldsWithText += 1;
        const resolve = field.resolve as GraphQLFieldResolver<unknown, unknown>;
        let thrown: unknown;
        try {
          await resolve({}, args, {}, {} as never);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${type.name}.${field.name}`).toBeInstanceOf(AppError);
        const error = thrown as AppError;
        expect(error.code).toBe('BAD_USER_INPUT');
        expect((error.details.fields as unknown[]).length, `${type.name}.${field.name}`).toBe(leaves.count);
      }
    }
    expect(fieldsWithText).toBeGreaterThan(40);
  });
});

describe('text arguments over HTTP', () => {
  let hub: TestHub;
  let buyer: string;
  beforeAll(async () => {
    hub = await startTestHub();
    buyer = await hub.login('buyer@lorgues.test');
  });
  afterAll(() => hub?.close());

  it('refuses a NUL byte in a public query with BAD_USER_INPUT naming the argument, not a database error', async () => {
    const result = await hub.gql('query($r: String!) { notice(reference: $r) { title } }', { r: 'LOR-2026-\u0000' });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reference',
      fields: [{ field: 'reference', code: 'FORBIDDEN_CHARACTER', message: expect.stringContaining('U+0000') }],
    });
  });

  it('refuses control and bidi characters in a draft, listing every field, and creates nothing', async () => {
    const input = noticeInput(hub.clock.now(), {
      title: 'Travaux\u0007 de voirie',
      description: 'Texte \u202eenrevni',
      lots: [{ title: 'Lot propre', cpv: '45233140-2' }, { title: 'Lot\u001b[31m', cpv: '45233140-2' }],
    });
    const result = await hub.gql('mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }', { input }, buyer);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('title');
    expect((result.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((problem) => problem.field)).toEqual([
      'title',
      'description',
      'lots[1].title',
    ]);
    const drafts = await hub.gql('{ draftNotices { totalCount } }', {}, buyer);
    expect(drafts.data?.draftNotices.totalCount).toBe(0);
  });

  it('refuses a forbidden character written in the document itself, named with its argument', async () => {
    const result = await hub.gql('{ notices(filter: { text: "voirie\\u202e" }) { totalCount } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.text' });
  });

  it('accepts tab, line feeds and carriage returns in a text', async () => {
    const input = noticeInput(hub.clock.now(), { description: 'Ligne 1\r\nLigne 2\n\tfin' });
    const result = await hub.gql('mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }', { input }, buyer);
    expect(result.errors).toBeUndefined();
  });
});
