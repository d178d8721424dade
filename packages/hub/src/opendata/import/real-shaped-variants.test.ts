import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notice } from '../../notices/notice.entity.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { importFile, ImportFailure } from './importer.js';
import { importSnapshot } from './testing/import-snapshot.js';

/**
 * The checks of issue 13 run again on files of other shapes than the importers' own tests (the fixtures' README says
 * how each was made): other DECP CSV layouts as spreadsheets save them, and garbage in other elements of BOAMP, TED
 * and eForms notices.
 */
const HUB_FIXTURES = join(import.meta.dirname, '../fixtures/hub');

describe('files of other shapes: DECP layouts as spreadsheets save them', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
  });
  afterAll(async () => {
    await hub?.close();
  });

  const decpNotice = (sourceId: string) =>
    hub.orm.em.fork().findOneOrFail(Notice, { sourceSystem: 'DECP', sourceId }, { populate: ['organisation', 'lots', 'lots.award'] });

  it('reads a per-holder file with a BOM, Windows line ends, quoted fields holding separators, quotes and a line break, and a decimal comma', async () => {
    const summary = await importFile(hub.orm, join(HUB_FIXTURES, 'decp-per-holder-bom-crlf.csv'), { now: hub.clock.now() });
    expect(summary).toMatchObject({ format: 'decp-csv', records: 2, created: 2, skipped: 0 });
    const first = await decpNotice('2183005070001720250101');
    expect(first.title).toBe('Entretien ; espaces verts "zéro phyto"');
    expect(first.lots.getItems()[0]!.award!.getEntity()).toMatchObject({ amount: 84500.5, supplierSiret: '52345678800018' });
    expect((await decpNotice('2183005070001720250102')).title).toBe('Voirie\r\nlot unique');
  });

  it('reads the national layout with a BOM and Windows line ends, leaving out the rows of empty cells under the table', async () => {
    // Failed before: the first row of empty cells failed the whole file (« the contract has no id »).
    const summary = await importFile(hub.orm, join(HUB_FIXTURES, 'decp-national-bom-crlf-blank-rows.csv'), { now: hub.clock.now() });
    expect(summary).toMatchObject({ records: 2, created: 2, skipped: 0 });
    const works = await decpNotice('218300507000172025T201');
    expect(works).toMatchObject({ nature: 'WORKS', mainCpv: '45233140-2' });
    expect(works.organisation.getEntity().siret).toBe('21830050700017');
    expect(works.lots.getItems()[0]!.award!.getEntity()).toMatchObject({ supplierName: "ROUTES D'AZUR TP", amount: 312000, contract: { durationMonths: 12 } });
  });

  it('reads the national layout separated by semicolons, its amount with a decimal comma', async () => {
    expect(await importFile(hub.orm, join(HUB_FIXTURES, 'decp-national-semicolon.csv'), { now: hub.clock.now() })).toMatchObject({ created: 1 });
    expect((await decpNotice('218300507000172025T301')).lots.getItems()[0]!.award!.getEntity().amount).toBe(312000);
  });

  it('changes nothing when the three files are imported again in another order', async () => {
    const before = await importSnapshot(hub);
    for (const file of ['decp-national-semicolon.csv', 'decp-national-bom-crlf-blank-rows.csv', 'decp-per-holder-bom-crlf.csv']) {
      expect(await importFile(hub.orm, join(HUB_FIXTURES, file), { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 0 });
    }
    expect(await importSnapshot(hub)).toEqual(before);
  });
});

describe('files of other shapes: garbage in other elements of BOAMP, TED and eForms notices', () => {
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'import-variants-'));
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fixture with one element's text replaced. */
  const spoilt = (fixture: string, element: string, from: string, to: string) => {
    const text = readFileSync(join(HUB_FIXTURES, fixture), 'utf8');
    const original = `${element}>${from}</`;
    expect(text, `${fixture} ${original}`).toContain(original);
    const file = join(dir, `${fixture}-${to.replace(/\W/g, '_')}.${fixture.split('.').pop()}`);
    writeFileSync(file, text.replace(original, `${element}>${to}</`));
    return file;
  };

  it('fails the file naming its line and element when a count or a duration is no number, writing nothing', async () => {
    // Failed before: each value disappeared in silence (no offers received, no duration).
    const cases: Array<[string, string, string, string, RegExp]> = [
      ['boamp-call-16-999001.xml', '<DUREE_MOIS', '12', 'douze', /line \d+, <DUREE_MOIS>: "douze" is not a whole number/],
      ['boamp-award-17-999002.xml', '<NB_OFFRE_RECU', '6', 'six', /line 107, <NB_OFFRE_RECU>: "six" is not a whole number/],
      ['ted-r209-lot-labels.xml', '<NB_TENDERS_RECEIVED', '5', 'five', /line 507, <NB_TENDERS_RECEIVED>: "five" is not a whole number/],
      ['eforms-pln-00191599-2024.xml', '<efbc:StatisticsNumeric', '6', '-6', /<StatisticsNumeric>: "-6" is not a whole number/],
    ];
    for (const [fixture, element, from, to, message] of cases) {
      const file = spoilt(fixture, element, from, to);
      const before = await importSnapshot(hub);
      const failure = await importFile(hub.orm, file, { now: hub.clock.now() }).catch((error: unknown) => error);
      expect(failure, fixture).toBeInstanceOf(ImportFailure);
      expect((failure as ImportFailure).message, fixture).toContain(file);
      expect((failure as ImportFailure).message, fixture).toMatch(message);
      expect(await importSnapshot(hub)).toEqual(before);
    }
  });

  it('warns, naming its line and element, when a lot number is no number, and takes the lot by its position', async () => {
    // Failed before: a decision with NUM_LOT « un » went to the lot of its position without a word.
    const file = spoilt('boamp-award-17-999002.xml', '<NUM_LOT', '1', 'un');
    const summary = await importFile(hub.orm, file, { now: hub.clock.now() });
    expect(summary.created + summary.updated).toBe(1);
    expect(summary.warnings).toContainEqual(expect.stringMatching(/line 96, <NUM_LOT>: "un" is not a lot number: taken as lot 1, its position/));
  });
});
