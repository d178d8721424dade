import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './hub-process.js';

// The hub's own SQLite driver (a dependency of @mikro-orm/sqlite), to store in a test what the API refuses.
const requireFromHub = createRequire(path.join(REPO_ROOT, 'packages/hub/package.json'));
const sqlite3 = createRequire(requireFromHub.resolve('@mikro-orm/sqlite'))('sqlite3') as {
  Database: new (file: string, callback: (error: Error | null) => void) => {
    run: (sql: string, params: unknown[], callback: (error: Error | null) => void) => void;
    close: (callback: (error: Error | null) => void) => void;
  };
};

/** Runs each statement with its parameters on the database file, in order, then closes it. */
export async function runSql(file: string, statements: [string, unknown[]][]): Promise<void> {
  const db = await new Promise<InstanceType<typeof sqlite3.Database>>((resolve, reject) => {
    const opened = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(opened)));
  });
  try {
    for (const [sql, params] of statements) {
      await new Promise<void>((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
    }
  } finally {
    await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
  }
}
