import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SITE_BUILD_SCRIPT, DEFAULT_SITE_RENDERER_SCRIPT, DEFAULT_SEARCH_INDEX_SCRIPT, DEMO_WEBHOOK_SECRET, parseConfig } from './config.js';

const secret = `whsec_${Buffer.from('a-secret-shared-with-the-hub-32b').toString('base64')}`;

function problems(env: NodeJS.ProcessEnv, options = {}): string[] {
  try {
    parseConfig(env, options);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('uses the documented defaults when only the secret is set', () => {
    expect(parseConfig({ WEBHOOK_SECRET: secret }, { cwd: '/srv/territoire' })).toEqual({
      port: 4321,
      host: '127.0.0.1',
      hubUrl: 'http://127.0.0.1:4000/graphql',
      webhookSecret: secret,
      demo: false,
      dataDir: '/srv/territoire/data/publisher',
      buildCommand: { kind: 'argv', file: process.execPath, args: [DEFAULT_SITE_BUILD_SCRIPT] },
      quietMs: 150,
      maxWaitMs: 5_000,
      buildTimeoutMs: 600_000,
      prestartBuild: true,
      statusToken: null,
      renderer: { file: process.execPath, args: [DEFAULT_SITE_RENDERER_SCRIPT] },
      searchIndexer: { file: process.execPath, args: [DEFAULT_SEARCH_INDEX_SCRIPT] },
      fullBuildAt: '03:30',
      slowPathDelayMs: 30_000,
      logLevel: 'info',
    });
  });

  it('renders incrementally with the site renderer unless told not to or given a build command', () => {
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_INCREMENTAL: 'false' }).renderer).toBeNull();
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_BUILD_COMMAND: 'make site' }).renderer).toBeNull();
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_INCREMENTAL: 'false' }).searchIndexer).toBeNull();
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_BUILD_COMMAND: 'make site' }).searchIndexer).toBeNull();
  });

  it('takes the time of the periodic full build as HH:MM or never, and names the variable otherwise', () => {
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_FULL_BUILD_AT: '23:05' }).fullBuildAt).toBe('23:05');
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_FULL_BUILD_AT: 'never' }).fullBuildAt).toBeNull();
    expect(() => parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_FULL_BUILD_AT: '25:00' })).toThrow(/PUBLISHER_FULL_BUILD_AT/);
  });

  it('takes a status token of at least 24 characters, and names the variable otherwise', () => {
    const token = 'k3J9pQ2xV7mN4bL8sT1wZ6yR';
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_STATUS_TOKEN: token }).statusToken).toBe(token);
    expect(() => parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_STATUS_TOKEN: 'short' })).toThrow(/PUBLISHER_STATUS_TOKEN/);
  });

  it('the default build script is the site engineer’s site/scripts/build.mjs', () => {
    expect(DEFAULT_SITE_BUILD_SCRIPT).toMatch(/[\\/]site[\\/]scripts[\\/]build\.mjs$/);
    expect(DEFAULT_SITE_BUILD_SCRIPT).not.toMatch(/packages/);
  });

  it('reads every variable', () => {
    const config = parseConfig({
      WEBHOOK_SECRET: secret,
      PUBLISHER_PORT: '8080',
      PUBLISHER_HOST: '0.0.0.0',
      HUB_URL: 'https://hub.example.test/graphql',
      PUBLISHER_DATA_DIR: '/var/lib/publisher',
      PUBLISHER_BUILD_COMMAND: ' pnpm site build ',
      PUBLISHER_QUIET_MS: '250',
      PUBLISHER_MAX_WAIT_MS: '2000',
      PUBLISHER_BUILD_TIMEOUT_MS: '60000',
      PUBLISHER_PRESTART_BUILD: 'yes',
      PUBLISHER_LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      hubUrl: 'https://hub.example.test/graphql',
      dataDir: '/var/lib/publisher',
      buildCommand: { kind: 'shell', commandLine: 'pnpm site build' },
      quietMs: 250,
      maxWaitMs: 2_000,
      buildTimeoutMs: 60_000,
      prestartBuild: true,
      logLevel: 'warn',
    });
  });

  it('starts builds ahead of time only for the site’s own build script, unless told otherwise', () => {
    expect(parseConfig({ WEBHOOK_SECRET: secret }).prestartBuild).toBe(true);
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_PRESTART_BUILD: 'false' }).prestartBuild).toBe(false);
    // An operator's command may not honour SITE_BUILD_START: it would publish what it read at spawn time.
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_BUILD_COMMAND: 'make site' }).prestartBuild).toBe(false);
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_BUILD_COMMAND: 'make site', PUBLISHER_PRESTART_BUILD: '1' }).prestartBuild).toBe(true);
    expect(problems({ WEBHOOK_SECRET: secret, PUBLISHER_PRESTART_BUILD: 'sometimes' })[0]).toMatch(/^PUBLISHER_PRESTART_BUILD: /);
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ WEBHOOK_SECRET: secret, PUBLISHER_PORT: '', PUBLISHER_BUILD_COMMAND: '' })).toMatchObject({
      port: 4321,
      buildCommand: { kind: 'argv' },
    });
  });

  it('requires a webhook secret outside demo mode', () => {
    expect(problems({})).toEqual([expect.stringMatching(/^WEBHOOK_SECRET: required/)]);
  });

  it.each([['nope'], ['whsec_'], ['whsec_not base64!'], [`whsec_${Buffer.from('too short').toString('base64')}`]])(
    'refuses the webhook secret %s, naming the variable',
    (value) => {
      expect(problems({ WEBHOOK_SECRET: value })).toEqual([expect.stringMatching(/^WEBHOOK_SECRET: /)]);
    },
  );

  it.each([
    ['PUBLISHER_PORT', 'http'],
    ['PUBLISHER_PORT', '70000'],
    ['HUB_URL', 'not a url'],
    ['HUB_URL', 'ftp://hub/graphql'],
    ['PUBLISHER_QUIET_MS', '-5'],
    ['PUBLISHER_MAX_WAIT_MS', '1.5'],
    ['PUBLISHER_BUILD_TIMEOUT_MS', '0'],
    ['PUBLISHER_DEMO', 'maybe'],
    ['PUBLISHER_LOG_LEVEL', 'loud'],
  ])('a bad %s (%s) is refused with a message naming it', (name, value) => {
    expect(problems({ WEBHOOK_SECRET: secret, [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });

  it('lists every bad variable at once', () => {
    expect(problems({ PUBLISHER_PORT: 'x', HUB_URL: 'y' })).toHaveLength(2);
  });

  it('refuses a maximum wait shorter than the quiet period', () => {
    expect(problems({ WEBHOOK_SECRET: secret, PUBLISHER_QUIET_MS: '1000', PUBLISHER_MAX_WAIT_MS: '500' })).toEqual([
      expect.stringMatching(/^PUBLISHER_MAX_WAIT_MS: /),
    ]);
  });

  it.each([
    ['the --demo flag', {}, { demo: true }],
    ['PUBLISHER_DEMO=true', { PUBLISHER_DEMO: 'true' }, {}],
  ])('demo mode through %s uses the named demo secret', (_how, env, options) => {
    const config = parseConfig(env, options);
    expect(config.demo).toBe(true);
    expect(config.webhookSecret).toBe(DEMO_WEBHOOK_SECRET);
    expect(Buffer.from(DEMO_WEBHOOK_SECRET.slice('whsec_'.length), 'base64').toString()).toBe(
      'territoire-achats-demo-secret-not-for-production',
    );
  });

  it('demo mode keeps an explicitly given secret', () => {
    expect(parseConfig({ PUBLISHER_DEMO: 'true', WEBHOOK_SECRET: secret }).webhookSecret).toBe(secret);
  });

  it('refuses demo mode in production', () => {
    expect(problems({ NODE_ENV: 'production' }, { demo: true })).toEqual([expect.stringMatching(/^PUBLISHER_DEMO: .*production/)]);
    expect(problems({ NODE_ENV: 'production', PUBLISHER_DEMO: 'true', WEBHOOK_SECRET: secret })).toHaveLength(1);
  });
});
