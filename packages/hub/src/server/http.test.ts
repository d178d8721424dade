import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { MAX_ALIASES } from './limits.js';

describe('the hub over HTTP', () => {
  let hub: TestHub;
  let origin: string;

  beforeAll(async () => {
    hub = await startTestHub();
    origin = new URL(hub.url).origin;
  });
  afterAll(() => hub?.close());

  it('answers /healthz when the database answers', async () => {
    const response = await fetch(`${origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('opens GraphiQL, served by the hub itself, for a browser at /graphql', async () => {
    const response = await fetch(hub.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[^"']*\.(js|css)/);
  });

  it('follows GraphQL over HTTP: a GET query with a preflight header works, a simple cross-site one is refused', async () => {
    const query = encodeURIComponent('{ purchasingFamilies { slug } }');
    const allowed = await fetch(`${hub.url}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as any).data.purchasingFamilies.length).toBeGreaterThanOrEqual(10);
    const csrf = await fetch(`${hub.url}?query=${query}`);
    expect(csrf.status).toBe(400);
  });

  it('tells caches not to store GraphQL answers, a query or a refused document alike', async () => {
    const post = (query: string) =>
      fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const answer = await post('{ purchasingFamilies { slug } }');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const refused = await post('{ noSuchField }');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses documents that are too deep, have too many aliases or cost too much', async () => {
    const deep = await hub.gql('{ notices { edges { node { organisation { name } lots { award { amount } } } } } }');
    expect(deep.errors).toBeUndefined();
    let nested = 'reference';
    for (let level = 0; level < 12; level++) nested = `__typename edges { node { ${nested} } }`;
    const tooDeep = await hub.gql(`{ notices { ${nested} } }`);
    expect(tooDeep.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const aliases = Array.from({ length: MAX_ALIASES + 1 }, (_, index) => `a${index}: purchasingFamilies { slug }`).join(' ');
    const tooManyAliases = await hub.gql(`{ ${aliases} }`);
    expect(tooManyAliases.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const costly = Array.from({ length: 25 }, (_, index) => `n${index}: notices(first: 200) { edges { node { reference title description status isOpen lots { number title } corrigenda { reason } } } }`).join(' ');
    const tooCostly = await hub.gql(`{ ${costly} }`);
    expect(tooCostly.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('weighs a document with its own variables, also once its cost for other variables is known', async () => {
    const aliases = Array.from({ length: 25 }, (_, index) => `n${index}: notices(first: $n) { edges { node { reference title description status isOpen lots { number title } corrigenda { reason } } } }`).join(' ');
    const document = `query($n: Int!) { ${aliases} }`;
    const costly = await hub.gql(document, { n: 200 });
    expect(costly.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const cheap = await hub.gql(document, { n: 1 });
    expect(cheap.errors).toBeUndefined();
    const costlyAgain = await hub.gql(document, { n: 200 });
    expect(costlyAgain.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('signs staff in and out: the token works until logout, then it is refused', async () => {
    const token = await hub.login('buyer@draguignan.test');
    const me = await hub.gql('{ me { email role organisation { siren } } }', {}, token);
    expect(me.data!.me).toEqual({ email: 'buyer@draguignan.test', role: 'BUYER', organisation: { siren: '218300507' } });
    expect((await hub.gql('mutation { logout }', {}, token)).data!.logout).toBe(true);
    const after = await hub.gql('{ me { email } }', {}, token);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await hub.gql('{ organisations { siren } }', {}, 'x'.repeat(43));
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('limits failed sign-ins per email, even with the right password afterwards', async () => {
    const attempt = (password: string) =>
      hub.gql('mutation($p: String!) { login(email: "viewer@draguignan.test", password: $p) { token } }', { p: password });
    for (let index = 0; index < 5; index++) {
      expect((await attempt('wrong password')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const limited = await attempt('correct horse battery staple');
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('masks unexpected errors: no stack, no SQL, a stable code', async () => {
    const em = hub.orm.em.fork();
    await em.getConnection().execute('alter table purchasing_family rename to purchasing_family_moved');
    try {
      const result = await hub.gql('{ purchasingFamilies { slug } }');
      expect(result.errors?.[0]).toEqual({ message: 'Erreur interne du serveur : elle est consignée pour l’exploitant.', path: ['purchasingFamilies'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    } finally {
      await em.getConnection().execute('alter table purchasing_family_moved rename to purchasing_family');
    }
  });
});
