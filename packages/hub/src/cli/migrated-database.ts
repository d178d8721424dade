import type { MikroORM } from '@mikro-orm/sqlite';
import { openOrm, pendingMigrations } from '../db/orm.js';
import type { HubConfig } from '../shared/config.js';

/**
 * Runs a command against the database, or refuses to when migrations are pending (exit 1, saying what to run):
 * every command but `migrate` itself works on the committed schema, never on an older one. The database is
 * closed after the command, whatever happens.
 */
export async function withMigratedDatabase(config: HubConfig, command: (orm: MikroORM) => Promise<number>): Promise<number> {
  const orm = await openOrm(config);
  try {
    const pending = await pendingMigrations(orm);
    if (pending.length) {
      console.error(`The database needs ${pending.length} migration(s): run \`pnpm hub migrate\` first.`);
      return 1;
    }
    return await command(orm);
  } finally {
    await orm.close();
  }
}
