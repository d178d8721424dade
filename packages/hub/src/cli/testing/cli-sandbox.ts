import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/sqlite';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { openOrm } from '../../db/orm.js';
import { parseConfig } from '../../shared/config.js';
import { createTestDatabaseUrl } from '../../test-support/postgresql.js';
import { runCli } from '../run-cli.js';

/** What a CLI test works with; its fields are those of the test running. */
export interface CliSandbox {
  /** The test's own folder, removed after it. */
  dir: string;
  /** The environment naming the test's database — the folder's SQLite file (`hub.sqlite`), or a database of its own in
   * the run's PostgreSQL cluster in the postgresql project: what `run` passes. */
  env: NodeJS.ProcessEnv;
  /** Every line the commands printed (console.log and console.error), in order. */
  output: string[];
  /** The lines printed on standard error only. */
  errors: string[];
  /** Runs `pnpm hub <argv>` in process against the test's database; `env` adds to or overrides the sandbox's. */
  run(argv: string[], env?: NodeJS.ProcessEnv): Promise<number>;
  /** Opens the test's database as the hub would, hands over an entity manager, and closes it. */
  read<T>(task: (em: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * The hub CLI's test bench: before each test a fresh folder (`prefix`), its environment, the commands' output
 * captured and the `setUp` commands run (each must succeed; what they printed is then forgotten); after it, the
 * console restored and the folder removed.
 */
export function cliSandbox(options: { prefix: string; env?: (dir: string) => NodeJS.ProcessEnv; setUp?: string[][] }): CliSandbox {
  const sandbox: CliSandbox = {
    dir: '',
    env: {},
    output: [],
    errors: [],
    run: (argv, env) => runCli(argv, { ...sandbox.env, ...env }),
    async read(task) {
      const orm = await openOrm(parseConfig(sandbox.env));
      try {
        return await task(orm.em.fork());
      } finally {
        await orm.close();
      }
    },
  };
  beforeEach(async () => {
    sandbox.dir = mkdtempSync(join(tmpdir(), options.prefix));
    sandbox.env = { DATABASE_URL: await createTestDatabaseUrl(join(sandbox.dir, 'hub.sqlite')), NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...options.env?.(sandbox.dir) };
    sandbox.output = [];
    sandbox.errors = [];
    vi.spyOn(console, 'log').mockImplementation((...args) => void sandbox.output.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args) => {
      sandbox.output.push(args.join(' '));
      sandbox.errors.push(args.join(' '));
    });
    for (const argv of options.setUp ?? []) expect(await sandbox.run(argv), `pnpm hub ${argv.join(' ')}`).toBe(0);
    sandbox.output.length = 0;
    sandbox.errors.length = 0;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(sandbox.dir, { recursive: true, force: true });
  });
  return sandbox;
}
