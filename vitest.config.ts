import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { findPostgreSqlBin } from './packages/hub/src/db/temporary-postgresql.js';

const requireFromHub = createRequire(new URL('./packages/hub/package.json', import.meta.url));

/**
 * The hub tests that run a second time on PostgreSQL (the `postgresql` project): every hub test file that opens a
 * database, i.e. imports test-support's `test-hub.ts`, `hub-process.ts` or `postgresql.ts`, `db/orm.ts` or the CLI tests'
 * `cli/testing/cli-sandbox.ts` (a new
 * test that starts a hub runs on both without being listed). Tests that open none are pure functions of their
 * input and run once. Each test hub gets its own database in one throwaway cluster for the run.
 */
const OPENS_A_DATABASE =
  /from '(?:\.\.?\/)+(?:test-support\/)?(?:test-hub|hub-process|postgresql)\.js'|from '(?:\.\.?\/)+(?:db\/)?orm\.js'|from '(?:\.\.?\/)+(?:cli\/)?testing\/cli-sandbox\.js'/;

/** Hub tests that open a database but are about one dialect, or about no database at all: SQLite only, and why. */
const SQLITE_ONLY: Record<string, string> = {
  // BEGIN IMMEDIATE and SQLITE_BUSY between processes on one file; PostgreSQL's locking has its own tests.
  'packages/hub/src/db/sqlite-write-lock.test.ts': 'SQLite write lock',
  // A migration that rebuilds a table as SQLite must (no ALTER COLUMN); the PostgreSQL set alters in place.
  'packages/hub/src/migrations/trainings-migration.test.ts': 'SQLite table rebuild',
  // The launcher's processes dying with the worker that started them: no query depends on the database.
  'packages/hub/src/test-support/hub-process.test.ts': 'process lifetime',
  // SQLite's half of a pair: *.postgresql.test.ts runs the same suite on PostgreSQL.
  'packages/hub/src/db/several-hubs.sqlite.test.ts': 'twin of several-hubs.postgresql.test.ts',
  'packages/hub/src/db/sigkill-durability.sqlite.test.ts': 'twin of sigkill-durability.postgresql.test.ts',
};

function hubTestFiles(dir = 'packages/hub/src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return hubTestFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const ON_POSTGRESQL = hubTestFiles().filter(
  (file) => !file.endsWith('.postgresql.test.ts') && !(file in SQLITE_ONLY) && OPENS_A_DATABASE.test(readFileSync(file, 'utf8')),
);

// Without PostgreSQL's server, the postgresql project is left out, loudly; under CI it runs and fails its setup.
const postgresqlMissing = !findPostgreSqlBin() && process.env.CI !== 'true';
if (postgresqlMissing) {
  console.warn(
    '\n\u001b[41m\u001b[97m SKIPPED \u001b[0m the hub tests on PostgreSQL: no PostgreSQL server found (apt-get install postgresql, or PG_BIN=<dir of initdb>).\n',
  );
}

export default defineConfig({
  // SWC emits decorator metadata, which TypeGraphQL and MikroORM read; Vite's esbuild does not.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // Vite would hand our code graphql's .mjs build while Apollo and TypeGraphQL load its CommonJS build, as Node
    // does at run time: two realms whose types and errors fail each other's instanceof checks.
    alias: [{ find: /^graphql$/, replacement: requireFromHub.resolve('graphql') }],
  },
  test: {
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['packages/*/src/**/*.test.ts', 'site/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.postgresql.test.ts'],
        },
      },
      ...(postgresqlMissing
        ? []
        : [
            {
              extends: true,
              test: {
                name: 'postgresql',
                include: [...ON_POSTGRESQL, 'packages/hub/src/**/*.postgresql.test.ts', 'test/**/*.postgresql.test.ts'],
                exclude: ['**/node_modules/**'],
                env: { HUB_TEST_DATABASE: 'postgresql' },
                globalSetup: ['./packages/hub/src/test-support/postgresql.global-setup.ts'],
              },
            },
          ]),
    ],
  },
});
