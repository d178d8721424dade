import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205134608 } from './Migration20261205134608_initial.js';

/**
 * Every PostgreSQL migration, in order: the same schema as the SQLite set (`../index.ts`), written for PostgreSQL.
 * `pnpm hub migration create <what>` writes and lists a new migration in both sets.
 */
export const POSTGRESQL_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261205134608_initial', class: Migration20261205134608 },
];
