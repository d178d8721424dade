import { createRequire } from 'node:module';
import { join } from 'node:path';
import { HUB_DIR } from './paths.mjs';

// The very sqlite3 build the hub runs on (a dependency of @mikro-orm/sqlite), so the baseline and the seeding
// measure and write with the same driver and SQLite version, without a second copy in the root package.
const hubRequire = createRequire(join(HUB_DIR, 'package.json'));
const sqlite3 = createRequire(hubRequire.resolve('@mikro-orm/sqlite/package.json'))('sqlite3');

/** A promise-shaped handle on one SQLite connection. */
export async function openDatabase(path) {
  const db = await new Promise((resolve, reject) => {
    const handle = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(handle)));
  });
  const call = (method, sql, params) =>
    new Promise((resolve, reject) => {
      db[method](sql, params ?? [], function done(error, rows) {
        if (error) reject(Object.assign(error, { sql }));
        else resolve(method === 'run' ? { changes: this.changes } : rows);
      });
    });
  return {
    all: (sql, params) => call('all', sql, params),
    get: (sql, params) => call('get', sql, params),
    run: (sql, params) => call('run', sql, params),
    exec: (sql) =>
      new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(Object.assign(error, { sql })) : resolve()))),
    /** A statement prepared once and run many times (bulk inserts). */
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        run: (params) =>
          new Promise((resolve, reject) =>
            statement.run(params, (error) => (error ? reject(Object.assign(error, { sql, params })) : resolve())),
          ),
        finalize: () => new Promise((resolve) => statement.finalize(() => resolve())),
      };
    },
    close: () => new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve()))),
  };
}

export const SQLITE_VERSION = sqlite3.VERSION;
