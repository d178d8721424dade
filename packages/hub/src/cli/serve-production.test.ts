import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usableDemoAccounts } from '../auth/demo-accounts.js';
import { DEMO_STAFF } from '../seed/demo.seed.js';
import { cliSandbox } from './testing/cli-sandbox.js';

// migrate, seed --demo (argon2 for each account), serve and a deactivation per demo account: over a minute on a
// loaded machine (it timed out at 60 s at load 26).
describe('serve in production', { timeout: 240_000 }, () => {
  const cli = cliSandbox({ prefix: 'hub-serve-production-', env: (dir) => ({ SMTP_URL: `file:${join(dir, 'mail')}` }) });

  it('refuses to start while demo accounts accept the published password, naming each one and what to do', async () => {
    expect(await cli.run(['migrate'])).toBe(0);
    expect(await cli.run(['seed', '--demo'])).toBe(0);
    cli.errors.length = 0;

    expect(await cli.run(['serve'], { NODE_ENV: 'production' })).toBe(1);
    const [message = ''] = cli.errors;
    for (const staff of DEMO_STAFF) expect(message).toContain(`  - ${staff.email}`);
    expect(message).toContain('pnpm hub account deactivate --email');

    // Deactivated, the accounts no longer stop a production hub.
    for (const staff of DEMO_STAFF) expect(await cli.run(['account', 'deactivate', '--email', staff.email.toUpperCase()])).toBe(0);
    expect(await cli.run(['account', 'deactivate', '--email', DEMO_STAFF[0]!.email])).toBe(1);
    expect(await cli.read((em) => usableDemoAccounts(em))).toEqual([]);
  });
});
