import { openOrm, pendingMigrations } from '../db/orm.js';
import type { HubConfig } from '../shared/config.js';

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

/** Developers: writes the migration that brings the schema in line with the entities (review it, then list it). */
export async function migrationCreateCommand(config: HubConfig): Promise<number> {
  const orm = await openOrm(config);
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration();
    if (!result.fileName) {
      console.log('No entity change: no migration written.');
      return 0;
    }
    console.log(`Wrote src/migrations/${result.fileName}; add its class to src/migrations/index.ts.`);
    return 0;
  } finally {
    await orm.close();
  }
}
