import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../db/orm.js';
import { describeDifference, entitySchemaDifference } from '../db/schema-difference.js';
import { parseConfig } from '../shared/config.js';
import { createTestPostgreSqlDatabase, testDatabaseKind } from '../test-support/postgresql.js';

// Runs in both Vitest projects: on SQLite with src/migrations, on PostgreSQL with src/migrations/postgresql. A
// migration missing from one set (an entity changed, only one dialect migrated) fails here. The difference is the one
// `hub migration create` writes (db/schema-difference.ts): on SQLite an enum's CHECK items are compared too.

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
    expect(describeDifference(await entitySchemaDifference(orm))).toEqual([]);
  });
});
