import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestHub, type GraphQLResponse, type TestHub } from '../test-support/test-hub.js';

const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

/** One sign-in, from the connection's address or, through a proxy, from the address X-Forwarded-For names. */
async function signIn(hub: TestHub, email: string, password: string, forwardedFor?: string): Promise<GraphQLResponse<{ login: { token: string } }>> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
  });
  return (await response.json()) as GraphQLResponse<{ login: { token: string } }>;
}

const outcome = (result: GraphQLResponse<{ login: { token: string } }>) => (result.data?.login ? 'SIGNED_IN' : result.errors?.[0]?.extensions?.code);

describe('sign-in limits, without a trusted proxy', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('checks only five of twenty parallel wrong passwords for one e-mail and refuses the others in French', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => signIn(hub, 'viewer@draguignan.test', 'wrong password')));
    const outcomes = results.map(outcome);
    expect(outcomes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(outcomes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(15);
    const refused = results.find((result) => outcome(result) === 'RATE_LIMITED')!.errors![0]!;
    expect(refused.message).toBe('Trop d’essais de connexion infructueux : réessayez dans 1 s.');
    expect(refused.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 1 });
    const wrong = results.find((result) => outcome(result) === 'UNAUTHENTICATED')!.errors![0]!;
    expect(wrong.message).toBe('Adresse e-mail ou mot de passe incorrect.');
  });

  it('makes each attempt past the fifth wait twice as long as the one before, then accepts the right password', async () => {
    const email = 'buyer@lorgues.test';
    for (let index = 0; index < 5; index++) expect(outcome(await signIn(hub, email, 'wrong password'))).toBe('UNAUTHENTICATED');
    for (const seconds of [1, 2, 4, 8]) {
      const refused = await signIn(hub, email, PASSWORD);
      expect(refused.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: seconds });
      hub.clock.advance(seconds * 1000 - 1);
      expect(outcome(await signIn(hub, email, 'wrong password'))).toBe('RATE_LIMITED');
      hub.clock.advance(1);
      expect(outcome(await signIn(hub, email, 'wrong password'))).toBe('UNAUTHENTICATED');
    }
    hub.clock.advance(16_000);
    expect(outcome(await signIn(hub, email, PASSWORD))).toBe('SIGNED_IN');
    // A success starts the count again: five more mistakes are checked at once.
    for (let index = 0; index < 5; index++) expect(outcome(await signIn(hub, email, 'wrong password'))).toBe('UNAUTHENTICATED');
    expect(outcome(await signIn(hub, email, 'wrong password'))).toBe('RATE_LIMITED');
  });

  it('never waits longer than fifteen minutes between two checked attempts, and forgets a counter quiet for a day', async () => {
    const email = 'nobody@draguignan.test';
    for (let index = 0; index < 5; index++) await signIn(hub, email, 'wrong password');
    let longest = 0;
    for (let index = 0; index < 20; index++) {
      const refused = await signIn(hub, email, 'wrong password');
      const wait = refused.errors?.[0]?.extensions?.retryAfter as number;
      longest = Math.max(longest, wait);
      hub.clock.advance(wait * 1000);
      expect(outcome(await signIn(hub, email, 'wrong password'))).toBe('UNAUTHENTICATED');
    }
    expect(longest).toBe(900);
    hub.clock.advance(24 * 3600_000);
    const after = [];
    for (let index = 0; index < 6; index++) after.push(outcome(await signIn(hub, email, 'wrong password')));
    expect(after).toEqual([...Array<string>(5).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set: a new address per attempt gains nothing', async () => {
    const email = 'admin@agglo.test';
    for (let index = 0; index < 5; index++) {
      expect(outcome(await signIn(hub, email, 'wrong password', `198.51.100.${index + 1}`))).toBe('UNAUTHENTICATED');
    }
    expect(outcome(await signIn(hub, email, PASSWORD, '198.51.100.77'))).toBe('RATE_LIMITED');
  });

  it('keeps the count in the database: a restart of the hub does not start it again', async () => {
    const email = 'former@lorgues.test';
    for (let index = 0; index < 5; index++) expect(outcome(await signIn(hub, email, 'wrong password'))).toBe('UNAUTHENTICATED');
    await hub.restart();
    expect(outcome(await signIn(hub, email, 'wrong password'))).toBe('RATE_LIMITED');
  });

  it('makes nobody wait because the clock went back (a corrected clock, or another hub whose clock is behind)', async () => {
    const email = 'buyer@draguignan.test';
    hub.clock.set('2026-12-09T08:00:00Z');
    expect(outcome(await signIn(hub, email, PASSWORD))).toBe('SIGNED_IN');
    hub.clock.set('2026-12-03T09:00:00Z');
    expect(outcome(await signIn(hub, email, PASSWORD))).toBe('SIGNED_IN');
    // Waits imposed at the later time last at most the ceiling once the clock is back.
    hub.clock.set('2026-12-09T08:00:00Z');
    for (let index = 0; index < 5; index++) expect(outcome(await signIn(hub, email, 'wrong password'))).toBe('UNAUTHENTICATED');
    expect(outcome(await signIn(hub, email, PASSWORD))).toBe('RATE_LIMITED');
    hub.clock.set('2026-12-03T09:00:00Z');
    expect(outcome(await signIn(hub, email, PASSWORD))).toBe('SIGNED_IN');
  });
});

describe('sign-in limits behind a trusted proxy (TRUST_PROXY)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('counts per client address as X-Forwarded-For tells it', async () => {
    const email = 'viewer@draguignan.test';
    for (let index = 0; index < 5; index++) expect(outcome(await signIn(hub, email, 'wrong password', '198.51.100.1'))).toBe('UNAUTHENTICATED');
    expect(outcome(await signIn(hub, email, 'wrong password', '198.51.100.1'))).toBe('RATE_LIMITED');
    expect(outcome(await signIn(hub, email, PASSWORD, '198.51.100.2'))).toBe('SIGNED_IN');
  });

  it('accepts the right password from an address that signed in before while many others try the account', async () => {
    const email = 'buyer@draguignan.test';
    expect(outcome(await signIn(hub, email, PASSWORD, '203.0.113.7'))).toBe('SIGNED_IN');
    const attack = [];
    for (let index = 1; index <= 40; index++) attack.push(outcome(await signIn(hub, email, 'wrong password', `198.51.100.${index}`)));
    // Ten unknown addresses get their password checked; then every one waits, whatever its address.
    expect(attack.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(10);
    expect(attack.slice(10).every((code) => code === 'RATE_LIMITED')).toBe(true);
    expect(outcome(await signIn(hub, email, PASSWORD, '203.0.113.7'))).toBe('SIGNED_IN');
    // An address that never signed in waits with the attackers…
    expect(outcome(await signIn(hub, email, PASSWORD, '192.0.2.50'))).toBe('RATE_LIMITED');
    // …until the e-mail's wait has passed.
    hub.clock.advance(15 * 60_000);
    expect(outcome(await signIn(hub, email, PASSWORD, '192.0.2.50'))).toBe('SIGNED_IN');
  });

  it('makes one address that tries many accounts wait after thirty wrong passwords, but not at an account it signed in to', async () => {
    const from = '198.51.100.200';
    expect(outcome(await signIn(hub, 'buyer@lorgues.test', PASSWORD, from))).toBe('SIGNED_IN');
    const spray = [];
    for (let index = 1; index <= 30; index++) spray.push(outcome(await signIn(hub, `agent${index}@lorgues.test`, 'Printemps2026!', from)));
    // The first sign-in was the address's first attempt at an account it did not know: 29 more are checked at once.
    expect(spray.slice(0, 29).every((code) => code === 'UNAUTHENTICATED')).toBe(true);
    expect(spray[29]).toBe('RATE_LIMITED');
    expect(outcome(await signIn(hub, 'buyer@lorgues.test', PASSWORD, from))).toBe('SIGNED_IN');
    expect(outcome(await signIn(hub, 'buyer@lorgues.test', PASSWORD, '198.51.100.201'))).toBe('SIGNED_IN');
  });

  it('counts the addresses of one IPv6 network together', async () => {
    const email = 'admin@agglo.test';
    for (let index = 0; index < 5; index++) {
      expect(outcome(await signIn(hub, email, 'wrong password', `2001:db8:1:2::${index + 1}`))).toBe('UNAUTHENTICATED');
    }
    expect(outcome(await signIn(hub, email, 'wrong password', '2001:db8:1:2:ffff::9'))).toBe('RATE_LIMITED');
    expect(outcome(await signIn(hub, email, 'wrong password', '2001:db8:1:3::1'))).toBe('UNAUTHENTICATED');
  });
});
