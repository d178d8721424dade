import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sqlite';
import { inject } from 'vitest';
import { createPostgreSqlDatabase } from '../db/temporary-postgresql.js';

/** Which database the hub tests of this Vitest project run on: `postgresql` in the project of that name. */
export function testDatabaseKind(): 'sqlite' | 'postgresql' {
  return process.env.HUB_TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';
}

/** A new empty database in the run's temporary cluster (see postgresql.global-setup.ts); its DATABASE_URL. */
export async function createTestPostgreSqlDatabase(): Promise<string> {
  const cluster = inject('postgresql');
  if (!cluster) throw new Error('no PostgreSQL cluster: run this test in the postgresql Vitest project');
  return createPostgreSqlDatabase(cluster.bin, cluster.socketDir, `hub_${randomBytes(6).toString('hex')}`);
}

/**
 * The DATABASE_URL of a fresh, empty database for one test, in the dialect of the Vitest project that runs it: the
 * SQLite file `sqliteFile` (not created yet), or a new database in the run's PostgreSQL cluster.
 */
export async function createTestDatabaseUrl(sqliteFile: string): Promise<string> {
  return testDatabaseKind() === 'postgresql' ? createTestPostgreSqlDatabase() : `sqlite:${sqliteFile}`;
}

/** The names of the tables of the database `em` is connected to (the ORM's own migration table left out). */
export async function tableNames(em: EntityManager): Promise<string[]> {
  const sql =
    testDatabaseKind() === 'postgresql'
      ? "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'"
      : "select name from sqlite_master where type = 'table' and name <> 'sqlite_sequence'";
  const rows = await em.getConnection().execute<Array<{ name: string }>>(sql);
  return rows.map((row) => row.name).filter((name) => name !== 'mikro_orm_migrations').sort();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by postgresql.global-setup.ts in the postgresql project. */
    postgresql: { bin: string; socketDir: string } | null;
  }
}
