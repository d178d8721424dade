import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notice } from '../../notices/notice.entity.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { importSnapshot } from './testing/import-snapshot.js';
import { exportOpenData } from '../export/exporter.js';
import { isWithoutCall } from '../export/open-data-notice.js';
import { firstError, getValidators } from '../export/schemas.js';
import { detectFormat } from './detect-format.js';
import { importFile, ImportFailure } from './importer.js';
import { mergeReleases } from './ocds.js';

const HUB_FIXTURES = join(import.meta.dirname, '../fixtures/hub');
const RELEASES = join(HUB_FIXTURES, 'ocds-release-package.json');
const RECORDS = join(HUB_FIXTURES, 'ocds-record-package.json');
const A = 'ocds-b5fd17-lorgues-2025-0003';

type Json = Record<string, any>;
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Json;

const snapshot = importSnapshot;

const noticeOf = (hub: TestHub, sourceId: string) =>
  hub.orm.em.fork().findOneOrFail(Notice, { sourceSystem: 'OCDS', sourceId }, { populate: ['organisation', 'lots', 'lots.award'] });

describe('merging OCDS releases', () => {
  it('merges releases in order of date: later values replace, objects merge by key, arrays of objects by id, null removes', () => {
    const compiled = mergeReleases([
      { ocid: 'x', date: '2025-03-20T09:00:00+01:00', tender: { tenderPeriod: { endDate: 'late' }, lots: [{ id: '2', status: 'unsuccessful' }], value: null } },
      {
        ocid: 'x',
        date: '2025-03-03T10:00:00+01:00',
        tender: { title: 'T', tenderPeriod: { startDate: 's', endDate: 'early' }, lots: [{ id: '1', title: 'L1' }, { id: '2', title: 'L2' }], value: { amount: 1 } },
        tag: ['tender'],
      },
    ]);
    expect(compiled.tender).toEqual({
      title: 'T',
      tenderPeriod: { startDate: 's', endDate: 'late' },
      lots: [{ id: '1', title: 'L1' }, { id: '2', title: 'L2', status: 'unsuccessful' }],
    });
    expect(compiled.date).toBe('2025-03-20T09:00:00+01:00');
  });

  it('gives the fixtures’ record of a process the same compiled release as its four releases merged', () => {
    const releases = (readJson(RELEASES).releases as Json[]).filter((release) => release.ocid === A);
    const record = (readJson(RECORDS).records as Json[]).find((item) => item.ocid === A)!;
    const { id: _a, tag: _b, ...merged } = mergeReleases(releases);
    const { id: _c, tag: _d, ...compiled } = record.compiledRelease as Json;
    expect(merged).toEqual(compiled);
  });

  it('writes a release package fixture that the OCDS 1.1 release package schema accepts', () => {
    const { ocdsPackage } = getValidators();
    expect(ocdsPackage(readJson(RELEASES)), firstError(ocdsPackage)).toBe(true);
  });
});

describe('importing OCDS packages', () => {
  let hub: TestHub;
  let dir: string;
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const packageOf = (releases: Json[]) => ({ ...readJson(RELEASES), releases });
  const releasesOf = (ocid: string) => (readJson(RELEASES).releases as Json[]).filter((release) => release.ocid === ocid);

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'ocds-import-'));
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells a release package and a record package from their content, whatever the file is called', async () => {
    expect(await detectFormat(RELEASES)).toBe('ocds');
    expect(await detectFormat(write('records.data', readFileSync(RECORDS, 'utf8')))).toBe('ocds');
  });

  it('imports a release package: the releases of each process merged into one notice, a planning release skipped with its reason', async () => {
    const summary = await importFile(hub.orm, RELEASES, { now: hub.clock.now() });
    expect(summary).toMatchObject({ format: 'ocds', records: 3, created: 2, skipped: 1 });
    expect(summary.skippedReasons).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/^a planning release/), examples: ['releases[4] (ocid ocds-b5fd17-lorgues-2026-P001)'] }),
    ]);
    const notice = await noticeOf(hub, A);
    // The commune of the territory, found by its SIRET.
    expect(notice.organisation.getEntity()).toMatchObject({ name: 'Lorgues', siret: '21830072100014' });
    expect(notice).toMatchObject({
      title: "Réfection de la toiture de l'école Jean Moulin",
      description: expect.stringMatching(/^Dépose et réfection/),
      nature: 'WORKS',
      procedure: 'OPEN',
      mainCpv: '45261000-4',
      estimatedValue: 420000,
      electronicSubmission: true,
      buyerProfileUrl: 'https://www.lorgues.example/marches',
      contactEmail: 'marches@lorgues.example',
      status: 'AWARDED',
    });
    expect(notice.publishedAt?.toISOString()).toBe('2025-03-03T09:00:00.000Z');
    // The amendment's deadline, not the first one.
    expect(notice.submissionDeadline.toISOString()).toBe('2025-04-11T10:00:00.000Z');
    expect(notice.sourceDate?.toISOString()).toBe('2025-05-20T07:00:00.000Z');
    const [lot1, lot2] = notice.lots.getItems();
    expect(lot1).toMatchObject({ number: 1, title: 'Charpente et couverture', cpv: '45261000-4', estimatedValue: 300000, status: 'AWARDED' });
    expect(lot2).toMatchObject({ number: 2, title: 'Étanchéité des toitures terrasses', status: 'UNSUCCESSFUL', unsuccessfulReason: 'Lot infructueux' });
    expect(lot1!.award!.getEntity()).toMatchObject({
      supplierName: 'Provence Vert Paysage',
      supplierSiret: '52345678800018',
      amount: 284500,
      awardedOn: '2025-05-05',
      contract: { notifiedOn: '2025-05-19', durationMonths: 12 },
    });
    const other = await noticeOf(hub, 'ocds-b5fd17-draguignan-2025-0011');
    expect(other).toMatchObject({ procedure: 'RESTRICTED', nature: 'SUPPLIES', estimatedValue: null, electronicSubmission: false, mainCpv: '39160000-1' });
    expect(summary.warnings).toContain('releases[5] (ocid ocds-b5fd17-draguignan-2025-0011): tender.value: 50000 CHF is not in euros: left empty');
  });

  it('imports a record package from its compiled releases, the publication from the first release tagged tender', async () => {
    const summary = await importFile(hub.orm, RECORDS, { now: hub.clock.now() });
    expect(summary).toMatchObject({ records: 2, created: 1, unchanged: 1, updated: 0, skipped: 0 });
    const notice = await noticeOf(hub, 'ocds-b5fd17-draguignan-2025-0007');
    expect(notice).toMatchObject({ title: 'Entretien des voiries communales', procedure: 'ADAPTED', nature: 'WORKS', status: 'AWARDED' });
    expect(notice.publishedAt?.toISOString()).toBe('2025-02-12T08:00:00.000Z');
    expect(notice.lots.getItems()[0]!.award!.getEntity()).toMatchObject({
      supplierName: 'Routes d’Azur TP',
      supplierSiret: '85678901100017',
      coSuppliers: [{ name: 'Provence Vert Paysage', siret: '52345678800018' }],
      amount: 312000,
      contract: { notifiedOn: '2025-04-28', durationMonths: 24 },
    });
  });

  it('changes nothing when both packages are imported again in the other order: no version, audit entry or event', async () => {
    const before = await snapshot(hub);
    const records = await importFile(hub.orm, RECORDS, { now: hub.clock.now() });
    const releases = await importFile(hub.orm, RELEASES, { now: hub.clock.now() });
    expect([records.updated, releases.updated, records.created, releases.created]).toEqual([0, 0, 0, 0]);
    expect(await snapshot(hub)).toEqual(before);
  });

  it('applies releases split over several files to the process the hub holds, and ends as the package read together whatever the order', async () => {
    /** What the process holds, as the package of its four releases read together gave it (the test above). */
    const stateOf = async (ocid: string) => {
      const notice = await noticeOf(hub, ocid);
      return {
        deadline: notice.submissionDeadline.toISOString(),
        title: notice.title,
        status: notice.status,
        estimatedValue: notice.estimatedValue,
        lots: notice.lots.getItems().map((lot) => {
          const award = lot.award?.getEntity();
          return [lot.number, lot.status, lot.title, award?.amount ?? null, award?.contract?.notifiedOn ?? null, award?.contract?.durationMonths ?? null];
        }),
      };
    };
    const together = await stateOf(A);
    expect(together).toMatchObject({ deadline: '2025-04-11T10:00:00.000Z', lots: [[1, 'AWARDED', 'Charpente et couverture', 284500, '2025-05-19', 12], expect.anything()] });
    const orders = [[3, 2, 1, 0], [0, 1, 2, 3], [2, 0, 3, 1], [1, 3, 0, 2]];
    for (const [index, order] of orders.entries()) {
      const ocid = `ocds-b5fd17-split-${index}`;
      const files = releasesOf(A).map((release, at) => write(`split-${index}-${at}.json`, packageOf([{ ...release, ocid }])));
      const skipped: string[] = [];
      const run = (at: number) =>
        importFile(hub.orm, files[at]!, { now: hub.clock.now() }).catch((error: unknown) => {
          // A file whose only release changes a process the hub does not hold yet fails, naming the file, the release
          // and what it lacks.
          expect(error).toBeInstanceOf(ImportFailure);
          expect((error as ImportFailure).message).toContain(files[at]!);
          skipped.push((error as ImportFailure).reason);
        });
      for (const at of order) await run(at);
      for (const reason of skipped) {
        expect(reason).toMatch(
          /release ocds-b5fd17-lorgues-2025-0003-contract-1: contracts for awardID 2025-LRG-0003-lot-1 without their award \(no awards\[\]\.suppliers\)|release ocds-b5fd17-lorgues-2025-0003-amendment-1 changes a call the hub does not hold \(no tender\.title\)/,
        );
      }
      // Read again once the hub holds what they change, the skipped releases apply: the process ends as read together.
      for (const at of order) await run(at);
      expect(await stateOf(ocid), order.join(',')).toEqual(together);
      // Imported once more, in the reverse order: nothing changes.
      const before = await snapshot(hub);
      for (const at of [...order].reverse()) await run(at);
      expect(await snapshot(hub)).toEqual(before);
    }
  });

  it('applies a tender update, a cancellation and a contract to the process the hub holds, dated: an older release changes nothing', async () => {
    const [tender, , award, contract] = releasesOf(A).map((release): Json => ({ ...release, ocid: 'ocds-b5fd17-updates' }));
    await importFile(hub.orm, write('updates-tender.json', packageOf([tender!, award!])), { now: hub.clock.now() });
    // A tenderUpdate: a new value and description, lot 2 unsuccessful (already so), nothing else.
    const update = {
      ...tender,
      id: 'updates-2',
      date: '2025-05-07T10:00:00+02:00',
      tag: ['tenderUpdate'],
      tender: { id: '2025-LRG-0003', description: 'Charpente, couverture et étanchéité.', value: { amount: 450000, currency: 'EUR' } },
    };
    expect(await importFile(hub.orm, write('updates-update.json', packageOf([update])), { now: hub.clock.now() })).toMatchObject({ updated: 1 });
    let notice = await noticeOf(hub, 'ocds-b5fd17-updates');
    expect(notice).toMatchObject({ description: 'Charpente, couverture et étanchéité.', estimatedValue: 450000, status: 'AWARDED', title: tender!.tender.title });
    expect(notice.submissionDeadline.toISOString()).toBe('2025-04-04T10:00:00.000Z');
    // An amendment dated before the update: the hub holds a later state of the call, it changes nothing.
    const late = { ...update, id: 'updates-old', date: '2025-03-20T09:00:00+01:00', tender: { id: '2025-LRG-0003', value: { amount: 1, currency: 'EUR' } } };
    expect(await importFile(hub.orm, write('updates-old.json', packageOf([late])), { now: hub.clock.now() })).toMatchObject({ updated: 0, unchanged: 1 });
    // The contract release alone gives the signed contract to the award it names.
    expect(await importFile(hub.orm, write('updates-contract.json', packageOf([contract!])), { now: hub.clock.now() })).toMatchObject({ updated: 1 });
    notice = await noticeOf(hub, 'ocds-b5fd17-updates');
    expect(notice.lots.getItems()[0]!.award!.getEntity().contract).toMatchObject({ notifiedOn: '2025-05-19', durationMonths: 12 });
    // A cancellation without the tender's title cancels the call.
    const cancellation = { ...update, id: 'updates-cancel', date: '2025-06-01T10:00:00+02:00', tag: ['tenderCancellation'], tender: { id: '2025-LRG-0003', status: 'cancelled' } };
    expect(await importFile(hub.orm, write('updates-cancel.json', packageOf([cancellation])), { now: hub.clock.now() })).toMatchObject({ updated: 1 });
    notice = await noticeOf(hub, 'ocds-b5fd17-updates');
    expect(notice.status).toBe('CANCELLED');
    // Every file again, in another order: nothing changes.
    const before = await snapshot(hub);
    for (const name of ['updates-cancel.json', 'updates-contract.json', 'updates-old.json', 'updates-update.json', 'updates-tender.json']) {
      await importFile(hub.orm, join(dir, name), { now: hub.clock.now() });
    }
    expect(await snapshot(hub)).toEqual(before);
  });

  it('skips a tender update or a contract of a process the hub does not hold, naming the release and the missing field; a contract naming its suppliers is a contract', async () => {
    const [tender, amendment, , contract] = releasesOf(A).map((release): Json => ({ ...release, ocid: 'ocds-b5fd17-unknown' }));
    const signed = structuredClone(contract!);
    signed.ocid = 'ocds-b5fd17-signed';
    // The contract suppliers extension: the contract names its supplier.
    signed.contracts[0].suppliers = [{ id: 'FR-SIRET-52345678800018', name: 'Provence Vert Paysage' }];
    signed.parties.push({ id: 'FR-SIRET-52345678800018', name: 'Provence Vert Paysage', identifier: { scheme: 'FR-SIRET', id: '52345678800018' }, roles: ['supplier'] });
    // Apart in the file, the amendment and the contract are two changes, not one process read together.
    const file = write('unknown.json', packageOf([amendment!, signed, contract!]));
    const summary = await importFile(hub.orm, file, { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 1, skipped: 2 });
    const reasons = summary.skippedReasons.map((item) => item.reason).join('\n');
    expect(reasons).toContain('release ocds-b5fd17-lorgues-2025-0003-amendment-1 changes a call the hub does not hold (no tender.title)');
    expect(reasons).toContain('release ocds-b5fd17-lorgues-2025-0003-contract-1: contracts for awardID 2025-LRG-0003-lot-1 without their award (no awards[].suppliers)');
    const contractOnly = await noticeOf(hub, 'ocds-b5fd17-signed');
    expect(contractOnly).toMatchObject({ title: 'Charpente et couverture', status: 'AWARDED', sourceDate: null });
    expect(contractOnly.lots.getItems()[0]!.award!.getEntity()).toMatchObject({
      supplierName: 'Provence Vert Paysage',
      supplierSiret: '52345678800018',
      amount: 284500,
      awardedOn: '2025-05-19',
      contract: { notifiedOn: '2025-05-19', durationMonths: 12 },
    });
    // The tender, imported after, gives the process its call; the amendment, imported again, then applies.
    await importFile(hub.orm, write('unknown-tender.json', packageOf([tender!])), { now: hub.clock.now() });
    expect(await importFile(hub.orm, file, { now: hub.clock.now() })).toMatchObject({ updated: 1, unchanged: 1, skipped: 1 });
    expect((await noticeOf(hub, 'ocds-b5fd17-unknown')).submissionDeadline.toISOString()).toBe('2025-04-11T10:00:00.000Z');
  });

  it('fails the file naming the release and the path of a value that is not of its type, writing nothing', async () => {
    const [tender] = releasesOf(A);
    const cases: Array<[string, (release: Json) => void, RegExp]> = [
      ['deadline', (release) => (release.tender.tenderPeriod.endDate = '31/12/2025 12h'), /releases\[0\]\.tender\.tenderPeriod\.endDate: "31\/12\/2025 12h" is not a date-time/],
      ['day', (release) => (release.tender.tenderPeriod.startDate = '2025-02-30T10:00:00Z'), /releases\[0\]\.tender\.tenderPeriod\.startDate: .* is not a date-time/],
      ['amount', (release) => (release.tender.value.amount = '420 000'), /releases\[0\]\.tender\.value\.amount: "420 000" is not an amount/],
      ['currency', (release) => (release.tender.lots[1].value.currency = 'euros'), /releases\[0\]\.tender\.lots\[1\]\.value\.currency: "euros" is not a currency code/],
      ['ocid', (release) => delete release.ocid, /releases\[0\]\.ocid: null is not an ocid/],
    ];
    for (const [name, spoil, message] of cases) {
      const release = structuredClone(tender!);
      spoil(release);
      const file = write(`garbage-${name}.json`, packageOf([release]));
      const before = await snapshot(hub);
      const failure = await importFile(hub.orm, file, { now: hub.clock.now() }).catch((error: unknown) => error);
      expect(failure, name).toBeInstanceOf(ImportFailure);
      expect((failure as ImportFailure).message, name).toContain(file);
      expect((failure as ImportFailure).message, name).toMatch(message);
      expect(await snapshot(hub)).toEqual(before);
    }
    const broken = write('broken.json', '{"version": "1.1", "releases": [{"ocid": "x", ');
    await expect(importFile(hub.orm, broken, { now: hub.clock.now() })).rejects.toThrow(/JSON is not well-formed/);
  });

  it('skips a process the hub’s rules refuse, naming its OCDS field: a publication in the future, a control character', async () => {
    const [tender] = releasesOf(A);
    const future = structuredClone(tender!);
    future.ocid = 'ocds-b5fd17-future';
    future.tender.tenderPeriod.startDate = '2030-01-02T10:00:00+01:00';
    future.tender.tenderPeriod.endDate = '2030-02-02T10:00:00+01:00';
    const control = structuredClone(tender!);
    control.ocid = 'ocds-b5fd17-control';
    control.tender.title = 'Toiture\u0007 de l’école';
    const kept = structuredClone(tender!);
    kept.ocid = 'ocds-b5fd17-kept';
    const summary = await importFile(hub.orm, write('refused.json', packageOf([future, control, kept])), { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 1, skipped: 2 });
    const reasons = summary.skippedReasons.map((item) => `${item.examples.join(',')}: ${item.reason}`);
    expect(reasons).toEqual([
      expect.stringMatching(/^releases\[0\] \(ocid ocds-b5fd17-future\): tender\.tenderPeriod\.startDate ne peut être dans le futur/),
      expect.stringMatching(/^releases\[1\] \(ocid ocds-b5fd17-control\): tender\.title /),
    ]);
  });
});

describe('OCDS processes known only by their award or contract', () => {
  let hub: TestHub;
  let dir: string;
  const AWARDS = join(HUB_FIXTURES, 'ocds-award-contract-package.json');
  const SERVICES = 'ocds-78apv2-218300507000172025S201';
  const SUPPLIES = 'ocds-78apv2-218300721000142025F202';

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'ocds-awards-'));
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes each process a contract as the DECP importer does: awarded from its award and contract, unknown extensions and fields ignored', async () => {
    const summary = await importFile(hub.orm, AWARDS, { now: hub.clock.now() });
    expect(summary).toMatchObject({ format: 'ocds', records: 2, created: 2, skipped: 0 });
    const services = await noticeOf(hub, SERVICES);
    expect(services).toMatchObject({
      title: 'Nettoyage des bâtiments communaux',
      procedure: 'ADAPTED',
      nature: 'SERVICES',
      mainCpv: '90911200-8',
      status: 'AWARDED',
      sourceDate: null,
    });
    expect(services.organisation.getEntity().siret).toBe('21830050700017');
    expect(services.publishedAt?.toISOString()).toBe('2025-07-04T00:00:00.000Z');
    expect(services.lots.getItems()[0]!.award!.getEntity()).toMatchObject({
      supplierName: 'PROPRE SUD SERVICES',
      supplierSiret: '63456789500012',
      amount: 86400,
      awardedOn: '2025-06-30',
      contract: { notifiedOn: '2025-07-01', durationMonths: 36 },
    });
    const supplies = await noticeOf(hub, SUPPLIES);
    expect(supplies).toMatchObject({ title: 'Fourniture de tablettes pour les écoles', nature: 'SUPPLIES', mainCpv: '30213200-7', status: 'AWARDED' });
    expect(supplies.lots.getItems()[0]!.award!.getEntity()).toMatchObject({
      supplierName: 'NUMERIQUE MEDITERRANEE',
      coSuppliers: [{ name: 'PROVENCE VERT PAYSAGE', siret: '52345678800018' }],
      amount: 48500,
    });
  });

  it('publishes them in OCDS as award and contract releases, without a tender that never was', async () => {
    const exported = join(dir, 'ocds.json');
    await exportOpenData(hub.orm, 'ocds', exported, { now: hub.clock.now(), ocdsPrefix: 'ocds-b5fd17-hub' });
    const pkg = readJson(exported);
    const { ocdsPackage } = getValidators();
    expect(ocdsPackage(pkg), firstError(ocdsPackage)).toBe(true);
    const ofNotice = async (sourceId: string) => {
      const notice = await noticeOf(hub, sourceId);
      return (pkg.releases as Json[]).filter((release) => release.ocid === `ocds-b5fd17-hub-${notice.reference}`);
    };
    const services = await ofNotice(SERVICES);
    expect(services.map((release) => release.tag)).toEqual([['award'], ['contract']]);
    expect(services.every((release) => !('tender' in release))).toBe(true);
    expect(services[0]!.awards[0]).toMatchObject({ description: 'Nettoyage des bâtiments communaux', items: [{ classification: { scheme: 'CPV', id: '90911200' } }] });
    expect(services[1]!.contracts[0]).toMatchObject({ dateSigned: '2025-07-01T00:00:00.000Z', period: { endDate: '2028-07-01T00:00:00.000Z' } });
    const supplies = await ofNotice(SUPPLIES);
    expect(supplies.map((release) => release.tag)).toEqual([['award']]);
    expect(supplies.every((release) => !('tender' in release))).toBe(true);
  });

  it('gives such a process its call once the tender is read, in a later file, and publishes its tender then', async () => {
    const call = {
      ...readJson(RELEASES),
      releases: [
        {
          ...(readJson(RELEASES).releases as Json[])[5],
          ocid: SUPPLIES,
          id: `${SUPPLIES}-tender`,
          date: '2025-05-02T09:00:00+02:00',
          buyer: { id: 'FR-SIRET-21830072100014', name: 'Commune de Lorgues' },
          parties: [{ id: 'FR-SIRET-21830072100014', name: 'Commune de Lorgues', identifier: { scheme: 'FR-SIRET', id: '21830072100014' }, roles: ['buyer'] }],
          tender: {
            id: '2025F202',
            title: 'Tablettes numériques pour les écoles',
            status: 'active',
            procurementMethodDetails: 'Procédure adaptée',
            mainProcurementCategory: 'goods',
            tenderPeriod: { startDate: '2025-05-02T09:00:00+02:00', endDate: '2025-06-02T12:00:00+02:00' },
            items: [{ id: '1', classification: { scheme: 'CPV', id: '30213200' } }],
          },
        },
      ],
    };
    const file = join(dir, 'call.json');
    writeFileSync(file, JSON.stringify(call));
    expect(await importFile(hub.orm, file, { now: hub.clock.now() })).toMatchObject({ updated: 1, created: 0 });
    const supplies = await noticeOf(hub, SUPPLIES);
    expect(supplies).toMatchObject({ title: 'Tablettes numériques pour les écoles', procedure: 'ADAPTED', status: 'AWARDED' });
    expect(supplies.submissionDeadline.toISOString()).toBe('2025-06-02T10:00:00.000Z');
    expect(supplies.lots.getItems()[0]!.award!.getEntity()).toMatchObject({ supplierName: 'NUMERIQUE MEDITERRANEE', amount: 48500 });
    const exported = join(dir, 'ocds-with-call.json');
    await exportOpenData(hub.orm, 'ocds', exported, { now: hub.clock.now(), ocdsPrefix: 'ocds-b5fd17-hub' });
    const tags = (readJson(exported).releases as Json[]).filter((release) => release.ocid === `ocds-b5fd17-hub-${supplies.reference}`).map((release) => release.tag);
    expect(tags).toEqual([['tender'], ['award']]);
    // Both files again, in the other order: nothing changes.
    const before = await snapshot(hub);
    await importFile(hub.orm, file, { now: hub.clock.now() });
    await importFile(hub.orm, AWARDS, { now: hub.clock.now() });
    expect(await snapshot(hub)).toEqual(before);
  });
});

describe('OCDS out, then in: a round trip between two hubs', () => {
  let source: TestHub;
  let target: TestHub;
  let dir: string;

  beforeAll(async () => {
    source = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    target = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'ocds-round-trip-'));
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What the public pages and files say of a notice, without what each hub numbers its own way. */
  async function publicNotices(hub: TestHub) {
    const notices = await hub.orm.em.fork().find(Notice, {}, { populate: ['organisation', 'lots', 'lots.award'], orderBy: { title: 'asc' } });
    return notices.map((notice) => {
      // Known only by its award or contract: OCDS has no place for the procedure without a tender.
      const withoutCall = isWithoutCall(notice);
      return {
      withoutCall,
      buyer: notice.organisation.getEntity().siret ?? notice.organisation.getEntity().name,
      title: notice.title,
      description: notice.description,
      nature: notice.nature,
      procedure: withoutCall ? null : notice.procedure,
      mainCpv: notice.mainCpv,
      estimatedValue: notice.estimatedValue,
      electronicSubmission: notice.electronicSubmission,
      publishedAt: notice.publishedAt?.toISOString(),
      submissionDeadline: notice.submissionDeadline.toISOString(),
      status: notice.status,
      lots: notice.lots.getItems().map((lot) => {
        const award = lot.award?.getEntity();
        return {
          number: lot.number,
          title: lot.title,
          status: lot.status,
          award: award && { supplier: award.supplierName, siret: award.supplierSiret, amount: award.amount, awardedOn: award.awardedOn,
              // An identifier given as empty (DECP `otherId: null`) is no identifier.
              coSuppliers: award.coSuppliers.map(({ name, siret, otherId }) => ({ name, siret, otherId: otherId ?? null })),
            },
        };
      }),
      };
    });
  }

  it('gives the second hub the public notices of the first, read from the first one’s OCDS export, contracts without a call included', async () => {
    const files = ['boamp-call-16-999001.xml', 'boamp-award-17-999002.xml', 'ocds-release-package.json', 'ocds-record-package.json', 'decp-national-consolidated.csv', 'ocds-award-contract-package.json'];
    for (const file of files) await importFile(source.orm, join(HUB_FIXTURES, file), { now: source.clock.now() });
    const exported = join(dir, 'ocds.json');
    await exportOpenData(source.orm, 'ocds', exported, { now: source.clock.now(), ocdsPrefix: 'ocds-b5fd17-hub' });
    const summary = await importFile(target.orm, exported, { now: target.clock.now() });
    // 4 calls, 3 DECP contracts, 2 OCDS contracts without their call.
    expect(summary).toMatchObject({ created: 9, skipped: 0 });
    const sourceNotices = await publicNotices(source);
    expect(sourceNotices.filter((notice) => notice.withoutCall)).toHaveLength(5);
    expect(await publicNotices(target)).toEqual(sourceNotices);

    // The second hub publishes them again the same way: contracts without a call have no tender.
    const again = join(dir, 'ocds-again.json');
    await exportOpenData(target.orm, 'ocds', again, { now: target.clock.now(), ocdsPrefix: 'ocds-b5fd17-hub' });
    // Each process as the sequence of its releases' tags, a tender marked: the same processes in both exports.
    const tagsOf = (file: string) => {
      const byProcess = new Map<string, string[]>();
      for (const release of JSON.parse(readFileSync(file, 'utf8')).releases as Json[]) {
        byProcess.set(release.ocid, [...(byProcess.get(release.ocid) ?? []), `${release.tag.join('+')}${release.tender ? ' with tender' : ''}`]);
      }
      return [...byProcess.values()].map((tags) => tags.join(', ')).sort();
    };
    expect(tagsOf(again)).toEqual(tagsOf(exported));

    // Importing either export into the second hub again changes nothing.
    const before = await snapshot(target);
    expect(await importFile(target.orm, again, { now: target.clock.now() })).toMatchObject({ created: 0, updated: 0 });
    expect(await importFile(target.orm, exported, { now: target.clock.now() })).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshot(target)).toEqual(before);
  });
});
