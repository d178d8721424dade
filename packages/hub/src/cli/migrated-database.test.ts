import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableNames } from '../test-support/postgresql.js';
import { cliSandbox } from './testing/cli-sandbox.js';

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
  const cli = cliSandbox({ prefix: 'hub-cli-pending-' });

  it.each(COMMANDS)('(%s) refuses a database with pending migrations, says what to run, and writes nothing', async (_name, argv) => {
    expect(await cli.run(argv)).toBe(1);
    expect(cli.errors).toEqual([expect.stringMatching(/^The database needs \d+ migration\(s\): run `pnpm hub migrate` first\.$/)]);
    expect(existsSync(OUT)).toBe(false);
    expect(await cli.read((em) => tableNames(em))).toEqual([]);
  });
});
