import { fileURLToPath } from 'node:url';

// The benchmarks' seeder (bench/seed-notices.mjs), typed, for every test that needs thousands of notices in seconds:
// plain SQL into a SQLite file the hub's CLI migrated, rows as the hub itself writes them. One seeder for benches
// and tests: a migration that adds a NOT NULL column breaks both at once, with the column named.
const SEEDER = fileURLToPath(new URL('../../../../bench/seed-notices.mjs', import.meta.url));

export interface BulkNoticeOptions {
  /** Publication and deadlines are drawn around it: a date months ago gives notices whose deadline has passed. */
  now?: Date;
  /** Same seed, same notices (ids aside). */
  seed?: number;
  lotsPerNotice?: number;
  deadlineDays?: number;
  /** true (default): run `hub migrate` and `hub seed` first; false on a database already migrated and seeded. */
  migrate?: boolean;
}

export interface BulkNoticeResult {
  notices: number;
  lots: number;
  ms: { total: number; hubCli: number; generate: number; insert: number };
}

/** Adds `count` published notices (3 lots each by default) to the SQLite file at `dbPath`. Needs `pnpm build`. */
export async function seedBulkNotices(dbPath: string, count: number, options: BulkNoticeOptions = {}): Promise<BulkNoticeResult> {
  const { seedNotices } = (await import(SEEDER)) as {
    seedNotices: (dbPath: string, count: number, options: BulkNoticeOptions) => Promise<BulkNoticeResult>;
  };
  return seedNotices(dbPath, count, options);
}
