import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSchema, SchemaComparator } from '@mikro-orm/knex';
import type { MikroORM } from '@mikro-orm/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../db/orm.js';
import { parseConfig } from '../shared/config.js';
import { createTestPostgreSqlDatabase, testDatabaseKind } from '../test-support/postgresql.js';

// Runs in both Vitest projects: on SQLite with src/migrations, on PostgreSQL with src/migrations/postgresql. A
// migration missing from one set (an entity changed, only one dialect migrated) fails here.

/** What differs between the database the migrations built and the one the entities describe, in words. */
async function schemaDrift(orm: MikroORM): Promise<string[]> {
  const platform = orm.em.getPlatform();
  const metadata = Object.values(orm.getMetadata().getAll()).filter((meta) => !meta.embeddable && !meta.virtual);
  const built = await DatabaseSchema.create(orm.em.getConnection(), platform, orm.config, undefined, undefined, undefined, ['mikro_orm_migrations']);
  const described = DatabaseSchema.fromMetadata(metadata, platform, orm.config, undefined);
  const difference = new SchemaComparator(platform).compare(built, described);
  const sqlite = testDatabaseKind() === 'sqlite';
  const drift = [
    ...Object.keys(difference.newTables).map((table) => `table ${table} has no migration`),
    ...Object.keys(difference.removedTables).map((table) => `table ${table} is in no entity`),
  ];
  for (const [table, change] of Object.entries(difference.changedTables)) {
    drift.push(...Object.keys(change.addedColumns).map((column) => `${table}.${column} has no migration`));
    drift.push(...Object.keys(change.removedColumns).map((column) => `${table}.${column} is in no entity`));
    for (const [column, columnChange] of Object.entries(change.changedColumns)) {
      // SQLite keeps an enum as a CHECK constraint that MikroORM does not read back.
      const properties = [...columnChange.changedProperties].filter((property) => !(sqlite && property === 'enumItems'));
      if (properties.length) drift.push(`${table}.${column} differs in ${properties.join(', ')}`);
    }
    drift.push(...Object.keys(change.addedIndexes).map((index) => `index ${index} has no migration`));
    drift.push(...Object.keys(change.removedIndexes).map((index) => `index ${index} is in no entity`));
    drift.push(...Object.keys(change.changedIndexes).map((index) => `index ${index} differs`));
    // SQLite does not name its foreign keys when read back: compared on PostgreSQL only.
    if (!sqlite) {
      drift.push(...Object.keys(change.addedForeignKeys).map((key) => `foreign key ${key} has no migration`));
      drift.push(...Object.keys(change.removedForeignKeys).map((key) => `foreign key ${key} is in no entity`));
      drift.push(...Object.keys(change.changedForeignKeys).map((key) => `foreign key ${key} differs`));
    }
  }
  return drift;
}

describe(`the committed ${testDatabaseKind()} migrations`, () => {
  let orm: MikroORM;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-migrations-'));
    const url = testDatabaseKind() === 'postgresql' ? await createTestPostgreSqlDatabase() : `sqlite:${join(dir, 'hub.sqlite')}`;
    orm = await openOrm(parseConfig({ DATABASE_URL: url, NODE_ENV: 'test' }));
  });

  afterAll(async () => {
    await orm?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('build, from an empty database, exactly the tables, columns and indexes the entities describe', async () => {
    await orm.getMigrator().up();
    expect(await schemaDrift(orm)).toEqual([]);
  });
});
