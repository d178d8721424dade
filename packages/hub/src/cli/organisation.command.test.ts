import { describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { demoSiret } from '../seed/demo-sirets.js';
import { cliSandbox } from './testing/cli-sandbox.js';

const DRAGUIGNAN = '218300507';

describe('pnpm hub organisation siret', () => {
  const cli = cliSandbox({ prefix: 'hub-organisation-cli-', setUp: [['migrate'], ['seed']] });

  const read = () =>
    cli.read(async (em) => ({
      siret: (await em.findOneOrFail(Organisation, { siren: DRAGUIGNAN })).siret,
      audit: (await em.find(AuditEntry, { action: 'setOrganisationSiret' })).map((entry) => entry.details),
      events: await em.count(OutboxEvent, { type: 'organisation.updated' }),
    }));

  it('sets the SIRET by slug or SIREN, prints it, and removes it with --clear, each change audited and announced', async () => {
    const siret = demoSiret(DRAGUIGNAN);
    expect(await cli.run(['organisation', 'siret', '--organisation', 'draguignan', '--set', siret])).toBe(0);
    expect(cli.output).toEqual([`Draguignan (draguignan): SIRET ${siret}`]);
    expect(await cli.run(['organisation', 'siret', '--organisation', DRAGUIGNAN])).toBe(0);
    expect(cli.output[1]).toBe(`Draguignan (draguignan): ${siret}`);
    expect(await read()).toEqual({ siret, audit: [{ from: 'cli', previous: null, siret }], events: 1 });
    expect(await cli.run(['organisation', 'siret', '--organisation', 'draguignan', '--clear'])).toBe(0);
    expect(await read()).toMatchObject({ siret: null, events: 2 });
  });

  it.each([
    [['--organisation', 'draguignan', '--set', '12345678901234'], 1, /BAD_USER_INPUT: Le champ siret n’est pas un SIRET valide/],
    [['--organisation', 'draguignan', '--set', demoSiret('218300721')], 1, /n’est pas un établissement de cette organisation/],
    [['--organisation', 'atlantide', '--set', demoSiret(DRAGUIGNAN)], 1, /NOT_FOUND: L’organisation « atlantide » est introuvable\./],
    [['--set', demoSiret(DRAGUIGNAN)], 2, /Missing --organisation/],
    [['--organisation', 'draguignan', '--set', demoSiret(DRAGUIGNAN), '--clear'], 2, /not both/],
  ])('refuses %j with exit code %i and a message, changing nothing', async (args, code, message) => {
    expect(await cli.run(['organisation', 'siret', ...args])).toBe(code);
    expect(cli.output.join('\n')).toMatch(message);
    expect(await read()).toEqual({ siret: null, audit: [], events: 0 });
  });
});
