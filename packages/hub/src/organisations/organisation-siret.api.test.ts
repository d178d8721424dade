import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { demoSiret } from '../seed/demo-sirets.js';
import { SIREN, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { Organisation } from './organisation.entity.js';

/** The same SIRET with its last digit changed: its key no longer holds. */
const wrongKey = (siret: string) => `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;

const SET = `mutation($organisation: String!, $siret: String) {
  setOrganisationSiret(organisation: $organisation, siret: $siret) { organisation { slug siren } siret }
}`;

/** Issue 11, point 10: an admin sets the SIRET an organisation buys as, which the DECP names it by. */
describe('setting an organisation’s SIRET', () => {
  let hub: TestHub;
  let admin: string;
  let buyer: string;
  let viewer: string;
  const DRAGUIGNAN = demoSiret(SIREN.draguignan);

  beforeAll(async () => {
    hub = await startTestHub();
    [admin, buyer, viewer] = await Promise.all([hub.login('admin@agglo.test'), hub.login('buyer@draguignan.test'), hub.login('viewer@draguignan.test')]);
    const em = hub.orm.em.fork();
    // A buyer an import met without SIREN, and La Poste, whose establishments follow their own key rule.
    em.create(Organisation, { siren: '~0a1b2c3d', slug: 'acheteur-importe', name: 'Acheteur importé', kind: 'OTHER_PUBLIC_BODY', referenceCode: 'ZZI' });
    em.create(Organisation, { siren: '356000000', slug: 'la-poste', name: 'La Poste', kind: 'OTHER_PUBLIC_BODY', referenceCode: 'ZZP' });
    await em.flush();
  });
  afterAll(() => hub?.close());

  const stored = async (slug: string) => (await hub.orm.em.fork().findOneOrFail(Organisation, { slug })).siret;
  const counts = async () => {
    const em = hub.orm.em.fork();
    return { audit: await em.count(AuditEntry, { action: 'setOrganisationSiret' }), events: await em.count(OutboxEvent, { type: 'organisation.updated' }) };
  };

  it('is for admins only: a buyer and a viewer are FORBIDDEN, anonymous UNAUTHENTICATED, and nothing changes', async () => {
    const before = await counts();
    for (const [token, code] of [[buyer, 'FORBIDDEN'], [viewer, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      const result = await hub.gql(SET, { organisation: 'draguignan', siret: DRAGUIGNAN }, token);
      expect(result.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await stored('draguignan')).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('sets it by slug or SIREN, audited, with an organisation.updated event; setting it again changes nothing', async () => {
    const before = await counts();
    const result = await hub.gql(SET, { organisation: 'draguignan', siret: DRAGUIGNAN.replace(/(\d{3})(\d{3})(\d{3})(\d{5})/, '$1 $2 $3 $4') }, admin);
    expect(result.data?.setOrganisationSiret).toEqual({ organisation: { slug: 'draguignan', siren: SIREN.draguignan }, siret: DRAGUIGNAN });
    expect(await stored('draguignan')).toBe(DRAGUIGNAN);
    const entry = await hub.orm.em.fork().findOneOrFail(AuditEntry, { action: 'setOrganisationSiret' }, { populate: ['actor'] });
    expect(entry.details).toEqual({ from: 'api', previous: null, siret: DRAGUIGNAN });
    expect(entry.actor?.getEntity().email).toBe('admin@agglo.test');
    const event = await hub.orm.em.fork().findOneOrFail(OutboxEvent, { type: 'organisation.updated' });
    expect(event.payload).toEqual({ siren: SIREN.draguignan, slug: 'draguignan', fields: ['siret'] });
    expect((await hub.gql(SET, { organisation: SIREN.draguignan, siret: DRAGUIGNAN }, admin)).data?.setOrganisationSiret.siret).toBe(DRAGUIGNAN);
    expect(await counts()).toEqual({ audit: before.audit + 1, events: before.events + 1 });
  });

  it.each([
    ['too few digits', '2183005070001', 'INVALID', /14 chiffres/],
    ['letters', '21830050700A1', 'INVALID', /14 chiffres/],
    ['a wrong key', wrongKey(demoSiret(SIREN.lorgues)), 'INVALID', /clé de contrôle/],
    ['another organisation’s SIREN', demoSiret(SIREN.agglomeration), 'INVALID', /n’est pas un établissement de cette organisation/],
    ['an empty value', '  ', 'MISSING', /obligatoire/],
  ])('refuses %s for Lorgues, naming the field siret in French, and changes nothing', async (_label, siret, code, message) => {
    const before = await counts();
    const result = await hub.gql(SET, { organisation: 'lorgues', siret }, admin);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'siret', fields: [{ field: 'siret', code }] });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await stored('lorgues')).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('refuses a SIRET another organisation already buys as', async () => {
    await hub.gql(SET, { organisation: 'draguignan', siret: DRAGUIGNAN }, admin);
    const result = await hub.gql(SET, { organisation: 'acheteur-importe', siret: DRAGUIGNAN }, admin);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'siret' });
    expect(result.errors?.[0]?.message).toContain('déjà celui de Draguignan');
    expect(await stored('acheteur-importe')).toBeNull();
  });

  it('accepts La Poste’s establishments by their own rule, and any valid SIRET for a buyer without SIREN', async () => {
    // 356 000 000 00001: no Luhn key, but digits adding up to a multiple of 5, as INSEE numbers La Poste's.
    expect((await hub.gql(SET, { organisation: 'la-poste', siret: '35600000000001' }, admin)).data?.setOrganisationSiret.siret).toBe('35600000000001');
    const other = demoSiret(SIREN.lorgues);
    expect((await hub.gql(SET, { organisation: 'acheteur-importe', siret: other }, admin)).data?.setOrganisationSiret.siret).toBe(other);
  });

  it('removes it with null, and names an unknown organisation in French', async () => {
    expect((await hub.gql(SET, { organisation: 'la-poste', siret: null }, admin)).data?.setOrganisationSiret.siret).toBeNull();
    expect(await stored('la-poste')).toBeNull();
    const unknown = await hub.gql(SET, { organisation: 'atlantide', siret: DRAGUIGNAN }, admin);
    expect(unknown.errors?.[0]).toMatchObject({ message: 'L’organisation « atlantide » est introuvable.', extensions: { code: 'NOT_FOUND' } });
  });
});
