import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notice } from '../../notices/notice.entity.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { importSnapshot } from './testing/import-snapshot.js';
import { importFile } from './importer.js';

// A re-imported record the hub wrote a notice from, unchanged, is skipped before its notice is read (its content
// hash, `record-hash.ts`). These tests change the database behind the importer's back to tell a skipped record from
// one applied again: a skipped record leaves the change alone, an applied one writes the record's values back.

const FIXTURES = join(import.meta.dirname, '../fixtures');
const HEADER = 'uid,id,type,codeCPV,acheteur_id,acheteur_nom,titulaire_id,titulaire_nom,montant,dateNotification,procedure,dureeMois,offresRecues';
const row = (uid: string, holder: string, name: string, amount: string) =>
  `${uid},${uid.slice(14)},Travaux,45233140,21830050700017,COMMUNE DE DRAGUIGNAN,${holder},${name},${amount},2025-09-01,Appel d'offres ouvert,12,4`;

describe('re-importing records the hub already wrote', () => {
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'unchanged-records-'));
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const notice = (sourceId: string) => hub.orm.em.fork().findOneOrFail(Notice, { sourceSystem: 'DECP', sourceId }, { populate: ['lots', 'lots.award'] });
  const setTitle = (sourceId: string, title: string) => hub.orm.em.fork().getKnex()('notice').update({ title }).where({ source_system: 'DECP', source_id: sourceId });
  const forgetHashes = () => hub.orm.em.fork().getKnex()('notice').update({ source_hash: null }).whereNotNull('source_hash');
  const amountOf = async (sourceId: string) => (await notice(sourceId)).lots[0]!.award!.getEntity().amount;

  it('skips an unchanged row without rewriting its notice, updates a changed row (also back to its earlier content), and leaves the other rows alone', async () => {
    const csv = join(dir, 'contracts.csv');
    const rows = [row('218300507000172025H001', '85678901100017', 'GROUPE DUPONT', '500000'), row('218300507000172025H002', '41234567000019', 'BATI VAR', '90000'), row('218300507000172025H003', '63456789500012', 'AUTRE ENTREPRISE', '75000')];
    writeFileSync(csv, [HEADER, ...rows].join('\n'));
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 3, updated: 0, unchanged: 0 });

    // Unchanged rows are not applied again: a title changed in the database stays as it is.
    await setTitle('218300507000172025H001', 'Changé dans la base');
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await notice('218300507000172025H001')).toMatchObject({ title: 'Changé dans la base', version: 1 });

    // A changed row is applied, and only it.
    writeFileSync(csv, [HEADER, rows[0], row('218300507000172025H002', '41234567000019', 'BATI VAR', '95000'), rows[2]].join('\n'));
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(await amountOf('218300507000172025H002')).toBe(95000);
    expect(await notice('218300507000172025H001')).toMatchObject({ title: 'Changé dans la base', version: 1 });

    // Back to its first content, which the hub once held: applied again, not taken for unchanged.
    writeFileSync(csv, [HEADER, ...rows].join('\n'));
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(await amountOf('218300507000172025H002')).toBe(90000);
    const before = await importSnapshot(hub);
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await importSnapshot(hub)).toEqual(before);
  });

  it('applies every row again when the hashes it holds are not those of its rules (an upgrade), writing back what the database lost, and nothing else', async () => {
    const csv = join(dir, 'upgrade.csv');
    writeFileSync(csv, [HEADER, row('218300507000172025H101', '85678901100017', 'GROUPE DUPONT', '500000'), row('218300507000172025H102', '41234567000019', 'BATI VAR', '90000')].join('\n'));
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 2 });
    const title = (await notice('218300507000172025H101')).title;
    await setTitle('218300507000172025H101', 'Changé dans la base');
    await forgetHashes();
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await notice('218300507000172025H101')).toMatchObject({ title, version: 2 });
    // Compared field by field, the other row changed nothing: no new version; its hash was written all the same, so it
    // is skipped the next time.
    expect(await notice('218300507000172025H102')).toMatchObject({ version: 1 });
    await setTitle('218300507000172025H102', 'Changé dans la base');
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await notice('218300507000172025H102')).toMatchObject({ title: 'Changé dans la base', version: 1 });
  });

  it('adds a holder from a row new to the file to a contract whose first row is skipped as unchanged, and skips neither row of it afterwards', async () => {
    const csv = join(dir, 'holders.csv');
    const first = row('218300507000172025H201', '85678901100017', 'GROUPE DUPONT', '500000');
    writeFileSync(csv, [HEADER, first].join('\n'));
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 1 });
    writeFileSync(csv, [HEADER, first, row('218300507000172025H202', '41234567000019', 'BATI VAR', '90000'), row('218300507000172025H201', '74567890400012', 'NUMERIQUE MEDITERRANEE', '500000')].join('\n'));
    expect(await importFile(hub.orm, csv, { now: hub.clock.now(), batchSize: 1 })).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    const award = (await notice('218300507000172025H201')).lots[0]!.award!.getEntity();
    expect(award.coSuppliers.map((supplier) => supplier.siret)).toEqual(['74567890400012']);
    // Made of two rows, the notice is applied again row by row: what the database lost is written back, once.
    await setTitle('218300507000172025H201', 'Changé dans la base');
    const before = await importSnapshot(hub);
    expect(await importFile(hub.orm, csv, { now: hub.clock.now(), batchSize: 1 })).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await notice('218300507000172025H201')).title).not.toBe('Changé dans la base');
    expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await importSnapshot(hub)).events).toBe(before.events + 1);
  });

  it('counts as updated, with its audit entry and event, a contract to which a re-import only adds a holder, in one batch or across batches', async () => {
    for (const [uid, batchSize] of [['218300507000172025H301', 1], ['218300507000172025H302', 500]] as const) {
      const csv = join(dir, `holder-${batchSize}.csv`);
      const first = row(uid, '85678901100017', 'GROUPE DUPONT', '500000');
      writeFileSync(csv, [HEADER, first].join('\n'));
      expect(await importFile(hub.orm, csv, { now: hub.clock.now() })).toMatchObject({ created: 1 });
      const before = await importSnapshot(hub);
      writeFileSync(csv, [HEADER, first, row(uid, '74567890400012', 'NUMERIQUE MEDITERRANEE', '500000')].join('\n'));
      const later = new Date(hub.clock.now().getTime() + 3_600_000);
      expect(await importFile(hub.orm, csv, { now: later, batchSize }), `batch of ${batchSize}`).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
      const updated = await notice(uid);
      expect(updated.importedAt).toEqual(later);
      expect(updated.lots[0]!.award!.getEntity().coSuppliers.map((supplier) => supplier.siret)).toEqual(['74567890400012']);
      const after = await importSnapshot(hub);
      expect([after.events, after.audit]).toEqual([before.events + 1, before.audit + 1]);
      expect(await importFile(hub.orm, csv, { now: later, batchSize }), `batch of ${batchSize}`).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    }
  });

  it('closes an open notice whose deadline passed since it was imported, though its record is unchanged', async () => {
    const call = join(FIXTURES, 'boamp/boamp-16-186394.xml');
    const open = new Date('2017-01-15T09:00:00Z');
    expect(await importFile(hub.orm, call, { now: open })).toMatchObject({ created: 1 });
    const found = () => hub.orm.em.fork().findOneOrFail(Notice, { sourceSystem: 'BOAMP', sourceId: '16-186394' });
    expect(await found()).toMatchObject({ status: 'PUBLISHED', closedAt: null });
    expect(await importFile(hub.orm, call, { now: new Date('2017-01-20T09:00:00Z') })).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await importFile(hub.orm, call, { now: new Date('2017-03-01T09:00:00Z') })).toMatchObject({ updated: 1, unchanged: 0 });
    const closed = await found();
    expect(closed.status).toBe('CLOSED');
    expect(closed.closedAt?.toISOString()).toBe('2017-02-07T11:00:00.000Z');
    expect(await importFile(hub.orm, call, { now: new Date('2017-03-02T09:00:00Z') })).toMatchObject({ updated: 0, unchanged: 1 });
  });
});
