import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../cli/run-cli.js';
import { Notice } from '../../notices/notice.entity.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { PlannedPurchase } from '../../planning/planned-purchase.entity.js';
import { seedDemo } from '../../seed/demo.seed.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { importFile } from '../import/importer.js';
import { csvField } from './csv.js';
import { essentialDataThresholdOn } from '../../notices/thresholds.js';
import { exportOpenData, exportOpenDataFiles } from './exporter.js';
import { firstError, getValidators } from './schemas.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const PREFIX = 'ocds-xxxxxx-dracenie';

/** Demo buyers with the SIRET of their town hall (fictional NICs with valid keys): DECP names buyers by SIRET. */
const BUYER_SIRETS: Record<string, string> = {
  '248300493': '24830049300017',
  '218300507': '21830050700017',
  '218300721': '21830072100014',
  '218301414': '21830141400015',
};

describe('exporting open data', () => {
  let hub: TestHub;
  let dir: string;
  const out = (name: string) => join(dir, name);
  const exportTo = (format: 'decp' | 'ocds' | 'csv', name: string) =>
    exportOpenData(hub.orm, format, out(name), { now: hub.clock.now(), ocdsPrefix: PREFIX });

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z', countStatements: true });
    dir = mkdtempSync(join(tmpdir(), 'opendata-export-'));
    await seedDemo(hub.orm.em.fork(), hub.config, hub.clock.now());
    const em = hub.orm.em.fork();
    for (const [siren, siret] of Object.entries(BUYER_SIRETS)) await em.nativeUpdate(Organisation, { siren }, { siret });
    await importFile(hub.orm, join(FIXTURES, 'decp/marches_avec_modifications.json'), { now: hub.clock.now() });
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the DECP of the awarded contracts from 40 k€, valid against the official v2.0.3 schema', async () => {
    const summary = await exportTo('decp', 'decp.json');
    const document = JSON.parse(readFileSync(out('decp.json'), 'utf8'));
    const { decpDocument } = getValidators();
    expect(decpDocument(document), firstError(decpDocument)).toBe(true);
    const marches = document.marches.marche as Array<Record<string, any>>;
    expect(marches).toHaveLength(summary.records);
    expect(marches.every((marche) => marche.montant >= essentialDataThresholdOn(marche.dateNotification))).toBe(true);
    const telephony = marches.filter((marche) => String(marche.objet).startsWith('Téléphonie fixe et mobile'));
    expect(telephony.map((marche) => [marche.montant, marche.dureeMois, marche.acheteur.id, marche.techniques.technique])).toEqual([
      [352400, 48, '24830049300017', ['Accord-cadre']],
      [401900, 48, '24830049300017', ['Accord-cadre']],
    ]);
    expect(telephony[0]).toMatchObject({ procedure: "Appel d'offres ouvert", formePrix: 'Unitaire', offresRecues: 1, titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: '74567890400012' } }] });
    // No modification: no list at all (the schema wants at least one when present).
    expect(telephony[0]).not.toHaveProperty('modifications');
    // The official example's TEST2022Bis (TEST2022's buyer SIRET, 21750001630066, fails its Luhn key: imported with no
    // identifier, so not exportable). Its modification's holder, 868768687576575 (15 digits), is no SIRET: not kept.
    const imported = marches.find((marche) => marche.id === 'TEST2022Bis');
    expect(imported?.modifications).toEqual([
      { modification: { id: 1, dateNotificationModification: '2022-10-18', datePublicationDonneesModification: '2022-10-20', dureeMois: 12, montant: 123457.87 } },
    ]);
    // The demo's buyers have SIRETs and its awards a duration (awardLot's durationMonths): every contract from 40 k€ is
    // written, none left out (what is left out, and why, is tested in test/site/official-open-data.test.ts), but the
    // imported TEST2022, whose buyer's SIRET was refused.
    expect(summary.leftOut).toEqual([expect.objectContaining({ kind: 'BUYER_SIRET', reason: 'the buyer Acheteur 21750001630066 has no known SIRET' })]);
    expect(marches.find((marche) => String(marche.objet).includes('Plantations et arrosage'))).toMatchObject({ dureeMois: 6, techniques: { technique: ['Sans objet'] } });
  });

  it('names each contract\'s buyer by the SIRET of the establishment that signed it, so no two contracts share a buyer and an id', async () => {
    await importFile(hub.orm, join(FIXTURES, 'hub/decp-two-establishments.csv'), { now: hub.clock.now() });
    await exportTo('decp', 'decp-establishments.json');
    const marches = JSON.parse(readFileSync(out('decp-establishments.json'), 'utf8')).marches.marche as Array<Record<string, any>>;
    const ofLorgues = marches.filter((marche) => marche.id === '20250007').map((marche) => [marche.acheteur.id, marche.objet]);
    expect(ofLorgues.sort()).toEqual([
      ['21830072100014', 'Restauration scolaire des écoles'],
      ['21830072100022', 'Entretien de la piscine municipale'],
    ]);
    const pairs = marches.map((marche) => `${marche.acheteur.id} ${marche.id}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('exports a contract of several holders as a joint bid (« Conjoint »), never as « Pas de groupement », and one holder as no group', async () => {
    await importFile(hub.orm, join(FIXTURES, 'hub/decp-national-consolidated.csv'), { now: hub.clock.now() });
    await exportTo('decp', 'decp-joint.json');
    const marches = JSON.parse(readFileSync(out('decp-joint.json'), 'utf8')).marches.marche as Array<Record<string, any>>;
    const works = marches.find((marche) => marche.id === '2025T101');
    expect(works).toMatchObject({ typeGroupementOperateurs: 'Conjoint' });
    expect(works!.titulaires.map((item: any) => item.titulaire.id)).toEqual(['85678901100017', '41234567000019']);
    expect(marches.find((marche) => marche.id === '2025S102')).toMatchObject({ typeGroupementOperateurs: 'Pas de groupement' });
  });

  it('writes an OCDS 1.1.5 release package with the lots extension, valid against the official schemas', async () => {
    const summary = await exportTo('ocds', 'ocds.json');
    const pkg = JSON.parse(readFileSync(out('ocds.json'), 'utf8'));
    const { ocdsPackage } = getValidators();
    expect(ocdsPackage(pkg), firstError(ocdsPackage)).toBe(true);
    expect(pkg).toMatchObject({ version: '1.1', extensions: [expect.stringContaining('ocds_lots_extension/v1.1.5/extension.json')] });
    expect(pkg.releases).toHaveLength(summary.records);
    const releases = pkg.releases as Array<Record<string, any>>;
    expect(releases.every((release) => release.ocid.startsWith(`${PREFIX}-`))).toBe(true);

    const em = hub.orm.em.fork();
    const corrected = await em.findOneOrFail(Notice, { title: 'Nettoyage des bâtiments communaux' });
    const ofCorrected = releases.filter((release) => release.ocid === `${PREFIX}-${corrected.reference}`);
    expect(ofCorrected.map((release) => release.tag)).toEqual([['tender'], ['tenderAmendment']]);
    const [tender, amendment] = ofCorrected;
    // The first release shows the deadline as first published, the amendment the corrected one, 7 days later.
    expect(Date.parse(amendment!.tender.tenderPeriod.endDate) - Date.parse(tender!.tender.tenderPeriod.endDate)).toBe(7 * 86_400_000);
    expect(amendment!.tender.amendments[0]).toMatchObject({ amendsReleaseID: tender!.id, releaseID: amendment!.id });

    const cancelled = await em.findOneOrFail(Notice, { status: 'CANCELLED' });
    expect(releases.filter((release) => release.ocid.endsWith(cancelled.reference)).map((release) => release.tag[0])).toEqual(['tender', 'tenderCancellation']);
    const awarded = await em.findOneOrFail(Notice, { title: 'Aménagement paysager du parc de la Mairie' });
    const award = releases.find((release) => release.ocid.endsWith(awarded.reference) && release.tag[0] === 'award');
    expect(award!.tender.status).toBe('complete');
    expect(award!.awards.map((item: any) => [item.relatedLots, item.value.amount, item.suppliers[0].name])).toEqual([
      [['1'], 88750, 'Provence Vert Paysage'],
      [['2'], 47200, 'Routes d’Azur TP'],
    ]);
    expect(award!.tender.lots.map((lot: any) => lot.status)).toEqual(['complete', 'complete']);
  });

  it('publishes OCDS releases that follow the notice: no tenderUpdate repeating the tender, a contract release per signed contract, DECP contracts without a fake tender', async () => {
    await importFile(hub.orm, join(FIXTURES, 'hub/decp-national-consolidated.csv'), { now: hub.clock.now() });
    await exportTo('ocds', 'ocds-states.json');
    const pkg = JSON.parse(readFileSync(out('ocds-states.json'), 'utf8'));
    const { ocdsPackage } = getValidators();
    expect(ocdsPackage(pkg), firstError(ocdsPackage)).toBe(true);
    const releases = pkg.releases as Array<Record<string, any>>;
    const em = hub.orm.em.fork();
    const ofNotice = (notice: Notice) => releases.filter((release) => release.ocid === `${PREFIX}-${notice.reference}`);
    // The deadline passing changes nothing in OCDS (a tender stays active until decided): no release says so again.
    expect(releases.filter((release) => release.tag.includes('tenderUpdate') && release.tender.status === 'active')).toEqual([]);
    const closed = await em.findOneOrFail(Notice, { status: 'CLOSED', sourceSystem: null });
    expect(ofNotice(closed).map((release) => release.tag)).toEqual([['tender']]);
    // A tender whose every lot is unsuccessful: its status changed, nothing was awarded.
    const unsuccessful = await em.findOneOrFail(Notice, { status: 'UNSUCCESSFUL', sourceSystem: null });
    const update = ofNotice(unsuccessful).find((release) => release.tag[0] === 'tenderUpdate');
    expect(update).toMatchObject({ tender: { status: 'unsuccessful' } });
    expect(update).not.toHaveProperty('awards');
    // No tender period ends when it starts.
    const periods = releases.flatMap((release) => (release.tender?.tenderPeriod ? [release.tender.tenderPeriod] : []));
    expect(periods.filter((period) => period.startDate >= period.endDate)).toEqual([]);
    // A contract known only from DECP: award and contract, no tender that never was.
    const works = await em.findOneOrFail(Notice, { sourceSystem: 'DECP', sourceId: '218300507000172025T101' });
    const ofWorks = ofNotice(works);
    expect(ofWorks.map((release) => release.tag)).toEqual([['award'], ['contract']]);
    expect(ofWorks.every((release) => !('tender' in release))).toBe(true);
    const [award, contract] = ofWorks;
    expect(award!.awards[0]).toMatchObject({ value: { amount: 312000, currency: 'EUR' }, date: '2025-05-02T00:00:00.000Z' });
    expect(award!.awards[0].suppliers.map((supplier: any) => supplier.id)).toEqual(['FR-SIRET-85678901100017', 'FR-SIRET-41234567000019']);
    expect(contract!.contracts).toEqual([
      {
        id: `${works.reference}-contract-1`,
        awardID: award!.awards[0].id,
        title: expect.any(String),
        status: 'terminated',
        value: { amount: 312000, currency: 'EUR' },
        dateSigned: '2025-05-02T00:00:00.000Z',
        period: { startDate: '2025-05-02T00:00:00.000Z', endDate: '2026-05-02T00:00:00.000Z' },
      },
    ]);
    // An award the hub recorded without a signature date is an award, not yet a contract.
    const awarded = await em.findOneOrFail(Notice, { title: 'Aménagement paysager du parc de la Mairie' });
    expect(ofNotice(awarded).map((release) => release.tag[0])).toEqual(['tender', 'award']);
  });

  it('opens the contracting process of a planned purchase with a planning release, and its notice goes on under the same ocid', async () => {
    await exportTo('ocds', 'ocds-plan.json');
    const releases = JSON.parse(readFileSync(out('ocds-plan.json'), 'utf8')).releases as Array<Record<string, any>>;
    const em = hub.orm.em.fork();
    const launched = await em.findOneOrFail(PlannedPurchase, { status: 'LAUNCHED' }, { populate: ['notice'] });
    const process = releases.filter((release) => release.ocid === `${PREFIX}-${launched.reference}`);
    expect(process.map((release) => release.tag[0])).toEqual(['tender', 'planning']);
    const planning = process.find((release) => release.tag[0] === 'planning')!;
    expect(planning.tender).toMatchObject({ id: launched.reference, status: 'planned', title: launched.subject });
    expect(planning.planning.budget.description).toMatch(/^Montant estimé : de 216 000 € à 1 000 000 € HT$/);
    expect(process.find((release) => release.tag[0] === 'tender')!.tender.id).toBe(launched.notice!.getEntity().reference);
    // A withdrawn line says so; a draft never leaves the hub.
    const withdrawn = await em.findOneOrFail(PlannedPurchase, { status: 'WITHDRAWN' });
    expect(releases.filter((release) => release.ocid.endsWith(withdrawn.reference)).map((release) => [release.tag[0], release.tender.status])).toEqual([
      ['planning', 'planned'],
      ['planningUpdate', 'withdrawn'],
    ]);
    const draft = await em.findOneOrFail(PlannedPurchase, { status: 'DRAFT' });
    expect(releases.some((release) => release.ocid.endsWith(draft.reference))).toBe(false);
  });

  it('gives the same ocids and release ids on every export', async () => {
    await exportTo('ocds', 'ocds-again.json');
    const ids = (name: string) => (JSON.parse(readFileSync(out(name), 'utf8')).releases as Array<{ id: string }>).map((release) => release.id).sort();
    expect(ids('ocds-again.json')).toEqual(ids('ocds.json'));
  });

  it('writes the CSV for spreadsheets: a byte order mark, one row per lot of every public notice, quoted fields', async () => {
    const summary = await exportTo('csv', 'lots.csv');
    const text = readFileSync(out('lots.csv'), 'utf8');
    expect(text.startsWith('\uFEFFreference,title,buyer_name,buyer_siren,buyer_siret,status,')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    const em = hub.orm.em.fork();
    const publicNotices = await em.find(Notice, { status: { $ne: 'DRAFT' } }, { populate: ['lots'] });
    expect(lines).toHaveLength(1 + publicNotices.reduce((sum, notice) => sum + notice.lots.length, 0));
    expect(summary.records).toBe(lines.length - 1);
    expect(text).not.toContain('Extension de la crèche municipale'); // a draft
    expect(csvField('Lot 2, « voirie » "VRD"')).toBe('"Lot 2, « voirie » ""VRD"""');
    expect([csvField(true), csvField(null), csvField(1234.5)]).toEqual(['oui', '', '1234.5']);
    // OWASP CSV injection: text a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers.
    expect(['=HYPERLINK("x")', '+33 4', '-1', '@SUM(A1)', '\tx', '\rx'].map(csvField)).toEqual([
      `"'=HYPERLINK(""x"")"`, "'+33 4", "'-1", "'@SUM(A1)", "'\tx", `"'\rx"`,
    ]);
    expect(csvField(-12.5)).toBe('-12.5');
  });

  it('writes the three files together byte for byte as each alone, the OCDS package and the CSV from one reading of the notices', async () => {
    const options = { now: hub.clock.now(), ocdsPrefix: PREFIX };
    for (const format of ['decp', 'ocds', 'csv'] as const) await exportTo(format, `alone.${format}`);
    const outcomes = await exportOpenDataFiles(hub.orm, { decp: out('together.decp'), ocds: out('together.ocds'), csv: out('together.csv') }, options);
    for (const format of ['decp', 'ocds', 'csv'] as const) {
      expect([format, outcomes.get(format)?.status]).toEqual([format, 'fulfilled']);
      expect(readFileSync(out(`together.${format}`)).equals(readFileSync(out(`alone.${format}`))), format).toBe(true);
    }
    // The statements that read the notices' corrigenda, one a page: once for the two files, as for one alone.
    const pagesRead = async (files: Parameters<typeof exportOpenDataFiles>[1]) => {
      hub.statements.length = 0;
      await exportOpenDataFiles(hub.orm, files, options);
      return hub.statements.filter((statement) => /from [`"]corrigendum[`"]/.test(statement)).length;
    };
    const alone = await pagesRead({ ocds: out('counted-alone.ocds') });
    expect(alone).toBeGreaterThan(0);
    expect(await pagesRead({ ocds: out('counted.ocds'), csv: out('counted.csv') })).toBe(alone);
  });

  it('runs as `hub export` and `hub import` commands, with a non-zero exit and a message on bad input', async () => {
    const env = { DATABASE_URL: hub.config.database.url, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await runCli(['export', 'decp', '--out', out('cli-decp.json')], env)).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toMatch(/Wrote .*cli-decp\.json: \d+ DECP contract\(s\) from \d+ public notice\(s\)/);
      expect(await runCli(['export', 'xml', '--out', out('x')], env)).toBe(2);
      expect(await runCli(['import', join(FIXTURES, 'hub/decp-bad-row.csv')], env)).toBe(1);
      expect(error.mock.calls.flat().join('\n')).toMatch(/Import failed, nothing written: .*decp-bad-row\.csv: line 4/);
      expect(await runCli(['import', join(FIXTURES, 'boamp/boamp-17-1515.xml')], env)).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toMatch(/boamp-17-1515\.xml \(BOAMP notice \(DILA XML\)\): 1 created, 0 updated, 0 unchanged, 0 skipped/);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});

describe('exporting open data from a hub without public notices', () => {
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'opendata-export-empty-'));
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails the OCDS package alone when the files are written together: the CSV of the same reading is still written', async () => {
    const files = { ocds: join(dir, 'ocds.json'), csv: join(dir, 'lots.csv') };
    const outcomes = await exportOpenDataFiles(hub.orm, files, { now: hub.clock.now(), ocdsPrefix: PREFIX });
    const ocds = outcomes.get('ocds');
    expect(ocds?.status === 'rejected' && (ocds.reason as Error).message).toMatch(/an OCDS release package needs at least one release/);
    expect(existsSync(files.ocds)).toBe(false);
    expect(readdirSync(dir)).toEqual(['lots.csv']);
    expect(outcomes.get('csv')).toMatchObject({ status: 'fulfilled', value: { notices: 0, records: 0 } });
    expect(readFileSync(files.csv, 'utf8')).toMatch(/^\uFEFFreference,title,[^\n]*\r\n$/);
  });
});
