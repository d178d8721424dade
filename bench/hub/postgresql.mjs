import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { HUB_CLI, HUB_DIR } from '../lib/paths.mjs';

const run = promisify(execFile);

/** `pg`, the very build the hub's knex uses (a dependency of @mikro-orm/postgresql). */
export function loadPg() {
  const hubRequire = createRequire(join(HUB_DIR, 'package.json'));
  return createRequire(hubRequire.resolve('@mikro-orm/postgresql/package.json'))('pg');
}

/**
 * A throwaway PostgreSQL cluster for a benchmark, started as the hub's tests start theirs (the built
 * `db/temporary-postgresql.js`: initdb and pg_ctl in a temporary directory, a Unix socket there), then made durable
 * again, as a production server is: the tests' cluster runs with fsync, synchronous_commit and full_page_writes off,
 * which would flatter every commit. Stopped and deleted by `stop()`, or when the run's process exits.
 */
export async function startBenchPostgreSql() {
  const temporary = await import(pathToFileURL(join(HUB_DIR, 'dist/db/temporary-postgresql.js')).href);
  const bin = temporary.findPostgreSqlBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb found: apt-get install postgresql, or set PG_BIN)');
  const cluster = await temporary.startTemporaryPostgreSql(bin);
  const version = (await run(join(bin, 'postgres'), ['--version'])).stdout.trim();
  const pg = loadPg();
  const client = new pg.Client({ connectionString: temporary.temporaryDatabaseUrl(cluster.socketDir, 'postgres') });
  await client.connect();
  try {
    for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) await client.query(`alter system set ${setting} = on`);
    await client.query('select pg_reload_conf()');
  } finally {
    await client.end();
  }
  return {
    version,
    /** A new empty database; its DATABASE_URL. */
    createDatabase: (name) => cluster.createDatabase(name),
    async stop() {
      await cluster.stop();
    },
  };
}

/** `hub copy-database` from the SQLite file to the PostgreSQL database, as a user moves a territory. */
export async function copyToPostgreSql(sqlitePath, postgresqlUrl) {
  try {
    await run(process.execPath, [HUB_CLI, 'copy-database', '--to', postgresqlUrl], {
      env: { ...process.env, DATABASE_URL: `sqlite:${sqlitePath}`, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(`hub copy-database failed (${error.code ?? error.signal}):\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

/** Runs one hub CLI command on a PostgreSQL database (webhook subscribe…); its output is shown only when it fails. */
export async function runHubCliOn(databaseUrl, args) {
  try {
    return (await run(process.execPath, [HUB_CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'warn' }, timeout: 120_000 })).stdout;
  } catch (error) {
    throw new Error(`hub ${args.join(' ')} failed (${error.code ?? error.signal}):\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}
