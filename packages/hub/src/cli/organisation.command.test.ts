import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { openOrm } from '../db/orm.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { demoSiret } from '../seed/demo-sirets.js';
import { parseConfig } from '../shared/config.js';
import { runCli } from './run-cli.js';

const DRAGUIGNAN = '218300507';

describe('pnpm hub organisation siret', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let output: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-organisation-cli-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
    output = [];
    vi.spyOn(console, 'log').mockImplementation((...args) => void output.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args) => void output.push(args.join(' ')));
    expect(await runCli(['migrate'], env)).toBe(0);
    expect(await runCli(['seed'], env)).toBe(0);
    output.length = 0;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  async function read() {
    const orm = await openOrm(parseConfig(env));
    try {
      const em = orm.em.fork();
      return {
        siret: (await em.findOneOrFail(Organisation, { siren: DRAGUIGNAN })).siret,
        audit: (await em.find(AuditEntry, { action: 'setOrganisationSiret' })).map((entry) => entry.details),
        events: await em.count(OutboxEvent, { type: 'organisation.updated' }),
      };
    } finally {
      await orm.close();
    }
  }

  it('sets the SIRET by slug or SIREN, prints it, and removes it with --clear, each change audited and announced', async () => {
    const siret = demoSiret(DRAGUIGNAN);
    expect(await runCli(['organisation', 'siret', '--organisation', 'draguignan', '--set', siret], env)).toBe(0);
    expect(output).toEqual([`Draguignan (draguignan): SIRET ${siret}`]);
    expect(await runCli(['organisation', 'siret', '--organisation', DRAGUIGNAN], env)).toBe(0);
    expect(output[1]).toBe(`Draguignan (draguignan): ${siret}`);
    expect(await read()).toEqual({ siret, audit: [{ from: 'cli', previous: null, siret }], events: 1 });
    expect(await runCli(['organisation', 'siret', '--organisation', 'draguignan', '--clear'], env)).toBe(0);
    expect(await read()).toMatchObject({ siret: null, events: 2 });
  });

  it.each([
    [['--organisation', 'draguignan', '--set', '12345678901234'], 1, /BAD_USER_INPUT: Le champ siret n’est pas un SIRET valide/],
    [['--organisation', 'draguignan', '--set', demoSiret('218300721')], 1, /n’est pas un établissement de cette organisation/],
    [['--organisation', 'atlantide', '--set', demoSiret(DRAGUIGNAN)], 1, /NOT_FOUND: L’organisation « atlantide » est introuvable\./],
    [['--set', demoSiret(DRAGUIGNAN)], 2, /Missing --organisation/],
    [['--organisation', 'draguignan', '--set', demoSiret(DRAGUIGNAN), '--clear'], 2, /not both/],
  ])('refuses %j with exit code %i and a message, changing nothing', async (args, code, message) => {
    expect(await runCli(['organisation', 'siret', ...args], env)).toBe(code);
    expect(output.join('\n')).toMatch(message);
    expect(await read()).toEqual({ siret: null, audit: [], events: 0 });
  });
});
