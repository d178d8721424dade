import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Award } from '../../notices/award.entity.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { importFile, type ImportSummary } from './importer.js';
import { frenchIds } from './values.js';

/**
 * A SIRET that is no SIRET (`abc`, 13 digits, a wrong Luhn key) in any format that carries one: a warning naming the
 * file's line (or record) and the field, and nothing of it stored as an organisation's or a holder's identifier.
 * Each file is one of the hub's fixtures with its identifiers spoiled.
 */
const HUB_FIXTURES = join(import.meta.dirname, '../fixtures/hub');

describe('garbage company identifiers in imported files', () => {
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'garbage-ids-'));
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fixture with each `[from, to]` replaced (every occurrence, each at least once), imported. */
  async function importSpoiled(fixture: string, replacements: Array<[string, string]>): Promise<ImportSummary> {
    let text = readFileSync(join(HUB_FIXTURES, fixture), 'utf8');
    for (const [from, to] of replacements) {
      expect(text, from).toContain(from);
      text = text.replaceAll(from, to);
    }
    const file = join(dir, fixture);
    writeFileSync(file, text);
    return importFile(hub.orm, file, { now: hub.clock.now() });
  }

  /** Organisations holding it as SIRET, awards as holder SIRET, and award data (co-holders, other ids) naming it. */
  async function storedAnywhere(identifier: string): Promise<number> {
    const em = hub.orm.em.fork();
    const [row] = await em.getConnection().execute<Array<{ n: number }>>(`select count(*) as n from award where cast(contract as text) like ? or cast(co_suppliers as text) like ?`, [
      `%"${identifier}"%`,
      `%"${identifier}"%`,
    ]);
    return (await em.count(Organisation, { siret: identifier })) + (await em.count(Award, { supplierSiret: identifier })) + Number(row!.n);
  }

  it('accepts a SIRET or SIREN only with its Luhn keys, and says what it refused', () => {
    const refused: string[] = [];
    const check = (value: string) => frenchIds(value, (written) => refused.push(written));
    expect(check('218 300 507 00017')).toEqual({ siret: '21830050700017', siren: '218300507' });
    expect(check('218300507')).toEqual({ siret: null, siren: '218300507' });
    // La Poste's establishments: digits adding up to a multiple of 5 instead of a Luhn key.
    expect(check('35600000049837')).toEqual({ siret: '35600000049837', siren: '356000000' });
    expect(check('')).toEqual({ siret: null, siren: null });
    expect(refused).toEqual([]);
    for (const garbage of ['abc', '2183005070001', '21830050700018', '218300508', '218300507000170', 'FR21830050700017']) {
      expect(check(garbage), garbage).toEqual({ siret: null, siren: null });
    }
    expect(refused).toEqual(['abc', '2183005070001', '21830050700018', '218300508', '218300507000170', 'FR21830050700017']);
  });

  it('BOAMP: a CODE_IDENT_NATIONAL of « abc » for the buyer and a wrong key for a holder warn with their line, and neither is kept', async () => {
    const summary = await importSpoiled('boamp-award-18-999003.xml', [
      ['<CODE_IDENT_NATIONAL>218 300 721 00014</CODE_IDENT_NATIONAL>', '<CODE_IDENT_NATIONAL>abc</CODE_IDENT_NATIONAL>'],
      ['<CODE_IDENT_NATIONAL>63456789500012</CODE_IDENT_NATIONAL>', '<CODE_IDENT_NATIONAL>63456789500013</CODE_IDENT_NATIONAL>'],
    ]);
    expect(summary.created + summary.updated).toBe(1);
    expect(summary.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/line 32, <CODE_IDENT_NATIONAL>: "abc" is neither a SIRET nor a SIREN .*not kept as an identifier$/),
        expect.stringMatching(/line 77, <CODE_IDENT_NATIONAL>: "63456789500013" is neither a SIRET nor a SIREN/),
      ]),
    );
    expect(await storedAnywhere('63456789500013')).toBe(0);
    // The holder stays, by its name.
    const holders = await hub.orm.em.fork().find(Award, { supplierName: 'Routes du Var (mandataire)' });
    expect(JSON.stringify(holders.map((award) => award.coSuppliers))).toContain('Provence Signalisation');
  });

  it('TED R2.0.9: a holder NATIONALID of 13 digits warns with its line, and is kept neither as SIRET nor as another identifier', async () => {
    const summary = await importSpoiled('ted-r209-lot-labels.xml', [['<NATIONALID>39876221100298</NATIONALID>', '<NATIONALID>3987622110029</NATIONALID>']]);
    expect(summary.created + summary.updated).toBe(1);
    expect(summary.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/line 518, <NATIONALID>: "3987622110029" is neither a SIRET nor a SIREN/),
        expect.stringMatching(/line 608, <NATIONALID>: "3987622110029"/),
      ]),
    );
    expect(await storedAnywhere('3987622110029')).toBe(0);
  });

  it('eForms: a French buyer whose CompanyID has a wrong key warns with its line, and the buyer is known by its name only', async () => {
    const summary = await importSpoiled('eforms-restricted-00047599-2024.xml', [['<cbc:CompanyID>20003441100013</cbc:CompanyID>', '<cbc:CompanyID>20003441100014</cbc:CompanyID>']]);
    expect(summary.created).toBe(1);
    expect(summary.warnings).toEqual([expect.stringMatching(/line 31, <CompanyID>: "20003441100014" is neither a SIRET nor a SIREN/)]);
    expect(await storedAnywhere('20003441100014')).toBe(0);
    const buyer = await hub.orm.em.fork().findOneOrFail(Organisation, { name: 'Communauté de Communes du Piémont Cévenol' });
    // A buyer known by name only holds a placeholder in place of a SIREN (`~…`), never the garbage.
    expect(buyer.siret).toBeNull();
    expect(buyer.siren).toMatch(/^~/);
  });

  it('DECP CSV: a wrong key in acheteur_id and in titulaire_id warn naming the line and the column; the rows are kept by names', async () => {
    const summary = await importSpoiled('decp-national-consolidated.csv', [
      // Line 3: a second holder of the contract of line 2; line 5: a buyer of the others.
      [',41234567000019,BATI VAR', ',41234567000018,BATI VAR'],
      ['2025F103,Fournitures,30192000,21830050700017,', '2025F103,Fournitures,30192000,21830050700018,'],
    ]);
    expect(summary).toMatchObject({ records: 3, skipped: 0 });
    expect(summary.warnings).toEqual(
      expect.arrayContaining([
        'line 2: on line 3, titulaire_id: "41234567000018" is neither a SIRET nor a SIREN (14 or 9 digits with a valid Luhn key): not kept as an identifier',
        'line 5: acheteur_id: "21830050700018" is neither a SIRET nor a SIREN (14 or 9 digits with a valid Luhn key): not kept as an identifier',
      ]),
    );
    expect(await storedAnywhere('41234567000018')).toBe(0);
    expect(await storedAnywhere('21830050700018')).toBe(0);
    expect(await hub.orm.em.fork().count(Award, { supplierName: 'BATI VAR CONSTRUCTION' })).toBe(0);
    expect(JSON.stringify((await hub.orm.em.fork().find(Award, { supplierName: "ROUTES D'AZUR TP" })).map((award) => award.coSuppliers))).toContain('BATI VAR CONSTRUCTION');
  });

  it('DECP JSON: « abc » as acheteur.id and as a holder SIRET warn naming the record and the field; a buyer with neither id nor name is known by what was written, as a name', async () => {
    const file = join(dir, 'decp-garbage.json');
    const json = JSON.parse(readFileSync(join(HUB_FIXTURES, 'decp-v1.5.json'), 'utf8')) as { marches: Array<Record<string, unknown>> };
    const [first] = json.marches;
    json.marches = [
      { ...first, uid: 'GARBAGE-1', acheteur: { id: 'abc', nom: 'Commune de Trans-en-Provence' }, titulaires: [{ typeIdentifiant: 'SIRET', id: 'abc', denominationSociale: 'Bâti Var Construction' }] },
      { ...first, uid: 'GARBAGE-2', acheteur: { id: '2183014140001' } },
    ];
    writeFileSync(file, JSON.stringify(json));
    const summary = await importFile(hub.orm, file, { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 2, skipped: 0 });
    const refused = 'is neither a SIRET nor a SIREN (14 or 9 digits with a valid Luhn key): not kept as an identifier';
    expect(summary.warnings).toEqual([
      `marches[0]: acheteur.id: "abc" ${refused}`,
      `marches[0]: titulaires[0].id: "abc" ${refused}`,
      `marches[1]: acheteur.id: "2183014140001" ${refused}`,
    ]);
    const nameless = await hub.orm.em.fork().findOneOrFail(Organisation, { name: 'Acheteur 2183014140001' });
    expect(nameless.siret).toBeNull();
    expect(nameless.siren).toMatch(/^~/);
    const award = await hub.orm.em.fork().findOneOrFail(Award, { lot: { notice: { sourceSystem: 'DECP', sourceId: 'GARBAGE-1' } } });
    expect(award).toMatchObject({ supplierName: 'Bâti Var Construction', supplierSiret: null });
    expect(award.contract?.mainSupplierId ?? null).toBeNull();
    expect(await storedAnywhere('abc')).toBe(0);
  });

  it('OCDS: a FR-SIRET identifier with a wrong key warns naming the party and its field, and the buyer is known by its name', async () => {
    const summary = await importSpoiled('ocds-release-package.json', [['21830072100014', '21830072100015']]);
    expect(summary.created + summary.updated).toBeGreaterThan(0);
    expect(summary.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/: parties\[0\]\.identifier\.id: "21830072100015" is neither a SIRET nor a SIREN/),
        expect.stringMatching(/: parties\[0\]\.id: "21830072100015"/),
      ]),
    );
    expect(await storedAnywhere('21830072100015')).toBe(0);
  });
});
