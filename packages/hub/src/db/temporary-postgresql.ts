import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster in a temporary directory, reached only by a Unix socket in that directory, with
 * fsync off: for the tests and for `hub migration create`, never for data anyone keeps. It needs the server's
 * binaries (Debian's `postgresql` package, or PG_BIN naming their directory). initdb refuses to run as root: as root,
 * the cluster runs as the `postgres` user (which Debian's package creates) in a directory it owns.
 */
export interface TemporaryPostgreSql {
  /** The directory holding the socket (and the cluster). */
  socketDir: string;
  /** A new empty database; its DATABASE_URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes the directory. */
  stop(): Promise<void>;
}

/** The directory of initdb, pg_ctl and postgres, or null when PostgreSQL's server is not installed. */
export function findPostgreSqlBin(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates: string[] = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, version, 'bin'));
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on the PATH
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

const SUPERUSER = 'hub';
const PORT = 5432;

/** The DATABASE_URL of a database of a temporary cluster. */
export function temporaryDatabaseUrl(socketDir: string, database: string): string {
  return `postgresql://${SUPERUSER}@localhost:${PORT}/${database}?host=${encodeURIComponent(socketDir)}`;
}

/** Creates an empty database in the temporary cluster whose socket is in socketDir; its DATABASE_URL. */
export async function createPostgreSqlDatabase(bin: string, socketDir: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  // trust authentication on the socket: any local user may connect as the cluster's superuser.
  await run(join(bin, 'psql'), ['-h', socketDir, '-p', String(PORT), '-U', SUPERUSER, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qc', `create database ${name}`]);
  return temporaryDatabaseUrl(socketDir, name);
}

export async function startTemporaryPostgreSql(bin = findPostgreSqlBin()): Promise<TemporaryPostgreSql> {
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb found: apt-get install postgresql, or set PG_BIN)');
  const dir = mkdtempSync(join(tmpdir(), 'hub-pg-'));
  const asRoot = process.getuid?.() === 0;
  // As root, every server command runs as `postgres`, which must own the directory.
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const command = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args]) : run(join(bin, program), args);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  try {
    await command('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
    writeFileSync(
      join(data, 'postgresql.auto.conf'),
      [
        `listen_addresses = ''`,
        `unix_socket_directories = '${dir}'`,
        `port = ${PORT}`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 200',
        `timezone = 'UTC'`,
      ].join('\n') + '\n',
    );
    await command('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '120', 'start']);
  } catch (error) {
    const detail = existsSync(log) ? readFileSync(log, 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a temporary PostgreSQL in ${dir}: ${(error as Error).message}\n${detail}`);
  }
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      const stop = [join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'];
      if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', ...stop], { stdio: 'ignore' });
      else execFileSync(stop[0]!, stop.slice(1), { stdio: 'ignore' });
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends without stop() (a crash, Ctrl-C) leaves no server behind.
  process.once('exit', stopNow);
  return {
    socketDir: dir,
    createDatabase: (name) => createPostgreSqlDatabase(bin, dir, name),
    async stop() {
      process.removeListener('exit', stopNow);
      stopNow();
    },
  };
}
