import { describe, expect, it } from 'vitest';
import { applyAnswer, readSession, SESSION_STORAGE_KEY, sessionChangeOf, tokenOfHeader, type SessionStorage } from './graphiql-session.js';

function memoryStorage(initial: Record<string, string> = {}): SessionStorage & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const LOGIN = 'mutation SeConnecter($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt } }';
const SIGNED_IN = { data: { login: { token: 'jeton-1', expiresAt: '2026-12-06T19:00:00.000Z' } } };
const NOW = new Date('2026-12-06T07:00:00Z');

describe('what an answer changes to the page’s sign-in', () => {
  it('a login answered with a token signs the page in, with the token’s expiry', () => {
    expect(sessionChangeOf({ query: LOGIN }, SIGNED_IN)).toEqual({
      kind: 'signed-in',
      session: { token: 'jeton-1', expiresAt: '2026-12-06T19:00:00.000Z' },
    });
  });

  it('reads the login under its alias, and without its expiry when the answer did not select it', () => {
    expect(sessionChangeOf({ query: 'mutation { moi: login(email: "a", password: "b") { token } }' }, { data: { moi: { token: 't' } } })).toEqual({
      kind: 'signed-in',
      session: { token: 't', expiresAt: null },
    });
  });

  it('a refused login, or one whose answer has no token, changes nothing', () => {
    expect(sessionChangeOf({ query: LOGIN }, { data: null, errors: [{ message: 'Invalid email or password' }] })).toEqual({ kind: 'none' });
    expect(sessionChangeOf({ query: 'mutation { login(email: "a", password: "b") { expiresAt } }' }, { data: { login: { expiresAt: 'x' } } })).toEqual({ kind: 'none' });
  });

  it('a logout that succeeded signs the page out; one that failed does not', () => {
    expect(sessionChangeOf({ query: 'mutation SeDeconnecter { logout }' }, { data: { logout: true } })).toEqual({ kind: 'signed-out' });
    expect(sessionChangeOf({ query: 'mutation SeDeconnecter { logout }' }, { data: null, errors: [{ message: 'x' }] })).toEqual({ kind: 'none' });
  });

  it('counts only the operation executed, and only a mutation', () => {
    const document = `${LOGIN}\nquery Autre { login: me { name } }`;
    expect(sessionChangeOf({ query: document, operationName: 'Autre' }, { data: { login: { token: 'no' } } })).toEqual({ kind: 'none' });
    expect(sessionChangeOf({ query: document, operationName: 'SeConnecter' }, SIGNED_IN).kind).toBe('signed-in');
    // Two operations and no name: the hub refuses it, and so does the page.
    expect(sessionChangeOf({ query: document }, SIGNED_IN)).toEqual({ kind: 'none' });
    expect(sessionChangeOf({ query: '{ login { token } }' }, { data: { login: { token: 'no' } } })).toEqual({ kind: 'none' });
  });

  it('ignores a document it cannot parse or a body with no query', () => {
    expect(sessionChangeOf({ query: 'mutation {' }, SIGNED_IN)).toEqual({ kind: 'none' });
    expect(sessionChangeOf({}, SIGNED_IN)).toEqual({ kind: 'none' });
  });
});

describe('the token kept in the browser', () => {
  it('is kept at sign-in and read back until it expires, then removed', () => {
    const storage = memoryStorage();
    expect(applyAnswer(storage, { request: { query: LOGIN }, result: SIGNED_IN, sentToken: null, refused: false }, NOW)).toBe(true);
    expect(readSession(storage, NOW)).toEqual({ token: 'jeton-1', expiresAt: '2026-12-06T19:00:00.000Z' });
    expect(readSession(storage, new Date('2026-12-06T18:59:59Z'))?.token).toBe('jeton-1');
    expect(readSession(storage, new Date('2026-12-06T19:00:00Z'))).toBeNull();
    expect(storage.map.has(SESSION_STORAGE_KEY)).toBe(false);
  });

  it('is forgotten at a sign-out made with it, not at one made with another token', () => {
    const storage = memoryStorage();
    applyAnswer(storage, { request: { query: LOGIN }, result: SIGNED_IN, sentToken: null, refused: false }, NOW);
    const logout = { request: { query: 'mutation { logout }' }, result: { data: { logout: true } }, refused: false };
    expect(applyAnswer(storage, { ...logout, sentToken: 'autre-jeton' }, NOW)).toBe(false);
    expect(readSession(storage, NOW)?.token).toBe('jeton-1');
    expect(applyAnswer(storage, { ...logout, sentToken: 'jeton-1' }, NOW)).toBe(true);
    expect(readSession(storage, NOW)).toBeNull();
  });

  it('is forgotten when the hub refuses it, but not when it refuses a token typed by hand', () => {
    const storage = memoryStorage();
    applyAnswer(storage, { request: { query: LOGIN }, result: SIGNED_IN, sentToken: null, refused: false }, NOW);
    expect(applyAnswer(storage, { request: {}, result: null, sentToken: 'tape-a-la-main', refused: true }, NOW)).toBe(false);
    expect(readSession(storage, NOW)?.token).toBe('jeton-1');
    expect(applyAnswer(storage, { request: {}, result: null, sentToken: 'jeton-1', refused: true }, NOW)).toBe(true);
    expect(readSession(storage, NOW)).toBeNull();
  });

  it('a new sign-in replaces the kept token', () => {
    const storage = memoryStorage();
    applyAnswer(storage, { request: { query: LOGIN }, result: SIGNED_IN, sentToken: null, refused: false }, NOW);
    const second = { data: { login: { token: 'jeton-2', expiresAt: '2026-12-07T07:00:00.000Z' } } };
    applyAnswer(storage, { request: { query: LOGIN }, result: second, sentToken: 'jeton-1', refused: false }, NOW);
    expect(readSession(storage, NOW)?.token).toBe('jeton-2');
  });

  it('drops what it cannot read back', () => {
    for (const stored of ['{', '"jeton"', '{"token":""}', '{"token":"t","expiresAt":"pas une date"}', '{"token":"t","expiresAt":3}']) {
      const storage = memoryStorage({ [SESSION_STORAGE_KEY]: stored });
      expect(readSession(storage, NOW), stored).toBeNull();
      expect(storage.map.has(SESSION_STORAGE_KEY), stored).toBe(false);
    }
  });
});

describe('the token of an Authorization header', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer   abc  ', 'abc'],
    ['Basic abc', null],
    ['Bearer', null],
    [null, null],
  ])('%s → %s', (header, token) => {
    expect(tokenOfHeader(header)).toBe(token);
  });
});
