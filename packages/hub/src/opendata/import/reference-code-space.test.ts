import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notice } from '../../notices/notice.entity.js';
import { nextReference } from '../../notices/notice-reference.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { REFERENCE_CODE } from '../../organisations/reference-codes.js';
import { lastReferenceNumbers, referencePrefix, referencesOfPrefixes } from '../../shared/reference-numbers.js';
import { testDatabaseKind } from '../../test-support/postgresql.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { importFile } from './importer.js';

/** The digits followed by their Luhn key (a SIREN from 8 digits, a SIRET from a SIREN and 4). */
function withLuhnKey(digits: string): string {
  const sum = (text: string) => [...text].reverse().reduce((total, digit, i) => total + (i % 2 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][Number(digit)]! : Number(digit)), 0);
  return `${digits}${(10 - (sum(`${digits}0`) % 10)) % 10}`;
}

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const EVERY_THREE_LETTER_CODE = LETTERS.flatMap((a) => LETTERS.flatMap((b) => LETTERS.map((c) => a + b + c)));
const HEADER =
  'uid;id;type;objet;codeCPV;procedure;dureeMois;dateNotification;datePublicationDonnees;montant;formePrix;acheteur_id;acheteur_nom;titulaire_id;titulaire_typeIdentifiant;titulaire_nom';

/** A national file names more buyers than there are three-letter codes: what the import finds once they are all taken. */
describe('importing buyers once every three-letter reference code is taken', () => {
  let hub: TestHub;
  let dir: string;
  /** SIREN of the organisation that holds MAR, one of the 17,576 - 24 organisations the test adds. */
  let marSiren = '';
  const codesBefore = new Map<string, string>();

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'reference-code-space-'));
    // As if earlier imports had created them: organisations holding every three-letter code the territory left free.
    const em = hub.orm.em.fork();
    const taken = new Set((await em.find(Organisation, {})).map((organisation) => organisation.referenceCode));
    const now = hub.clock.now();
    const rows = EVERY_THREE_LETTER_CODE.filter((code) => !taken.has(code)).map((code, n) => {
      const siren = withLuhnKey(`3${String(n).padStart(7, '0')}`);
      if (code === 'MAR') marSiren = siren;
      return { id: `filled-${code}`, createdAt: now, updatedAt: now, siren, slug: `acheteur-${code.toLowerCase()}`, name: `Acheteur ${code}`, kind: 'OTHER_PUBLIC_BODY' as const, referenceCode: code };
    });
    for (let start = 0; start < rows.length; start += 1_000) await em.insertMany(Organisation, rows.slice(start, start + 1_000));
    for (const organisation of await hub.orm.em.fork().find(Organisation, {})) codesBefore.set(organisation.id, organisation.referenceCode);
    expect(codesBefore.size).toBe(17_576);
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeFile = (name: string, buyers: Array<{ siret: string; name: string; id: string }>) => {
    const rows = buyers.map(({ siret, name, id }) =>
      [`${siret}${id}`, id, 'Marché', `Travaux ${id}`, '45233140', 'Procédure adaptée', 12, '2025-05-02', '2025-05-15', '1000', 'Forfaitaire', siret, name, '85678901100017', 'SIRET', 'Routes'].join(';'),
    );
    const file = join(dir, name);
    writeFileSync(file, `${[HEADER, ...rows].join('\r\n')}\r\n`);
    return file;
  };

  it('gives new buyers four-letter codes taken from their names, numbers their notices under them and leaves every existing code as it was', async () => {
    const marseille = withLuhnKey(`${withLuhnKey('21130055')}0001`);
    const metropole = withLuhnKey(`${withLuhnKey('20005480')}0001`);
    const mar = withLuhnKey(`${marSiren}0001`);
    const file = writeFile('decp-beyond-three-letters.csv', [
      { siret: marseille, name: 'Marseille', id: '2025M1' },
      { siret: marseille, name: 'Marseille', id: '2025M2' },
      { siret: metropole, name: 'Métropole Aix-Marseille-Provence', id: '2025P1' },
      { siret: mar, name: 'Acheteur MAR', id: '2025R1' },
    ]);

    const summary = await importFile(hub.orm, file, { now: hub.clock.now() });
    expect(summary).toMatchObject({ created: 4, organisationsCreated: 2, skipped: 0 });

    const em = hub.orm.em.fork();
    const organisations = await em.find(Organisation, {});
    expect(organisations).toHaveLength(17_578);
    const created = organisations.filter((organisation) => !codesBefore.has(organisation.id));
    expect(Object.fromEntries(created.map((organisation) => [organisation.name, organisation.referenceCode]))).toEqual({
      Marseille: 'MARS',
      'Métropole Aix-Marseille-Provence': 'METR',
    });
    expect(organisations.filter((organisation) => !REFERENCE_CODE.test(organisation.referenceCode))).toEqual([]);
    expect(organisations.filter((organisation) => codesBefore.has(organisation.id) && codesBefore.get(organisation.id) !== organisation.referenceCode)).toEqual([]);
    const references = (await em.find(Notice, { sourceSystem: 'DECP' }, { orderBy: { sourceId: 'asc' } })).map((notice) => notice.reference);
    expect(references.sort()).toEqual(['2025-MAR-0001', '2025-MARS-0001', '2025-MARS-0002', '2025-METR-0001']);

    // The hub numbers the next notices of MAR and MARS apart, as it numbers any buyer's.
    const next = await hub.orm.em.fork().transactional(async (tx) => [await nextReference(tx, 2025, 'MAR'), await nextReference(tx, 2025, 'MARS')]);
    expect(next).toEqual(['2025-MAR-0002', '2025-MARS-0003']);
  });

  // PostgreSQL keeps the LIKE (see referencePrefix).
  it.skipIf(testDatabaseKind() !== 'sqlite')('finds the last number of a buyer and year through the references’ index, not by reading every reference', async () => {
    const em = hub.orm.em.fork();
    const sql = em.createQueryBuilder(Notice, 'n').select('reference').where({ reference: referencePrefix(em, '2025-MAR-') }).getFormattedQuery();
    const plan = await em.getConnection().execute<Array<{ detail: string }>>(`explain query plan ${sql}`);
    expect(plan.map((step) => step.detail).join('; ')).toMatch(/^SEARCH n USING COVERING INDEX notice_reference_unique \(reference>\? AND reference<\?\)$/);
  });

  it('reads the last numbers of many buyers and years in one statement that searches the references’ index for each, on either database', async () => {
    const em = hub.orm.em.fork();
    const prefixes = ['2025-MAR-', '2025-MARS-', '2025-METR-', '2024-MAR-'];
    expect(Object.fromEntries(await lastReferenceNumbers(em, Notice, prefixes))).toEqual({ '2025-MAR-': 1, '2025-MARS-': 2, '2025-METR-': 1, '2024-MAR-': 0 });
    const { sql, bindings } = referencesOfPrefixes(em, Notice, prefixes).toSQL();
    if (testDatabaseKind() === 'sqlite') {
      const plan = await em.getConnection().execute<Array<{ detail: string }>>(`explain query plan ${sql}`, bindings as unknown[]);
      expect(plan.map((step) => step.detail)).toEqual([expect.stringMatching(/^SCAN p( VIRTUAL TABLE INDEX \d+:)?$/), 'SEARCH t USING COVERING INDEX notice_reference_unique (reference>? AND reference<?)']);
    } else {
      // As the planner sees a table of some size (a handful of rows is read whole, whatever the indexes): 20,000
      // notices more, copied from one of the test's, for the length of a transaction rolled back.
      const tx = hub.orm.em.fork();
      await tx.begin();
      let plan: Array<{ 'QUERY PLAN': string }>;
      try {
        const columns = (await tx.execute<Array<{ name: string }>>(`select column_name as name from information_schema.columns where table_name = 'notice' and is_generated = 'NEVER'`)).map(({ name }) => name);
        const copied = columns.map((name) =>
          name === 'id' || name === 'source_id' ? `'plan-' || g` : name === 'reference' ? `'2030-PLAN-' || lpad(g::text, 5, '0')` : `"${name}"`,
        );
        await tx.execute(`insert into notice (${columns.map((name) => `"${name}"`).join(', ')}) select ${copied.join(', ')} from notice, generate_series(1, 20000) g where reference = '2025-MAR-0001'`);
        await tx.execute('analyze notice');
        await tx.execute('set local enable_seqscan = off');
        plan = await tx.execute<Array<{ 'QUERY PLAN': string }>>(`explain ${sql}`, bindings as unknown[]);
      } finally {
        await tx.rollback();
      }
      const text = plan.map((line) => line['QUERY PLAN']).join('\n');
      expect(text).toContain('notice_reference_pattern_index');
      expect(text).not.toMatch(/Seq Scan/);
      expect(text.match(/~>=~ '/g), text).toHaveLength(prefixes.length);
    }
  });

  it('changes no code and creates no buyer when the file is imported again, and gives the codes that follow to newer buyers', async () => {
    const codes = async () => new Map((await hub.orm.em.fork().find(Organisation, {})).map((organisation) => [organisation.id, organisation.referenceCode]));
    const before = await codes();
    const again = await importFile(hub.orm, join(dir, 'decp-beyond-three-letters.csv'), { now: hub.clock.now() });
    expect(again).toMatchObject({ created: 0, updated: 0, organisationsCreated: 0 });
    expect(await codes()).toEqual(before);

    const later = writeFile('decp-more-buyers.csv', [
      { siret: withLuhnKey(`${withLuhnKey('21130056')}0001`), name: 'Marseille', id: '2025M3' },
      { siret: withLuhnKey(`${withLuhnKey('21130057')}0001`), name: 'Y', id: '2025Y1' },
    ]);
    expect(await importFile(hub.orm, later, { now: hub.clock.now() })).toMatchObject({ created: 2, organisationsCreated: 2 });
    const after = await codes();
    expect([...before].filter(([id, code]) => after.get(id) !== code)).toEqual([]);
    const given = new Set(before.values());
    expect([...after.values()].filter((code) => !given.has(code)).sort()).toEqual(['AAAA', 'MARE']);
  });
});
