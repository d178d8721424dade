import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('the hub configuration', () => {
  it('has working defaults for a first run', () => {
    expect(parseConfig({})).toMatchObject({
      database: { kind: 'sqlite', path: './data/hub.sqlite' },
      host: '127.0.0.1',
      port: 4000,
      env: 'development',
      adaptedProcedureMinDays: 20,
      webhooks: { pollMs: 500, timeoutMs: 10_000, leaseMs: 30_000 },
    });
  });

  it('reads a PostgreSQL DATABASE_URL, by host and port or by Unix socket, and names the database', () => {
    expect(parseConfig({ DATABASE_URL: 'postgresql://hub:secret@db.example:5432/territoire' }).database).toEqual({
      kind: 'postgresql',
      url: 'postgresql://hub:secret@db.example:5432/territoire',
      database: 'territoire',
    });
    expect(parseConfig({ DATABASE_URL: 'postgres://hub@/territoire?host=/run/postgresql' }).database).toMatchObject({ kind: 'postgresql', database: 'territoire' });
  });

  it('never repeats a bad DATABASE_URL, which may hold a password', () => {
    expect(() => parseConfig({ DATABASE_URL: 'postgresql://hub:s3cret@[bad/hub' })).toThrow(/^(?![\s\S]*s3cret)/);
  });

  it('reads the webhook dispatcher’s poll interval, receiver timeout and endpoint lease', () => {
    expect(parseConfig({ WEBHOOK_POLL_MS: '50', WEBHOOK_TIMEOUT_MS: '2000' }).webhooks).toEqual({ pollMs: 50, timeoutMs: 2000, leaseMs: 30_000 });
    expect(parseConfig({ WEBHOOK_TIMEOUT_MS: '2000', WEBHOOK_LEASE_MS: '4000' }).webhooks.leaseMs).toBe(4000);
  });

  it('refuses an endpoint lease too short for a request to end within it', () => {
    expect(() => parseConfig({ WEBHOOK_TIMEOUT_MS: '5000', WEBHOOK_LEASE_MS: '6999' })).toThrow(/WEBHOOK_LEASE_MS: must be at least WEBHOOK_TIMEOUT_MS \+ 2000 \(7000\)/);
    expect(() => parseConfig({ WEBHOOK_LEASE_MS: '11999' })).toThrow(/WEBHOOK_LEASE_MS/);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/hub' }],
    ['DATABASE_URL', { DATABASE_URL: 'sqlite:' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgresql://hub@localhost:5432/' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgresql://hub:secret@[bad/hub' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['TOKEN_TTL_HOURS', { TOKEN_TTL_HOURS: '0' }],
    // The response-time rules need at least one day: 0 would only fail later, at the first publication.
    ['ADAPTED_PROCEDURE_MIN_DAYS', { ADAPTED_PROCEDURE_MIN_DAYS: '0' }],
    ['WEBHOOK_POLL_MS', { WEBHOOK_POLL_MS: '0' }],
    ['WEBHOOK_TIMEOUT_MS', { WEBHOOK_TIMEOUT_MS: 'ten seconds' }],
  ])('stops on a bad %s, naming it', (variable, env) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  - ${variable}:`));
  });

  it('believes no X-Forwarded-For unless TRUST_PROXY names the proxies, their number or all of them', () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(parseConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(parseConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,loopback,::1,fd00::/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', 'loopback', '::1', 'fd00::/8']);
    for (const bad of ['yes', '0', '10.0.0.0/33', 'proxy.example', '127.0.0.1/8/1']) {
      expect(() => parseConfig({ TRUST_PROXY: bad })).toThrow('Invalid configuration:\n  - TRUST_PROXY:');
    }
  });

  it('enforces the ethics charter policy unless CHARTER_POLICY turns it off', () => {
    expect(parseConfig({}).charterPolicy).toBe(true);
    expect(parseConfig({ CHARTER_POLICY: 'false' }).charterPolicy).toBe(false);
    expect(parseConfig({ CHARTER_POLICY: '0' }).charterPolicy).toBe(false);
    expect(parseConfig({ CHARTER_POLICY: 'true' }).charterPolicy).toBe(true);
    expect(() => parseConfig({ CHARTER_POLICY: 'nope' })).toThrow('Invalid configuration:\n  - CHARTER_POLICY: must be true or false');
  });

  it('gives the direction 5 working days to answer an advice request unless ADVICE_DUE_WORKING_DAYS says otherwise', () => {
    expect(parseConfig({}).advice.dueWorkingDays).toBe(5);
    expect(parseConfig({ ADVICE_DUE_WORKING_DAYS: '10' }).advice.dueWorkingDays).toBe(10);
    expect(() => parseConfig({ ADVICE_DUE_WORKING_DAYS: '0' })).toThrow('ADVICE_DUE_WORKING_DAYS');
    expect(() => parseConfig({ ADVICE_DUE_WORKING_DAYS: '2.5' })).toThrow('ADVICE_DUE_WORKING_DAYS');
  });

  it('lists every bad variable at once', () => {
    try {
      parseConfig({ PORT: 'x', NODE_ENV: 'y' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.split(':')[0])).toEqual(['PORT', 'NODE_ENV']);
    }
  });
  it('reads the sustainable purchasing targets: 50 % by default, per family when set', () => {
    expect(parseConfig({}).indicators).toEqual({ defaultTarget: 0.5, familyTargets: new Map() });
    const config = parseConfig({ SUSTAINABLE_PURCHASING_TARGET: '40', SUSTAINABLE_PURCHASING_FAMILY_TARGETS: 'batiments=60' });
    expect(config.indicators).toEqual({ defaultTarget: 0.4, familyTargets: new Map([['batiments', 0.6]]) });
    expect(() => parseConfig({ SUSTAINABLE_PURCHASING_TARGET: '120' })).toThrow(/SUSTAINABLE_PURCHASING_TARGET:/);
    expect(() => parseConfig({ SUSTAINABLE_PURCHASING_FAMILY_TARGETS: 'batiments' })).toThrow(/SUSTAINABLE_PURCHASING_FAMILY_TARGETS:/);
  });

  it('prefixes OCDS identifiers with a placeholder prefix until one is registered, and refuses a malformed one', () => {
    expect(parseConfig({}).ocdsPrefix).toBe('ocds-xxxxxx-dracenie');
    expect(parseConfig({ OCDS_PREFIX: 'ocds-a1b2c3' }).ocdsPrefix).toBe('ocds-a1b2c3');
    expect(() => parseConfig({ OCDS_PREFIX: 'dracenie' })).toThrow(/OCDS_PREFIX:/);
  });

  it('writes mails as .eml files under the data folder unless SMTP_URL names a server', () => {
    expect(parseConfig({}).mail).toEqual({
      transport: { kind: 'files', dir: './data/mail' },
      from: 'Marchés publics de Dracénie <alertes@localhost>',
      pollMs: 1_000,
    });
    expect(parseConfig({ SMTP_URL: 'smtp://user:secret@mail.example:587' }).mail.transport).toEqual({ kind: 'smtp', url: 'smtp://user:secret@mail.example:587' });
    expect(parseConfig({ SMTP_URL: 'smtps://mail.example' }).mail.transport).toEqual({ kind: 'smtp', url: 'smtps://mail.example' });
    expect(parseConfig({ SMTP_URL: 'file:/var/mail/hub' }).mail.transport).toEqual({ kind: 'files', dir: '/var/mail/hub' });
    expect(parseConfig({ MAIL_FROM: 'Achats <achats@dracenie.example>' }).mail.from).toBe('Achats <achats@dracenie.example>');
  });

  it('knows the public addresses of the site and of the hub, without a trailing slash', () => {
    expect(parseConfig({})).toMatchObject({ siteUrl: 'http://localhost:4321', hubPublicUrl: 'http://127.0.0.1:4000' });
    expect(parseConfig({ HOST: '0.0.0.0', PORT: '8080', SITE_URL: 'https://marches.example/' })).toMatchObject({
      siteUrl: 'https://marches.example',
      hubPublicUrl: 'http://0.0.0.0:8080',
    });
    expect(parseConfig({ HUB_PUBLIC_URL: 'https://api.marches.example/' }).hubPublicUrl).toBe('https://api.marches.example');
  });

  it.each([
    ['SMTP_URL', { SMTP_URL: 'mail.example:25' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail.example' }],
    ['SMTP_URL', { SMTP_URL: 'file:' }],
    ['MAIL_FROM', { MAIL_FROM: 'alertes' }],
    ['MAIL_FROM', { MAIL_FROM: 'Achats <alertes>' }],
    ['MAIL_POLL_MS', { MAIL_POLL_MS: '0' }],
    ['SITE_URL', { SITE_URL: 'marches.example' }],
    ['SITE_URL', { SITE_URL: 'https://user:pw@marches.example' }],
    ['HUB_PUBLIC_URL', { HUB_PUBLIC_URL: 'ftp://hub.example' }],
  ])('stops on a bad mail or public address setting %s, naming it', (variable, env) => {
    expect(() => parseConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  - ${variable}:`));
  });
});
