import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportedNotice } from './imported-notice.js';

/**
 * The content hash of one source record as the parser read it, with the fingerprint of the rules that map and write
 * it: a notice written from that one record keeps it (`Notice.sourceHash`), so that importing the same record again
 * skips it without reading the notice back. Where the record is in the file (`location`) and the warnings it gave
 * (derived from its content, and naming that location) do not count: a row moved down a file is the same record.
 */
export function recordHash(record: ImportedNotice, rules: string): string {
  // The same text as without those keys (JSON leaves undefined out): a spread copies the record's shape at once,
  // where a rest pattern copies it property by property.
  const content = { ...record, location: undefined, warnings: undefined };
  return createHash('sha256').update(rules).update(JSON.stringify(content)).digest('base64url');
}

/**
 * A fingerprint of the code and data that turn records into notices: the files of the given directories of the given
 * kind (`.js`, `.json`…; tests left out), names and contents. A new version of the importer's rules (a field read otherwise, a status
 * derived otherwise) changes it, so every record is applied again once after an upgrade instead of being skipped as
 * unchanged with what the previous rules wrote. A directory that cannot be read gives a fingerprint of its own that
 * matches no other run, so nothing is skipped.
 */
export function rulesFingerprint(directories: string[], extension: string, also: Array<{ directory: string; extension: string }> = []): string {
  const hash = createHash('sha256');
  const sources: Array<{ directory: string; extension: string }> = [...directories.map((directory) => ({ directory, extension })), ...also];
  for (const [position, { directory, extension: kind }] of sources.entries()) {
    let names: string[];
    try {
      names = readdirSync(directory).filter((name) => extname(name) === kind && !name.includes('.test.')).sort();
    } catch {
      return `unreadable:${process.pid}:${Date.now()}:${Math.random()}`;
    }
    for (const name of names) hash.update(`${position}:${name}\0`).update(readFileSync(join(directory, name))).update('\0');
  }
  return hash.digest('base64url');
}

let importRules: string | undefined;

/**
 * The fingerprint of this importer's rules: its own directory (readers, mappings, the writing side), the hub's
 * folders it applies (notices: plausibility, lifecycle, references; reference: CPV, families, territory; shared: text
 * folding, dates) and the reference data they read (`data/reference`: the CPV catalogue, the communes). Computed once
 * per process.
 */
export function importRulesFingerprint(): string {
  if (importRules === undefined) {
    const here = fileURLToPath(import.meta.url);
    const directory = dirname(here);
    const source = join(directory, '../..');
    importRules = rulesFingerprint([directory, join(source, 'notices'), join(source, 'reference'), join(source, 'shared')], extname(here), [
      { directory: join(source, '../data/reference'), extension: '.json' },
    ]);
  }
  return importRules;
}
