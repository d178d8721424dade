import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import { migrationsOf, openOrm, pendingMigrations } from '../db/orm.js';
import { describeDifference, entitySchemaDifference } from '../db/schema-difference.js';
import { startTemporaryPostgreSql } from '../db/temporary-postgresql.js';
import { parseConfig, type HubConfig } from '../shared/config.js';

export async function migrateCommand(config: HubConfig): Promise<number> {
  const orm = await openOrm(config);
  try {
    const pending = await pendingMigrations(orm);
    await orm.getMigrator().up();
    console.log(pending.length ? `Applied ${pending.length} migration(s): ${pending.join(', ')}` : 'Database is up to date.');
    return 0;
  } finally {
    await orm.close();
  }
}

/** `Migration20261205103500`: the timestamp both sets share. */
export function migrationTimestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

/**
 * Developers: writes the migrations that bring the schema in line with the entities, one for SQLite and one for
 * PostgreSQL under the same name, each the difference between a fresh database migrated with its committed set and
 * the entities, and lists them in both `index.ts`. Needs PostgreSQL's server installed (a throwaway cluster is
 * started); the developer's own database is never touched.
 */
export async function migrationCreateCommand(env: NodeJS.ProcessEnv, name: string | undefined): Promise<number> {
  if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
    console.error('Usage: pnpm hub migration create <what>, e.g. planned_purchase_budget (lower case, digits, _)');
    return 2;
  }
  const className = `Migration${migrationTimestamp(new Date())}`;
  const fileName = `${className}_${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'hub-migration-'));
  const cluster = await startTemporaryPostgreSql();
  try {
    const targets = [
      { kind: 'sqlite' as const, url: `sqlite:${join(dir, 'new.sqlite')}` },
      { kind: 'postgresql' as const, url: await cluster.createDatabase('new_migration') },
    ];
    const written: string[] = [];
    for (const target of targets) {
      const orm = await openOrm(parseConfig({ ...env, DATABASE_URL: target.url }));
      try {
        await orm.getMigrator().up();
        const migrations = migrationsOf(target.kind);
        const result = target.kind === 'sqlite' ? await createSqliteMigration(orm, migrations.dir, name) : await orm.getMigrator().createMigration(migrations.dir, false, false, name);
        if (!result.fileName) continue;
        // MikroORM names the file with its own timestamp: both dialects get the same name and class.
        const generated = join(migrations.dir, result.fileName);
        const source = readFileSync(generated, 'utf8').replace(/class Migration\d+\w*/, `class ${className}`);
        rmSync(generated);
        writeFileSync(join(migrations.dir, `${fileName}.ts`), source);
        listMigration(join(migrations.dir, 'index.ts'), className, fileName);
        written.push(`${migrations.dir}/${fileName}.ts`);
      } finally {
        await orm.close();
      }
    }
    if (!written.length) {
      console.log('No entity change: no migration written.');
      return 0;
    }
    console.log(`Wrote and listed, to read and commit:\n${written.map((file) => `  ${file}`).join('\n')}`);
    if (written.length === 1) console.log('Only one dialect saw a difference: check the entity change is what you meant.');
    return 0;
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * MikroORM's own `createMigration` on SQLite compares the file with the entities as it reads it back, and misreads
 * enum CHECK constraints and foreign keys: with no entity change at all it wrote a migration rebuilding 26 tables.
 * This one writes the SQL of the corrected difference (`db/schema-difference.ts`), or nothing when there is none.
 */
async function createSqliteMigration(orm: MikroORM, dir: string, name: string): Promise<{ fileName: string }> {
  const difference = await entitySchemaDifference(orm);
  if (describeDifference(difference).length === 0) return { fileName: '' };
  const sql = await orm.getSchemaGenerator().diffToSQL(difference, { wrap: false, safe: false, dropTables: true });
  const up = splitStatements(sql);
  // The file as MikroORM writes it (SQLite has no down migrations).
  const generator = (orm.getMigrator() as unknown as { generator: { generate(diff: { up: string[]; down: string[] }, path: string, name: string): Promise<[string, string]> } }).generator;
  const [, fileName] = await generator.generate({ up, down: [] }, dir, name);
  return { fileName };
}

/**
 * SQL statements one by one, split at each `;` outside quotes. MikroORM's migrator splits only at a `;` ending a
 * line, and its SQLite table rebuilds end in `pragma foreign_keys = on;` glued to the next statement, which SQLite's
 * driver then never runs (it prepares the first statement of a string only).
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const character of sql) {
    current += character;
    if (quote) {
      if (character === quote) quote = null;
    } else if (character === "'" || character === '"' || character === '`') {
      quote = character;
    } else if (character === ';') {
      if (current.trim() !== ';') statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(`${current.trim()};`);
  return statements;
}

/** Adds the migration's import and its entry at the end of a migrations `index.ts`. */
export function listMigration(indexFile: string, className: string, fileName: string): void {
  const source = readFileSync(indexFile, 'utf8');
  const lines = source.split('\n');
  const lastImport = lines.map((line) => line.startsWith('import ')).lastIndexOf(true);
  lines.splice(lastImport + 1, 0, `import { ${className} } from './${fileName}.js';`);
  const end = lines.lastIndexOf('];');
  lines.splice(end, 0, `  { name: '${fileName}', class: ${className} },`);
  writeFileSync(indexFile, lines.join('\n'));
}
