import type { MikroORM } from '@mikro-orm/sqlite';
import { copyDatabase, CopyRefused } from '../db/copy-database.js';
import { openOrm } from '../db/orm.js';
import { parseConfig, type HubConfig } from '../shared/config.js';
import { withMigratedDatabase } from './migrated-database.js';

/**
 * `pnpm hub copy-database --to postgresql://…`: moves the territory of DATABASE_URL (the embedded SQLite file) to
 * another database, which it migrates and which must be empty, then checks every table's count on both sides.
 */
export async function copyDatabaseCommand(config: HubConfig, env: NodeJS.ProcessEnv, to: string | undefined): Promise<number> {
  if (!to) {
    console.error('Usage: pnpm hub copy-database --to postgresql://user:password@host:5432/database (from DATABASE_URL)');
    return 2;
  }
  const targetConfig = parseConfig({ ...env, DATABASE_URL: to });
  if (JSON.stringify(targetConfig.database) === JSON.stringify(config.database)) {
    console.error('copy-database: --to names the database DATABASE_URL already names');
    return 2;
  }
  return withMigratedDatabase(config, async (source) => {
    let target: MikroORM | undefined;
    try {
      target = await openOrm(targetConfig);
      const tables = await copyDatabase(source, target);
      const wrong = tables.filter((table) => table.source !== table.target);
      for (const table of tables) console.log(`${table.table.padEnd(40)} ${String(table.source).padStart(9)} → ${String(table.target).padStart(9)}`);
      const rows = tables.reduce((sum, table) => sum + table.target, 0);
      if (wrong.length) {
        console.error(`copy-database: the counts differ for ${wrong.map((table) => table.table).join(', ')}`);
        return 1;
      }
      console.log(`Copied ${rows} rows in ${tables.length} tables; every table's count checked on both sides.`);
      return 0;
    } catch (error) {
      if (error instanceof CopyRefused) {
        console.error(`copy-database refused: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      await target?.close();
    }
  });
}
