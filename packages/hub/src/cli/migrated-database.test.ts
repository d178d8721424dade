import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openOrm } from '../db/orm.js';
import { parseConfig } from '../shared/config.js';
import { runCli } from './run-cli.js';

const OUT = join(tmpdir(), `hub-cli-pending-${process.pid}-decp.json`);

const COMMANDS: Array<[string, string[]]> = [
  ['seed', ['seed', '--demo']],
  ['serve', ['serve']],
  ['account create', ['account', 'create', '--email', 'a@example.fr', '--name', 'A', '--organisation', '200039857', '--role', 'BUYER']],
  ['import', ['import', 'notices.xml']],
  ['export', ['export', 'decp', '--out', OUT]],
  ['webhook subscribe', ['webhook', 'subscribe', '--url', 'http://127.0.0.1:9/hook', '--secret', 'whsec_c2VjcmV0']],
];

describe('a command that needs the database', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let errors: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-cli-pending-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0' };
    errors = [];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args.join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(COMMANDS)('(%s) refuses a database with pending migrations, says what to run, and writes nothing', async (_name, argv) => {
    expect(await runCli(argv, { ...env })).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/^The database needs \d+ migration\(s\): run `pnpm hub migrate` first\.$/)]);
    expect(existsSync(OUT)).toBe(false);
    const orm = await openOrm(parseConfig(env));
    try {
      const tables = await orm.em.getConnection().execute<Array<{ name: string }>>("select name from sqlite_master where type = 'table'");
      expect(tables.map((table) => table.name).filter((name) => !['mikro_orm_migrations', 'sqlite_sequence'].includes(name))).toEqual([]);
    } finally {
      await orm.close();
    }
  });
});
