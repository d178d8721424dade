import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM, defineConfig, type Options } from '@mikro-orm/sqlite';
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/core';
import type { HubConfig } from '../shared/config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from '../migrations/index.js';
import { configureSqliteConnection, ImmediateSqliteKnexDialect } from './sqlite-immediate-dialect.js';

export interface OrmOptions {
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

/** Where `hub migration create` writes new migrations: the source tree, committed like code. */
export const MIGRATIONS_SOURCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/migrations');

export function ormOptions(config: HubConfig, options: OrmOptions = {}): Options {
  return defineConfig({
    dbName: config.database.path,
    // Write transactions begin IMMEDIATE, and every connection waits for another process's write lock.
    driverOptions: { client: ImmediateSqliteKnexDialect },
    pool: { afterCreate: configureSqliteConnection },
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      path: MIGRATIONS_SOURCE_DIR,
      pathTs: MIGRATIONS_SOURCE_DIR,
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
    },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ignoreUndefinedInQuery: true,
    debug: options.onQuery ? ['query'] : false,
    logger: options.onQuery ? (message: string) => options.onQuery?.(message) : () => undefined,
    colors: false,
  });
}

export async function openOrm(config: HubConfig, options: OrmOptions = {}): Promise<MikroORM> {
  if (config.database.path !== ':memory:') mkdirSync(dirname(resolve(config.database.path)), { recursive: true });
  // WAL (readers do not wait for the writer) and the busy timeout are set on each connection as it opens.
  return MikroORM.init(ormOptions(config, options));
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.getMigrator().getPendingMigrations()).map((migration) => migration.name);
}
