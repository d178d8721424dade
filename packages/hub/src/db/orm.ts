import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM, defineConfig as defineSqliteConfig } from '@mikro-orm/sqlite';
import { MikroORM as PostgreSqlMikroORM, defineConfig as definePostgreSqlConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider, type EntityMetadata, type LoggerNamespace, type MigrationObject } from '@mikro-orm/core';
import type { DatabaseTarget, HubConfig } from '../shared/config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from '../migrations/index.js';
import { POSTGRESQL_MIGRATIONS } from '../migrations/postgresql/index.js';
import { configureSqliteConnection, ImmediateSqliteKnexDialect } from './sqlite-immediate-dialect.js';
import { announceQueueCommits } from './wake-ups.js';

export interface OrmOptions {
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

/** Where `hub migration create` writes new migrations: the source tree, committed like code, one set per dialect. */
export const MIGRATIONS_SOURCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/migrations');
export const POSTGRESQL_MIGRATIONS_SOURCE_DIR = resolve(MIGRATIONS_SOURCE_DIR, 'postgresql');

/** Which committed migrations build a database of this kind. */
export function migrationsOf(kind: DatabaseTarget['kind']): { list: MigrationObject[]; dir: string } {
  return kind === 'postgresql'
    ? { list: POSTGRESQL_MIGRATIONS, dir: POSTGRESQL_MIGRATIONS_SOURCE_DIR }
    : { list: MIGRATIONS, dir: MIGRATIONS_SOURCE_DIR };
}

/**
 * The entities declare their instants `type: 'datetime'`. MikroORM keeps that name as the property's type, and its
 * change detection, which compares Dates only for the type `Date`, then compares an instant read from SQLite (a Date)
 * with the same instant about to be written (epoch milliseconds) as different values: every entity read and flushed
 * was written again, with a new `updatedAt` and version (the alert pass did it to each notice it read). Named `Date`,
 * as MikroORM names its own `DateTimeType`, the column stays the same and an unchanged instant compares equal.
 */
function datetimeAsDate(meta: EntityMetadata): void {
  for (const prop of Object.values(meta.properties)) {
    if (typeof prop.type === 'string' && prop.type.toLowerCase() === 'datetime') prop.type = 'Date';
  }
}

function commonOptions(config: HubConfig, options: OrmOptions) {
  const migrations = migrationsOf(config.database.kind);
  return {
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: true, onMetadata: datetimeAsDate },
    extensions: [Migrator],
    migrations: {
      migrationsList: migrations.list,
      path: migrations.dir,
      pathTs: migrations.dir,
      emit: 'ts' as const,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
    },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ignoreUndefinedInQuery: true,
    debug: options.onQuery ? (['query'] as LoggerNamespace[]) : false,
    logger: options.onQuery ? (message: string) => options.onQuery?.(message) : () => undefined,
    colors: false,
  };
}

export function ormOptions(config: HubConfig, options: OrmOptions = {}) {
  const database = config.database;
  if (database.kind === 'postgresql') {
    return definePostgreSqlConfig({
      ...commonOptions(config, options),
      dbName: database.database,
      // pg reads the whole URL (host or `?host=` socket directory, port, user, password, `?sslmode=`…).
      driverOptions: { connection: { connectionString: database.url } },
      pool: { min: 0, max: 10 },
    });
  }
  return defineSqliteConfig({
    ...commonOptions(config, options),
    dbName: database.path,
    // Write transactions begin IMMEDIATE, and every connection waits for another process's write lock.
    driverOptions: { client: ImmediateSqliteKnexDialect },
    pool: { afterCreate: configureSqliteConnection },
  });
}

/**
 * Opens the hub's database: the embedded SQLite file, or PostgreSQL. The hub's code uses only the SQL (knex) API that
 * both drivers share (EntityManager, query builder, `getKnex()`), typed by the SQLite classes it was written with;
 * `config.database.kind` tells the few places that differ (locking, the scheduler's advisory lock) which one runs.
 */
export async function openOrm(config: HubConfig, options: OrmOptions = {}): Promise<MikroORM> {
  const database = config.database;
  if (database.kind === 'postgresql') {
    const orm = (await PostgreSqlMikroORM.init(ormOptions(config, options) as Parameters<typeof PostgreSqlMikroORM.init>[0])) as unknown as MikroORM;
    // Commits that write to a queue wake the workers of the other hubs (LISTEN/NOTIFY, db/wake-ups.ts).
    announceQueueCommits(orm);
    return orm;
  }
  if (database.path !== ':memory:') mkdirSync(dirname(resolve(database.path)), { recursive: true });
  // WAL (readers do not wait for the writer) and the busy timeout are set on each connection as it opens.
  return (await MikroORM.init(ormOptions(config, options) as Parameters<typeof MikroORM.init>[0])) as unknown as MikroORM;
}

/** Whether this ORM talks to PostgreSQL (row locks, advisory locks, SKIP LOCKED) rather than SQLite. */
export function isPostgreSql(orm: MikroORM): boolean {
  return orm.config.get('driver')?.name === 'PostgreSqlDriver';
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.getMigrator().getPendingMigrations()).map((migration) => migration.name);
}
