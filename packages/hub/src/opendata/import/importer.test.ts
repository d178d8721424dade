import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notice } from '../../notices/notice.entity.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { StaffMember } from '../../staff/staff-member.entity.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { importSnapshot } from './testing/import-snapshot.js';
import { IMPORT_ACCOUNT_EMAIL } from './import-account.js';
import { importFile, ImportFailure } from './importer.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const fixture = (path: string) => join(FIXTURES, path);
const SAMPLES = ['boamp', 'ted/ted-xml-r2.0.9', 'ted/eforms'].flatMap((dir) =>
  readdirSync(fixture(dir))
    .filter((name) => name.endsWith('.xml'))
    .map((name) => fixture(`${dir}/${name}`)),
);

const snapshot = importSnapshot;

/** The digits followed by their Luhn key (a SIREN from 8 digits, a SIRET from a SIREN and 4). */
function withLuhnKey(digits: string): string {
  const sum = (text: string) => [...text].reverse().reduce((total, digit, i) => total + (i % 2 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][Number(digit)]! : Number(digit)), 0);
  return `${digits}${(10 - (sum(`${digits}0`) % 10)) % 10}`;
}

async function noticeFrom(hub: TestHub, sourceSystem: string, sourceId: string) {
  return hub.orm.em
    .fork()
    .findOneOrFail(Notice, { sourceSystem, sourceId }, { populate: ['organisation', 'lots', 'lots.award', 'createdBy', 'family'] });
}

describe('importing open data', () => {
  const buyerOrders: Record<string, string> = {};
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'opendata-import-'));
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports every BOAMP and TED sample as one notice with its buyer, lots and source identifier', async () => {
    for (const file of SAMPLES) {
      const summary = await importFile(hub.orm, file, { now: hub.clock.now() });
      expect(summary.created, file).toBe(1);
      expect(summary.skipped, file).toBe(0);
    }
    const em = hub.orm.em.fork();
    const imported = await em.find(Notice, { sourceSystem: { $ne: null } }, { populate: ['lots'] });
    expect(imported).toHaveLength(SAMPLES.length);
    for (const notice of imported) {
      expect(notice.reference).toMatch(/^\d{4}-[A-Z]{3}-\d{4}$/);
      expect(notice.lots.length).toBeGreaterThan(0);
      expect(notice.importedAt).toEqual(hub.clock.now());
    }
  });

  it('reads a BOAMP call for competition field by field: buyer, object, CPV, lots, deadline, framework', async () => {
    const notice = await noticeFrom(hub, 'BOAMP', '16-186394');
    expect(notice.organisation.getEntity()).toMatchObject({ name: 'Ville de Paris', kind: 'OTHER_PUBLIC_BODY', siret: null });
    expect(notice.title).toBe('2016 DFA 167 - Prestations de remorquage pour les véhicules de la ville de Paris');
    expect(notice.description).toMatch(/^Accords-cadres à bons de commande relatifs à des prestations de remorquage/);
    expect(notice).toMatchObject({ mainCpv: '50118110-9', nature: 'SERVICES', procedure: 'OPEN', environmentalClause: true });
    // CONDITION_RELATIVE_MARCHE/PARTICIPATION_ELECTRONIQUE_NON: tenders on paper.
    expect(notice.electronicSubmission).toBe(false);
    expect(notice.submissionDeadline.toISOString()).toBe('2017-02-07T11:00:00.000Z');
    expect(notice.publishedAt?.toISOString()).toBe('2016-12-31T23:00:00.000Z');
    expect(notice).toMatchObject({ frameworkAgreement: true, frameworkSupplierMode: 'SINGLE', frameworkDurationMonths: 12 });
    expect(notice.lots.getItems().map((lot) => [lot.number, lot.title, lot.cpv, lot.status])).toEqual([
      [1, 'Prestations de remorquage pour les véhicules légers de la ville de Paris', '50118110-9', 'OPEN'],
      [2, 'Prestations de remorquage pour les poids lourds de la ville de Paris', '50118110-9', 'OPEN'],
    ]);
    // Imported notices bypass the minimum response time, but their status follows the clock: long closed.
    expect(notice.status).toBe('CLOSED');
    expect(notice.buyerProfileUrl).toBe('https://marches.maximilien.fr/');
  });

  it('reads a BOAMP award notice into the call it follows, with all five holders and no amount', async () => {
    const notice = await noticeFrom(hub, 'BOAMP', '16-162580');
    expect(notice.organisation.getEntity().name).toBe('Communauté d\'agglomérat. du gapençais');
    expect(notice.title).toBe('Fourniture de polymères pour la déshydratation des boues de la station d\'épuration de Gap');
    expect(notice.mainCpv).toBe('24542000-5');
    expect(notice.procedure).toBe('ADAPTED');
    expect(notice.status).toBe('AWARDED');
    const [lot] = notice.lots.getItems();
    const award = lot!.award!.getEntity();
    expect(lot!.status).toBe('AWARDED');
    expect(award).toMatchObject({ supplierName: 'ADIPAP', supplierSiret: null, amount: null, awardedOn: '2016-12-29', sme: null });
    expect(award.coSuppliers.map((supplier) => supplier.name)).toEqual(['KEMIRA FRANCE SAS', 'OTV SUD AFRIQUE', 'SAS SNF', 'DIAGONAL WATER TREATMENT']);
    expect(award.contract).toEqual({ offersReceived: 6 });
  });

  it('reads what a BOAMP award notice says of its buyer and holders: the buyer\'s SIRET, each holder\'s SIRET and SME flag, the total value and a joint bid', async () => {
    const summary = await importFile(hub.orm, fixture('hub/boamp-award-18-999003.xml'), { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 1, skipped: 0 });
    const notice = await noticeFrom(hub, 'BOAMP', '18-999003');
    // IDENTITE/CODE_IDENT_NATIONAL, written with spaces: the hub's commune of Lorgues, found by its SIREN, learns its SIRET.
    expect(notice.organisation.getEntity()).toMatchObject({ name: 'Lorgues', siren: '218300721', siret: '21830072100014' });
    expect(notice).toMatchObject({ estimatedValue: 412500, electronicSubmission: true, status: 'AWARDED' });
    const award = notice.lots[0]!.award!.getEntity();
    // The main holder named twice (same SIRET, another spelling) is one holder; two establishments of one company
    // under one name are two.
    expect(award).toMatchObject({ supplierName: 'Routes du Var (mandataire)', supplierSiret: '74567890400012', sme: true, amount: 412500, awardedOn: '2018-05-22' });
    expect(award.coSuppliers).toEqual([
      { name: 'Provence Signalisation', siret: '63456789500012' },
      { name: 'Provence Signalisation', siret: '63456789500020' },
    ]);
    expect(award.contract).toEqual({ offersReceived: 4, jointBid: true, buyerSiret: '21830072100014' });
    const before = await snapshot(hub);
    expect(await importFile(hub.orm, fixture('hub/boamp-award-18-999003.xml'), { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await snapshot(hub)).toEqual(before);
  });

  it('keeps a BOAMP award notice without CPV or supplier, saying so in its warnings', async () => {
    const notice = await noticeFrom(hub, 'BOAMP', '16-155545');
    expect(notice.mainCpv).toBe('');
    expect(notice.status).toBe('AWARDED');
    expect(notice.lots.getItems().map((lot) => [lot.number, lot.status, lot.award])).toEqual([
      [1, 'AWARDED', null],
      [2, 'AWARDED', null],
      [3, 'AWARDED', null],
    ]);
  });

  it('reads a TED award notice (R2.0.9) lot by lot: holders with SIRET, amounts, SME, unsuccessful lots', async () => {
    const notice = await noticeFrom(hub, 'TED', '2018/S 042-092667');
    expect(notice.organisation.getEntity().name).toBe('CAPL');
    expect(notice.title).toBe("Marché de travaux d'infrastructures, d'ouvrage d'art et d'aménagements paysagers de la ligne BHNS secteur Mandelieu centre");
    expect(notice).toMatchObject({ mainCpv: '45234116-2', nature: 'WORKS', procedure: 'NEGOTIATED', status: 'AWARDED', estimatedValue: 5530658.98 });
    const lots = notice.lots.getItems();
    expect(lots.map((lot) => lot.status)).toEqual(['AWARDED', 'AWARDED', 'AWARDED', 'UNSUCCESSFUL', 'UNSUCCESSFUL']);
    const first = lots[0]!.award!.getEntity();
    expect(first).toMatchObject({ supplierName: 'Eiffage route mediterranée (mandataire)', supplierSiret: '39876221100298', amount: 4625137.4, awardedOn: '2018-08-23', sme: false });
    expect(first.coSuppliers).toEqual([{ name: 'Gagneraud Construction (cotraitant)', siret: '40268299100102', otherId: null }]);
    expect(first.contract).toMatchObject({ offersReceived: 5, notifiedOn: '2018-08-23', contractId: '18.008.1' });
    expect(lots[2]!.award!.getEntity()).toMatchObject({ supplierName: 'Paysages méditerranéens', supplierSiret: '43292584000048', amount: 369648.37, sme: true });
  });

  it('reads a TED contract notice (R2.0.9) with its deadline in Paris time and a reservation', async () => {
    const notice = await noticeFrom(hub, 'TED', '2019/S 040-091489');
    expect(notice.organisation.getEntity().name).toBe('EPS Paul Guiraud');
    expect(notice).toMatchObject({ mainCpv: '55321000-6', reservedFor: 'DISABILITY', contactEmail: 'marches@psysudparis.fr' });
    expect(notice.submissionDeadline.toISOString()).toBe('2019-03-22T14:00:00.000Z');
    const commune = await noticeFrom(hub, 'TED', '2021/S 133-354626');
    expect(commune.organisation.getEntity()).toMatchObject({ name: 'Commune de Vétraz-Monthoux', siren: '217402981', siret: '21740298100013' });
    const foreign = await noticeFrom(hub, 'TED', '2020/S 223-549479');
    expect(foreign.estimatedValue).toBeNull(); // in GBP: never shown as euros
    expect(foreign.lots).toHaveLength(3);
  });

  it('reads eForms notices: the buyer by SIRET, lots, the last lot deadline, and the winning tender of each lot', async () => {
    const notice = await noticeFrom(hub, 'TED', '00047522-2024');
    expect(notice.organisation.getEntity()).toMatchObject({ name: 'Communauté de Communes du Piémont Cévenol', siren: '200034411', siret: '20003441100013' });
    expect(notice.mainCpv).toBe('90511100-3');
    expect(notice.submissionDeadline.toISOString()).toBe('2024-02-28T10:00:00.000Z');
    expect(notice.lots.getItems().map((lot) => [lot.number, lot.title, lot.cpv])).toEqual([
      [1, 'Collecte et transport des colonnes à verre', '90511100-3'],
      [2, 'Collecte et transport des colonnes à papier', '90511400-6'],
    ]);
    expect(notice.frameworkAgreement).toBe(true);

    const award = await noticeFrom(hub, 'TED', '00191534-2024');
    expect(award.status).toBe('AWARDED');
    const winners = award.lots.getItems().map((lot) => [lot.number, lot.award?.getEntity().supplierName, lot.award?.getEntity().amount]);
    expect(winners).toEqual([
      [1, 'Belgo Facility Services', 8819.09],
      [2, 'M&G CLEANING', 13768.11],
      [3, 'Belgo Facility Services', 9317.85],
      [4, 'Belgo Facility Services', 11807.88],
      [5, 'Belgo Facility Services', 11016.45],
    ]);
    // A Belgian authority has no SIREN: a placeholder keeps the column unique, and the API shows none.
    const buyer = award.organisation.getEntity();
    expect(buyer.siren).toMatch(/^~[0-9a-f]{8}$/);
    const api = await hub.gql(`{ notice(reference: "${award.reference}") { organisation { siren name } lots { award { supplierSiret coSuppliers { name } } } } }`);
    expect(api.errors).toBeUndefined();
    expect(api.data!.notice.organisation).toEqual({ siren: null, name: buyer.name });
  });

  it('lets a BOAMP award notice decide the lots of the call it follows, never rewriting the call\'s title, publication or deadline, in either order', async () => {
    const pair = (call: string, award: string) => {
      const callFile = join(dir, `call-${call}.xml`);
      const awardFile = join(dir, `award-${award}.xml`);
      writeFileSync(callFile, readFileSync(fixture('hub/boamp-call-16-999001.xml'), 'utf8').replace('16-999001', call));
      writeFileSync(awardFile, readFileSync(fixture('hub/boamp-award-17-999002.xml'), 'utf8').replace('17-999002', award).replace('16-999001', call));
      return { callFile, awardFile };
    };
    const callFirst = pair('16-999001', '17-999002');
    const awardFirst = pair('16-999011', '17-999012');
    const now = hub.clock.now();
    await importFile(hub.orm, callFirst.callFile, { now });
    await importFile(hub.orm, callFirst.awardFile, { now });
    await importFile(hub.orm, awardFirst.awardFile, { now });
    await importFile(hub.orm, awardFirst.callFile, { now });
    for (const id of ['16-999001', '16-999011']) {
      const notice = await noticeFrom(hub, 'BOAMP', id);
      expect(notice.title, id).toBe('2016 DFA 167 - Prestations de remorquage pour les véhicules de la ville de Paris');
      expect(notice.publishedAt?.toISOString(), id).toBe('2016-12-31T23:00:00.000Z');
      expect(notice.submissionDeadline.toISOString(), id).toBe('2017-02-07T11:00:00.000Z');
      expect(notice.status, id).toBe('AWARDED');
      const [first, second] = notice.lots.getItems();
      expect(first!.title, id).toBe('Prestations de remorquage pour les véhicules légers de la ville de Paris');
      expect([first!.status, second!.status], id).toEqual(['AWARDED', 'UNSUCCESSFUL']);
      expect(first!.award!.getEntity(), id).toMatchObject({ supplierName: 'ADIPAP', awardedOn: '2017-05-15' });
    }
    const before = await snapshot(hub);
    for (const file of [callFirst.awardFile, callFirst.callFile, awardFirst.callFile, awardFirst.awardFile]) {
      expect(await importFile(hub.orm, file, { now }), file).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    }
    expect(await snapshot(hub)).toEqual(before);
  });

  it('keeps every contract of a TED R2.0.9 lot and numbers lots labelled 1.1A, 1.1B in the order the notice names them', async () => {
    const summary = await importFile(hub.orm, fixture('hub/ted-r209-lot-labels.xml'), { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 1 });
    expect(summary.warnings).toContain('TED_EXPORT (2018/S 178-499999)/FORM_SECTION/F06_2014: lot 1: 3 contracts, kept as one award with all their holders and their values added up');
    const notice = await noticeFrom(hub, 'TED', '2018/S 042-099999');
    const lots = notice.lots.getItems();
    expect(lots.map((lot) => [lot.number, lot.title, lot.status])).toEqual([
      [1, 'Lot 1.1A – Infrastructures', 'AWARDED'],
      [2, "Lot 1.1B – Élargissement Ouvrage d'Art (OA) sur la Siagne", 'AWARDED'],
      [3, expect.stringMatching(/^Lot 3 – /), 'AWARDED'],
      [4, expect.stringMatching(/^Lot 4 – /), 'UNSUCCESSFUL'],
      [5, expect.stringMatching(/^Lot 5 – /), 'UNSUCCESSFUL'],
    ]);
    const first = lots[0]!.award!.getEntity();
    expect(first).toMatchObject({ supplierName: 'Eiffage route mediterranée (mandataire)', supplierSiret: '39876221100298', amount: 6161010.61, awardedOn: '2018-08-21' });
    expect(first.coSuppliers.map((supplier) => supplier.siret)).toEqual(['40268299100102', '48746933000012']);
    expect(first.contract?.contractId).toBeUndefined();
    expect(lots[1]!.award!.getEntity()).toMatchObject({ supplierName: 'NGE Génie Civil', amount: 535873.21, awardedOn: '2018-08-24' });
  });

  it('gives an eForms restricted procedure the deadline for requests to participate, so it is open until then', async () => {
    const notice = await noticeFrom(hub, 'TED', '00047522-2024');
    const summary = await importFile(hub.orm, fixture('hub/eforms-restricted-00047599-2024.xml'), { now: new Date('2024-02-20T09:00:00Z') });
    expect(summary).toMatchObject({ created: 1 });
    const restricted = await noticeFrom(hub, 'TED', '00047599-2024');
    expect(restricted.procedure).toBe('RESTRICTED');
    expect(restricted.submissionDeadline.toISOString()).toBe(notice.submissionDeadline.toISOString());
    expect(restricted.status).toBe('PUBLISHED');
  });

  it('never stores an amount in another currency as euros, in eForms as in TED: empty, with a warning, the amount kept with its currency', async () => {
    const summary = await importFile(hub.orm, fixture('hub/eforms-pln-00191599-2024.xml'), { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 1 });
    expect(summary.warnings).toContain(
      'ContractAwardNotice (00191599-2024): the award of lot 1 is in PLN (8819.09): not converted, left empty, kept with its currency in the contract data',
    );
    const notice = await noticeFrom(hub, 'TED', '00191599-2024');
    const awards = notice.lots.getItems().map((lot) => lot.award!.getEntity());
    expect(awards.map((award) => award.amount)).toEqual([null, null, null, null, null]);
    expect(awards[0]!.contract?.amountInCurrency).toEqual({ amount: 8819.09, currency: 'PLN' });
    expect(awards[1]!.supplierName).toBe('M&G CLEANING');
  });

  it('finds a buyer first met by name only when a later file gives its SIREN, instead of making a duplicate', async () => {
    const before = await noticeFrom(hub, 'BOAMP', '16-186394');
    expect(before.organisation.getEntity()).toMatchObject({ name: 'Ville de Paris', siret: null });
    const csv = join(dir, 'decp-paris.csv');
    writeFileSync(
      csv,
      [
        'uid,id,type,codeCPV,acheteur_id,acheteur_nom,titulaire_id,titulaire_nom,montant,dateNotification,procedure,dureeMois,offresRecues',
        "217500016000192025P001,2025P001,Services,50118110,21750001600019,Ville de Paris,85678901100017,DEPANNAGE PARISIEN,150000,2025-03-03,Appel d'offres ouvert,24,3",
      ].join('\n'),
    );
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 1, organisationsCreated: 0 });
    const contract = await noticeFrom(hub, 'DECP', '217500016000192025P001');
    expect(contract.organisation.id).toBe(before.organisation.id);
    expect(contract.organisation.getEntity()).toMatchObject({ siren: '217500016', siret: '21750001600019' });
    expect(await hub.orm.em.fork().count(Organisation, { name: 'Ville de Paris' })).toBe(1);
  });

  it('gives a buyer created by a file the SIREN and SIRET that a later record of the same file teaches, before the buyer is written', async () => {
    const siren = withLuhnKey('21830999');
    const siret = withLuhnKey(`${siren}0001`);
    const name = `Commune de Même-Lot ${siren}`;
    // The first record's buyer id is no identifier (a warning): the buyer is known by its name only, until the second.
    const file = join(dir, 'decp-learnt-in-one-batch.json');
    const json = JSON.parse(readFileSync(fixture('hub/decp-v1.5.json'), 'utf8')) as { marches: Array<Record<string, unknown>> };
    const [first] = json.marches;
    json.marches = [
      { ...first, uid: `ONE-BATCH-1-${siren}`, acheteur: { id: 'abc', nom: name } },
      { ...first, uid: `ONE-BATCH-2-${siren}`, acheteur: { id: siret, nom: name } },
    ];
    writeFileSync(file, JSON.stringify(json));
    expect(await importFile(hub.orm, file, { now: hub.clock.now() })).toMatchObject({ created: 2, organisationsCreated: 1, skipped: 0 });
    const em = hub.orm.em.fork();
    const buyers = await em.find(Organisation, { name });
    expect(buyers.map(({ siren, siret }) => ({ siren, siret }))).toEqual([{ siren, siret }]);
    const before = await snapshot(hub);
    expect(await importFile(hub.orm, file, { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 0, organisationsCreated: 0 });
    expect(await snapshot(hub)).toEqual(before);
  });

  it.each([
    ['the name-only call, the SIRET under another name, the award giving both', ['call', 'decp', 'award']],
    ['the SIRET under another name, the name-only call, the award giving both', ['decp', 'call', 'award']],
    ['the name-only call, the award giving both, the SIRET under another name', ['call', 'award', 'decp']],
    ['the award giving both, the name-only call, the SIRET under another name', ['award', 'call', 'decp']],
    ['the award giving both, the SIRET under another name, the name-only call', ['award', 'decp', 'call']],
  ])('ends with one buyer holding its SIRET and every notice, whatever the order of the files: %s', async (_order, files) => {
    const index = files.join('-');
    // Identifiers with their Luhn keys: the importer keeps no other.
    const siren = withLuhnKey(`2183${String(Object.keys(buyerOrders).length).padStart(2, '0')}99`);
    buyerOrders[index] = siren;
    const siret = withLuhnKey(`${siren}0001`);
    const name = `Commune de Saint-Essai ${siren}`;
    const paths: Record<string, string> = { call: join(dir, `order-call-${siren}.xml`), award: join(dir, `order-award-${siren}.xml`), decp: join(dir, `order-decp-${siren}.csv`) };
    const callId = `16-${siren.slice(4)}`;
    const awardId = `18-${siren.slice(4)}`;
    writeFileSync(
      paths.call!,
      readFileSync(fixture('boamp/boamp-16-186394.xml'), 'utf8').replace('16-186394', callId).replace('<DENOMINATION>Ville de Paris</DENOMINATION>', `<DENOMINATION>${name}</DENOMINATION>`),
    );
    writeFileSync(
      paths.award!,
      readFileSync(fixture('hub/boamp-award-18-999003.xml'), 'utf8').replace('18-999003', awardId).replace('Commune de Lorgues', name).replace('218 300 721 00014', siret),
    );
    writeFileSync(
      paths.decp!,
      [
        'uid,id,type,codeCPV,acheteur_id,acheteur_nom,titulaire_id,titulaire_nom,montant,dateNotification,procedure,dureeMois,offresRecues',
        `${siret}2025V001,2025V001,Travaux,45233140,${siret},MAIRIE DE ST ESSAI ${siren},85678901100017,ROUTES D'AZUR TP,98000,2025-03-03,Procédure adaptée,6,3`,
      ].join('\n'),
    );
    const now = hub.clock.now();
    for (const file of files) await importFile(hub.orm, paths[file]!, { now });
    const notices = await Promise.all([noticeFrom(hub, 'BOAMP', callId), noticeFrom(hub, 'BOAMP', awardId), noticeFrom(hub, 'DECP', `${siret}2025V001`)]);
    const buyers = new Set(notices.map((notice) => notice.organisation.id));
    expect(buyers.size).toBe(1);
    const [buyer] = buyers;
    const em = hub.orm.em.fork();
    expect(await em.findOneOrFail(Organisation, buyer!)).toMatchObject({ siren, siret });
    expect(await em.count(Organisation, { $or: [{ name }, { name: `MAIRIE DE ST ESSAI ${siren}` }, { siren }] })).toBe(1);
    // Importing the files again, in any order, changes nothing.
    const before = await snapshot(hub);
    for (const file of [...files].reverse()) expect(await importFile(hub.orm, paths[file]!, { now }), file).toMatchObject({ created: 0, updated: 0, organisationsCreated: 0 });
    expect(await snapshot(hub)).toEqual(before);
  });

  it('keeps the rows of one DECP contract as its holders told apart by SIRET, and refuses a row of the same uid describing another contract', async () => {
    const csv = join(dir, 'decp-uid.csv');
    const header = 'uid,id,type,codeCPV,acheteur_id,acheteur_nom,titulaire_id,titulaire_nom,montant,dateNotification,procedure,dureeMois,offresRecues';
    const row = (uid: string, holder: string, name: string, amount: string) =>
      `${uid},${uid.slice(14)},Travaux,45233140,21830050700017,COMMUNE DE DRAGUIGNAN,${holder},${name},${amount},2025-09-01,Appel d'offres ouvert,12,4`;
    writeFileSync(
      csv,
      [
        header,
        row('218300507000172025U301', '85678901100017', 'GROUPE DUPONT', '500000'),
        row('218300507000172025U301', '85678901100025', 'GROUPE DUPONT', '500000'),
        row('218300507000172025U302', '41234567000019', 'BATI VAR', '90000'),
        row('218300507000172025U301', '63456789500012', 'AUTRE ENTREPRISE', '75000'),
        row('218300507000172025U301', '74567890400012', 'NUMERIQUE MEDITERRANEE', '500000'),
      ].join('\n'),
    );
    const summary = await importFile(hub.orm, csv, { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 2, skipped: 1 });
    expect(summary.skippedReasons).toEqual([
      {
        reason: 'uid 218300507000172025U301 already read (line 2) with another montant: the first record is the contract (DECP identifies a contract by its uid)',
        count: 1,
        examples: ['line 5'],
      },
    ]);
    const award = (await noticeFrom(hub, 'DECP', '218300507000172025U301')).lots[0]!.award!.getEntity();
    expect(award).toMatchObject({ supplierSiret: '85678901100017', amount: 500000 });
    expect(award.coSuppliers.map((supplier) => [supplier.name, supplier.siret])).toEqual([
      ['GROUPE DUPONT', '85678901100025'],
      ['NUMERIQUE MEDITERRANEE', '74567890400012'],
    ]);
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 0, unchanged: 2, skipped: 1 });
  });

  it('writes the same whatever the batch size: rows of a contract in different batches become its holders, and a later row of its uid describing another contract is still refused', async () => {
    const csv = join(dir, 'decp-batches.csv');
    const header = 'uid,id,type,codeCPV,acheteur_id,acheteur_nom,titulaire_id,titulaire_nom,montant,dateNotification,procedure,dureeMois,offresRecues';
    const row = (uid: string, holder: string, name: string, amount: string) =>
      `${uid},${uid.slice(14)},Travaux,45233140,21830050700017,COMMUNE DE DRAGUIGNAN,${holder},${name},${amount},2025-09-01,Appel d'offres ouvert,12,4`;
    writeFileSync(
      csv,
      [
        header,
        row('218300507000172025B401', '85678901100017', 'GROUPE DUPONT', '500000'),
        row('218300507000172025B402', '41234567000019', 'BATI VAR', '90000'),
        row('218300507000172025B401', '85678901100025', 'GROUPE DUPONT', '500000'),
        row('218300507000172025B403', '41234567000019', 'BATI VAR', '60000'),
        row('218300507000172025B401', '63456789500012', 'AUTRE ENTREPRISE', '75000'),
        row('218300507000172025B401', '74567890400012', 'NUMERIQUE MEDITERRANEE', '500000'),
      ].join('\n'),
    );
    // One record a batch: every later row of B401 meets its contract in the database, not in memory.
    const summary = await importFile(hub.orm, csv, { now: hub.clock.now(), batchSize: 1 });
    expect(summary).toMatchObject({ created: 3, updated: 0, skipped: 1 });
    expect(summary.skippedReasons[0]).toMatchObject({ reason: expect.stringMatching(/^uid 218300507000172025B401 already read \(line 2\) with another montant/), examples: ['line 6'] });
    const notice = await noticeFrom(hub, 'DECP', '218300507000172025B401');
    expect(notice.version).toBe(1);
    const award = notice.lots[0]!.award!.getEntity();
    expect(award).toMatchObject({ supplierSiret: '85678901100017', amount: 500000 });
    expect(award.coSuppliers.map((supplier) => supplier.siret)).toEqual(['85678901100025', '74567890400012']);
    const before = await snapshot(hub);
    for (const batchSize of [1, 2, 500]) {
      expect(await importFile(hub.orm, csv, { now: hub.clock.now(), batchSize }), `batch of ${batchSize}`).toMatchObject({ created: 0, updated: 0, unchanged: 3, skipped: 1 });
    }
    expect(await snapshot(hub)).toEqual(before);
  });

  it('attributes imported notices to an inactive import account that cannot sign in', async () => {
    const notice = await noticeFrom(hub, 'TED', '00047522-2024');
    const account = notice.createdBy.getEntity();
    expect(account).toMatchObject({ email: IMPORT_ACCOUNT_EMAIL, active: false, role: 'VIEWER' });
    await expect(hub.login(IMPORT_ACCOUNT_EMAIL, 'anything at all')).rejects.toThrow(/login failed/);
    expect(await hub.orm.em.fork().count(StaffMember, { email: IMPORT_ACCOUNT_EMAIL })).toBe(1);
  });

  it('changes nothing when the same files are imported again, skipping their records by hash or comparing them field by field', async () => {
    const before = await snapshot(hub);
    for (const file of SAMPLES) {
      const summary = await importFile(hub.orm, file, { now: new Date(hub.clock.now().getTime() + 3_600_000) });
      expect(summary, file).toMatchObject({ created: 0, updated: 0, unchanged: 1, organisationsCreated: 0 });
    }
    expect(await snapshot(hub)).toEqual(before);
    // Without the hashes (as after an upgrade of the import rules) every record is applied and compared again.
    await hub.orm.em.fork().getKnex()('notice').update({ source_hash: null });
    for (const file of SAMPLES) {
      const summary = await importFile(hub.orm, file, { now: new Date(hub.clock.now().getTime() + 7_200_000) });
      expect(summary, file).toMatchObject({ created: 0, updated: 0, unchanged: 1, organisationsCreated: 0 });
    }
    expect(await snapshot(hub)).toEqual(before);
  });

  it('fails a truncated XML file naming the file and the line, and writes nothing', async () => {
    const truncated = join(dir, 'boamp-truncated.xml');
    const text = readFileSync(fixture('boamp/boamp-16-186394.xml'), 'utf8');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.6)));
    const before = await snapshot(hub);
    const failure = await importFile(hub.orm, truncated, { now: hub.clock.now() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportFailure);
    expect((failure as ImportFailure).message).toMatch(/boamp-truncated\.xml: line \d+, column \d+: XML is not well-formed/);
    expect(await snapshot(hub)).toEqual(before);
  });

  it('fails a DECP CSV with a bad row naming its line, keeping none of the good rows before it', async () => {
    const before = await snapshot(hub);
    const failure = await importFile(hub.orm, fixture('hub/decp-bad-row.csv'), { now: hub.clock.now() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportFailure);
    expect((failure as ImportFailure).message).toMatch(/decp-bad-row\.csv: line 4\.montant: "quarante mille" is not an amount/);
    expect(await snapshot(hub)).toEqual(before);
  });

  it('fails an unreadable file or one of unknown format with a clear message', async () => {
    const missing = await importFile(hub.orm, join(dir, 'absent.xml'), { now: hub.clock.now() }).catch((error: unknown) => error);
    expect((missing as Error).message).toMatch(/absent\.xml: cannot read the file \(ENOENT\)/);
    const odd = join(dir, 'odd.xml');
    writeFileSync(odd, '<?xml version="1.0"?><rss><channel/></rss>');
    const unknown = await importFile(hub.orm, odd, { now: hub.clock.now() }).catch((error: unknown) => error);
    expect((unknown as Error).message).toMatch(/odd\.xml: unknown format: an XML file whose root <rss>/);
  });

  it('imports a consolidated DECP CSV: the buyer found by SIREN learns its SIRET, two rows make two holders, concessions are skipped', async () => {
    const summary = await importFile(hub.orm, fixture('hub/decp-consolidated.csv'), { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 2, updated: 0, organisationsCreated: 0 });
    expect(summary.skippedReasons).toEqual([{ reason: 'Contrat de concession: only contracts (marchés) are imported', count: 1, examples: ['line 5'] }]);
    const works = await noticeFrom(hub, 'DECP', '2183005070001720250002');
    expect(works.organisation.getEntity()).toMatchObject({ name: 'Draguignan', siret: '21830050700017' });
    expect(works).toMatchObject({ title: 'Travaux de voirie, lot unique', nature: 'WORKS', procedure: 'OPEN', mainCpv: '45233140-2', status: 'AWARDED' });
    expect(works.reference).toMatch(/^2025-DRA-\d{4}$/);
    const award = works.lots[0]!.award!.getEntity();
    expect(award).toMatchObject({ supplierName: 'Routes d’Azur TP', supplierSiret: '85678901100017', amount: 312000, awardedOn: '2025-05-02' });
    expect(award.coSuppliers).toEqual([{ name: 'Bâti Var Construction', siret: '41234567000019', otherId: null }]);
    expect(award.contract).toMatchObject({ durationMonths: 12, priceForm: 'Unitaire', dataPublishedOn: '2025-05-15' });
    const again = await importFile(hub.orm, fixture('hub/decp-consolidated.csv'), { now: hub.clock.now() });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('imports DECP v1.5 JSON with its modifications, and the official v2 examples', async () => {
    const legacy = await importFile(hub.orm, fixture('hub/decp-v1.5.json'), { now: hub.clock.now() });
    expect(legacy).toMatchObject({ format: 'decp-json', created: 1 });
    expect(legacy.skippedReasons.flatMap((item) => item.examples)).toEqual(['marches[1]']);
    const roof = await noticeFrom(hub, 'DECP', '218301414000152024T0012');
    expect(roof.placeOfPerformanceInsee).toBe('83141');
    expect(roof.lots[0]!.award!.getEntity().contract?.modifications).toEqual([
      { id: 1, notifiedOn: '2023-09-01', publishedOn: '2023-09-05', amount: 139900 },
    ]);
    const v2 = await importFile(hub.orm, fixture('decp/marches_avec_modifications.json'), { now: hub.clock.now() });
    expect(v2).toMatchObject({ created: 2 });
    const test = await noticeFrom(hub, 'DECP', '21750001630066-TEST2022');
    expect(test.lots[0]!.award!.getEntity().contract).toMatchObject({ ccag: 'Travaux', offersReceived: 4, techniques: ['Concours', 'Accord-cadre'] });
  });

  it('reads the national consolidated DECP CSV, whose type column is the category, as contracts of works, services and supplies', async () => {
    const summary = await importFile(hub.orm, fixture('hub/decp-national-consolidated.csv'), { now: hub.clock.now() });
    expect(summary).toMatchObject({ format: 'decp-csv', records: 3, created: 3, skipped: 0 });
    const works = await noticeFrom(hub, 'DECP', '218300507000172025T101');
    expect(works).toMatchObject({ nature: 'WORKS', procedure: 'OPEN', mainCpv: '45233140-2', status: 'AWARDED' });
    // No object in this layout: the CPV label says what was bought.
    expect(works.title).toBe('Travaux routiers (marché 2025T101)');
    const award = works.lots[0]!.award!.getEntity();
    expect(award).toMatchObject({ supplierName: "ROUTES D'AZUR TP", supplierSiret: '85678901100017', amount: 312000, awardedOn: '2025-05-02' });
    expect(award.coSuppliers).toEqual([{ name: 'BATI VAR CONSTRUCTION', siret: '41234567000019', otherId: null }]);
    expect(award.contract).toMatchObject({ durationMonths: 12, offersReceived: 4 });
    expect((await noticeFrom(hub, 'DECP', '218300507000172025S102')).nature).toBe('SERVICES');
    // Supplies by its type column, whatever its CPV division says.
    expect((await noticeFrom(hub, 'DECP', '218300507000172025F103')).nature).toBe('SUPPLIES');
  });

  it('gives buyers whose names leave no free letters the first free reference codes in alphabetical order, each once', async () => {
    const em = hub.orm.em.fork();
    const before = new Set((await em.find(Organisation, {}, { fields: ['referenceCode'] })).map((organisation) => organisation.referenceCode));
    // Thirty communes named alike: the letters of « Ville » give four codes at most, the others take any free code.
    const sirets = Array.from({ length: 30 }, (_, i) => `${withLuhnKey(`2189${String(i).padStart(4, '0')}`)}0001`).map(withLuhnKey);
    const header = 'uid;id;type;objet;codeCPV;procedure;dureeMois;dateNotification;datePublicationDonnees;montant;formePrix;acheteur_id;acheteur_nom;titulaire_id;titulaire_typeIdentifiant;titulaire_nom';
    const rows = sirets.map((siret, i) =>
      [`${siret}2025V${i}`, `2025V${i}`, 'Marché', `Travaux ${i}`, '45233140', 'Procédure adaptée', 12, '2025-05-02', '2025-05-15', '1000', 'Forfaitaire', siret, 'Ville', '85678901100017', 'SIRET', 'Routes'].join(';'),
    );
    const file = join(dir, 'decp-same-names.csv');
    writeFileSync(file, `${[header, ...rows].join('\r\n')}\r\n`);
    const summary = await importFile(hub.orm, file, { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 30, organisationsCreated: 30, skipped: 0 });
    const bySiret = new Map((await em.fork().find(Organisation, { siret: { $in: sirets } })).map((organisation) => [organisation.siret, organisation.referenceCode]));
    const codes = sirets.map((siret) => bySiret.get(siret)!);
    expect(new Set(codes).size).toBe(30);
    expect(codes.filter((code) => before.has(code))).toEqual([]);
    const anyCode = codes.filter((code) => !code.startsWith('V'));
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const free = [...letters].flatMap((a) => [...letters].flatMap((b) => [...letters].map((c) => a + b + c))).filter((code) => !before.has(code));
    expect(anyCode.length).toBeGreaterThanOrEqual(26);
    expect(anyCode).toEqual(free.slice(0, anyCode.length));
  });

  it('reads a DECP CSV whose holders are numbered columns (titulaire_id_1, titulaire_id_2…)', async () => {
    const summary = await importFile(hub.orm, fixture('hub/decp-numbered-holders.csv'), { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 1, skipped: 0 });
    const notice = await noticeFrom(hub, 'DECP', '21830072100014-2025L201');
    const award = notice.lots[0]!.award!.getEntity();
    expect([award.supplierSiret, ...award.coSuppliers.map((supplier) => supplier.siret)]).toEqual(['74567890400012', '63456789500012']);
  });

  it('fails a non-empty file of which every record is skipped, giving the reason, and writes nothing', async () => {
    const before = await snapshot(hub);
    const failure = await importFile(hub.orm, fixture('hub/decp-only-concessions.csv'), { now: hub.clock.now() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportFailure);
    expect((failure as Error).message).toMatch(
      /decp-only-concessions\.csv: every one of its 2 record\(s\) was skipped: 2 × Contrat de concession: only contracts \(marchés\) are imported \(line 2, line 3\)/,
    );
    expect(await snapshot(hub)).toEqual(before);
  });

  it('fails a DECP CSV whose header fits no layout, naming the missing columns', async () => {
    const odd = join(dir, 'odd-decp.csv');
    writeFileSync(odd, 'uid,id,type,acheteur_id,montant\n1,1,Travaux,21830050700017,1000\n');
    const failure = await importFile(hub.orm, odd, { now: hub.clock.now() }).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/odd-decp\.csv: line 1: the header lacks the column\(s\) titulaire_id, dateNotification/);
  });

  it.each([
    ['a garbage deadline', '<RECEPT_OFFRES>2017-02-07T12:00:00+01:00</RECEPT_OFFRES>', '<RECEPT_OFFRES>le 7 février à midi</RECEPT_OFFRES>', /line 142, <RECEPT_OFFRES>: "le 7 février à midi" is not a date and time$/],
    ['a garbage publication date', '<DATE_PUBLICATION>2017-01-01</DATE_PUBLICATION>', '<DATE_PUBLICATION>2017-13-45</DATE_PUBLICATION>', /line 25, <DATE_PUBLICATION>: "2017-13-45" is not a date$/],
    ['a garbage lot CPV', '<PRINCIPAL>50118110</PRINCIPAL>\n          </CPV>\n          <CODE_NUTS>', '<PRINCIPAL>remorquage</PRINCIPAL>\n          </CPV>\n          <CODE_NUTS>', /line \d+, <PRINCIPAL>: "remorquage" is not a CPV code$/],
    ['an absurd amount', '<OBJET>', '<OBJET><VALEUR_TOTALE>1e308</VALEUR_TOTALE>', /line 62, <VALEUR_TOTALE>: "1e308" is not a plausible amount: ne peut dépasser 100\s000\s000\s000\s€ \(montant invraisemblable\)$/],
  ])('fails a BOAMP notice with %s inside well-formed XML, naming the file, the line and the element, and writes nothing', async (_what, good, bad, message: RegExp) => {
    const text = readFileSync(fixture('boamp/boamp-16-186394.xml'), 'utf8');
    expect(text).toContain(good);
    const file = join(dir, 'boamp-garbage.xml');
    writeFileSync(file, text.replace(good, bad));
    const before = await snapshot(hub);
    const failure = await importFile(hub.orm, file, { now: hub.clock.now() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportFailure);
    expect((failure as Error).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ${message.source}`));
    expect((failure as Error).message).not.toMatch(/insert|update|select/i);
    expect(await snapshot(hub)).toEqual(before);
  });

  it.each([
    ['TED R2.0.9', 'a garbage deadline', 'ted/ted-xml-r2.0.9/19-090974-001-EXP.xml', '<DATE_RECEIPT_TENDERS>2019-03-22</DATE_RECEIPT_TENDERS>', '<DATE_RECEIPT_TENDERS>22 mars</DATE_RECEIPT_TENDERS>', /line 305, <DATE_RECEIPT_TENDERS>: "22 mars" is not/],
    ['TED R2.0.9', 'a garbage publication date', 'ted/ted-xml-r2.0.9/19-090974-001-EXP.xml', '<DATE_PUB>20190226</DATE_PUB>', '<DATE_PUB>20191345</DATE_PUB>', /line 29, <DATE_PUB>: "20191345" is not/],
    ['TED R2.0.9', 'a garbage lot CPV', 'ted/ted-xml-r2.0.9/19-090974-001-EXP.xml', '                  <CPV_CODE CODE="55321000"/>', '                  <CPV_CODE CODE="cantine"/>', /line 282, <CPV_CODE>: "cantine" is not a CPV code/],
    ['TED R2.0.9', 'a garbage amount', 'ted/ted-xml-r2.0.9/19-090974-001-EXP.xml', '<OBJECT_CONTRACT ITEM="1">', '<OBJECT_CONTRACT ITEM="1"><VAL_ESTIMATED_TOTAL CURRENCY="EUR">beaucoup</VAL_ESTIMATED_TOTAL>', /line \d+, <VAL_ESTIMATED_TOTAL>: "beaucoup" is not/],
    ['eForms', 'a garbage deadline', 'ted/eforms/2024-OJS017-00047522.xml', '<cbc:EndDate>2024-02-28+02:00</cbc:EndDate>', '<cbc:EndDate>fin février</cbc:EndDate>', /line 224, <EndDate>: "fin février 12:00:00\+02:00" is not a date and time/],
    ['eForms', 'a garbage publication date', 'ted/eforms/2024-OJS017-00047522.xml', '<efbc:PublicationDate>2024-01-24Z</efbc:PublicationDate>', '<efbc:PublicationDate>2024-02-30Z</efbc:PublicationDate>', /line 62, <PublicationDate>: "2024-02-30Z" is not/],
    ['eForms', 'a garbage lot CPV', 'ted/eforms/2024-OJS017-00047522.xml', '            <cbc:ItemClassificationCode listName="cpv">90511100</cbc:ItemClassificationCode>', '            <cbc:ItemClassificationCode listName="cpv">collecte</cbc:ItemClassificationCode>', /line 247, <ItemClassificationCode>: "collecte" is not a CPV code/],
    ['eForms', 'a garbage amount', 'ted/eforms/2024-OJS017-00047522.xml', '<cac:ProcurementProject>', '<cac:ProcurementProject><cac:RequestedTenderTotal><cbc:EstimatedOverallContractAmount currencyID="EUR">beaucoup</cbc:EstimatedOverallContractAmount></cac:RequestedTenderTotal>', /line \d+, <EstimatedOverallContractAmount>: "beaucoup" is not/],
  ])('fails a %s notice with %s inside well-formed XML, naming the file, the line and the element, and writes nothing', async (_format, _what, sample, good, bad, message: RegExp) => {
    const text = readFileSync(fixture(sample), 'utf8');
    expect(text).toContain(good);
    const file = join(dir, 'ted-garbage.xml');
    writeFileSync(file, text.replace(good, bad));
    const before = await snapshot(hub);
    const failure = await importFile(hub.orm, file, { now: hub.clock.now() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportFailure);
    expect((failure as Error).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ${message.source}`));
    expect(await snapshot(hub)).toEqual(before);
  });

  it('refuses a DECP row with an absurd amount, a date before 2000 or in the future, or a control character, naming its line and field, and imports the others', async () => {
    const csv = join(dir, 'decp-implausible.csv');
    const lines = readFileSync(fixture('hub/decp-national-consolidated.csv'), 'utf8').trimEnd().split('\n');
    const row = (line: number, from: string, to: string) => {
      expect(lines[line - 1]).toContain(from);
      lines[line - 1] = lines[line - 1]!.replace(from, to);
    };
    row(4, '64800.5', '1e308');
    row(5, '2025-07-01', '1900-01-01');
    lines.push(lines[4]!.replaceAll('2025F103', '2025F104').replace('1900-01-01', '2027-01-15'));
    lines.push(lines[4]!.replaceAll('2025F103', '2025F105').replace('1900-01-01', '2025-07-01').replace('NUMERIQUE', `NUMERIQUE${String.fromCharCode(0x202e)}`));
    writeFileSync(csv, lines.join('\n'));
    const summary = await importFile(hub.orm, csv, { now: hub.clock.now() });
    expect(summary).toMatchObject({ records: 5, created: 0, unchanged: 1, skipped: 4 });
    expect(summary.skippedReasons).toEqual([
      { reason: expect.stringMatching(/^lot 1\.award\.amount ne peut dépasser 100\s000\s000\s000\s€ \(montant invraisemblable\)$/), count: 1, examples: ['line 4'] },
      // Without datePublicationDonnees, the data were published on the day of notification: both dates are refused.
      { reason: 'publishedAt ne peut précéder le 1 janvier 2000; lot 1.award.awardedOn ne peut précéder le 1 janvier 2000', count: 1, examples: ['line 5'] },
      {
        reason: 'publishedAt ne peut être dans le futur (au plus tard le 1 décembre 2026); lot 1.award.awardedOn ne peut être dans le futur (au plus tard le 1 décembre 2026)',
        count: 1,
        examples: ['line 6'],
      },
      { reason: expect.stringMatching(/^lot 1\.award\.suppliers\[0\]\.name contient un caractère de contrôle bidirectionnel \(U\+202E\)/), count: 1, examples: ['line 7'] },
    ]);
    const em = hub.orm.em.fork();
    expect(await em.count(Notice, { sourceSystem: 'DECP', sourceId: { $in: ['218300507000172025F104', '218300507000172025F105'] } })).toBe(0);
    // The row imported before keeps its amount: the refused row changed nothing.
    expect((await noticeFrom(hub, 'DECP', '218300507000172025S102')).lots[0]!.award!.getEntity().amount).toBe(64800.5);
  });

  it('fails a file whose only notice is refused by the rules, with the reason', async () => {
    const file = join(dir, 'boamp-1999.xml');
    writeFileSync(file, readFileSync(fixture('boamp/boamp-16-186394.xml'), 'utf8').replace('<DATE_PUBLICATION>2017-01-01</DATE_PUBLICATION>', '<DATE_PUBLICATION>1999-03-01</DATE_PUBLICATION>'));
    const before = await snapshot(hub);
    const failure = await importFile(hub.orm, file, { now: hub.clock.now() }).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/boamp-1999\.xml: every one of its 1 record\(s\) was skipped: 1 × publishedAt ne peut précéder le 1 janvier 2000 \(ANNONCE \(IDWEB 16-186394\)\)/);
    expect(await snapshot(hub)).toEqual(before);
  });
});
