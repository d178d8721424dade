import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usableDemoAccounts } from '../auth/demo-accounts.js';
import { openOrm } from '../db/orm.js';
import { DEMO_STAFF } from '../seed/demo.seed.js';
import { parseConfig } from '../shared/config.js';
import { runCli } from './run-cli.js';

describe('serve in production', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let errors: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-serve-production-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', SMTP_URL: `file:${join(dir, 'mail')}` };
    errors = [];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args.join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start while demo accounts accept the published password, naming each one and what to do', async () => {
    expect(await runCli(['migrate'], env)).toBe(0);
    expect(await runCli(['seed', '--demo'], env)).toBe(0);
    errors.length = 0;

    expect(await runCli(['serve'], { ...env, NODE_ENV: 'production' })).toBe(1);
    const [message = ''] = errors;
    for (const staff of DEMO_STAFF) expect(message).toContain(`  - ${staff.email}`);
    expect(message).toContain('pnpm hub account deactivate --email');

    // Deactivated, the accounts no longer stop a production hub.
    for (const staff of DEMO_STAFF) expect(await runCli(['account', 'deactivate', '--email', staff.email.toUpperCase()], env)).toBe(0);
    expect(await runCli(['account', 'deactivate', '--email', DEMO_STAFF[0]!.email], env)).toBe(1);
    const orm = await openOrm(parseConfig(env));
    try {
      expect(await usableDemoAccounts(orm.em.fork())).toEqual([]);
    } finally {
      await orm.close();
    }
  });
});
