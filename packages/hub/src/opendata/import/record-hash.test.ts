import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportedNotice } from './imported-notice.js';
import { recordHash, rulesFingerprint } from './record-hash.js';

const record = (changes: Partial<ImportedNotice> = {}): ImportedNotice => ({
  kind: 'contract',
  sourceSystem: 'DECP',
  sourceId: '218300507000172025H001',
  location: 'line 2',
  warnings: [],
  title: 'Réfection de la voirie',
  description: '',
  nature: 'WORKS',
  procedure: 'OPEN',
  mainCpv: '45233140',
  additionalCpvs: [],
  estimatedValue: null,
  submissionDeadline: null,
  publishedAt: new Date('2025-09-20T00:00:00Z'),
  electronicSubmission: true,
  buyerProfileUrl: null,
  contactEmail: null,
  socialClause: false,
  environmentalClause: false,
  reservedFor: 'NONE',
  framework: null,
  cancelled: false,
  buyer: { name: 'COMMUNE DE DRAGUIGNAN', siret: '21830050700017', siren: '218300507' },
  lots: [{ number: 1, title: '', cpv: null, estimatedValue: null, unsuccessfulReason: null, award: { suppliers: [{ name: 'BATI VAR', siret: '41234567000019' }], amount: 90000, awardedOn: '2025-09-01', sme: null, contract: null } }],
  ...changes,
}) as ImportedNotice;

describe('the content hash of a source record', () => {
  it('is the same for the same content wherever it stands in the file and whatever warnings it gave', () => {
    expect(recordHash(record({ location: 'line 9000', warnings: ['line 9000: something'] }), 'rules')).toBe(recordHash(record(), 'rules'));
  });

  it('differs when any field differs, deep inside the record too', () => {
    const hashes = [
      recordHash(record(), 'rules'),
      recordHash(record({ title: 'Réfection de la voirie communale' }), 'rules'),
      recordHash(record({ publishedAt: new Date('2025-09-21T00:00:00Z') }), 'rules'),
      recordHash(record({ lots: [{ ...record().lots[0]!, award: { ...record().lots[0]!.award!, amount: 90001 } }] }), 'rules'),
      recordHash(record({ sourceId: '218300507000172025H002' }), 'rules'),
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('differs under other import rules', () => {
    expect(recordHash(record(), 'rules of today')).not.toBe(recordHash(record(), 'rules of tomorrow'));
  });
});

describe('the fingerprint of the import rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('changes when a file of the rules changes, is added or is renamed, and ignores tests and other kinds of file', () => {
    writeFileSync(join(dir, 'mapping.js'), 'export const a = 1;');
    writeFileSync(join(dir, 'values.js'), 'export const b = 2;');
    const first = rulesFingerprint([dir], '.js');
    expect(rulesFingerprint([dir], '.js')).toBe(first);
    writeFileSync(join(dir, 'mapping.test.js'), 'test');
    writeFileSync(join(dir, 'mapping.js.map'), '{}');
    expect(rulesFingerprint([dir], '.js')).toBe(first);
    writeFileSync(join(dir, 'mapping.js'), 'export const a = 2;');
    const changed = rulesFingerprint([dir], '.js');
    expect(changed).not.toBe(first);
    writeFileSync(join(dir, 'more.js'), '');
    expect(rulesFingerprint([dir], '.js')).not.toBe(changed);
  });

  it('covers data files of another kind named apart, such as the reference data', () => {
    writeFileSync(join(dir, 'cpv.json'), '{"45233140": "Travaux de voirie"}');
    const first = rulesFingerprint([dir], '.js', [{ directory: dir, extension: '.json' }]);
    expect(first).not.toBe(rulesFingerprint([dir], '.js'));
    writeFileSync(join(dir, 'cpv.json'), '{"45233140": "Travaux de routes"}');
    expect(rulesFingerprint([dir], '.js', [{ directory: dir, extension: '.json' }])).not.toBe(first);
  });

  it('is the same for the same files installed under another path, and tells apart a file moved to another folder', () => {
    const installed = join(dir, 'install-a');
    const elsewhere = join(dir, 'installed-somewhere-else-entirely');
    for (const root of [installed, elsewhere]) {
      cpSync(join(dir, 'mapping.js'), join(root, 'import', 'mapping.js'));
      writeFileSync(join(root, 'notices.js'), 'export const c = 3;');
      cpSync(join(root, 'notices.js'), join(root, 'shared', 'notices.js'));
      rmSync(join(root, 'notices.js'));
    }
    const folders = (root: string) => [join(root, 'import'), join(root, 'shared')];
    expect(rulesFingerprint(folders(elsewhere), '.js')).toBe(rulesFingerprint(folders(installed), '.js'));
    cpSync(join(elsewhere, 'shared', 'notices.js'), join(elsewhere, 'import', 'notices.js'));
    rmSync(join(elsewhere, 'shared', 'notices.js'));
    expect(rulesFingerprint(folders(elsewhere), '.js')).not.toBe(rulesFingerprint(folders(installed), '.js'));
  });

  it('matches no other run when a directory cannot be read, so that nothing is skipped', () => {
    const missing = join(dir, 'missing');
    expect(rulesFingerprint([missing], '.js')).not.toBe(rulesFingerprint([missing], '.js'));
  });
});
