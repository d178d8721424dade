import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { findPostgreSqlBin } from './packages/hub/src/db/temporary-postgresql.js';

const requireFromHub = createRequire(new URL('./packages/hub/package.json', import.meta.url));

/**
 * The hub tests that run a second time on PostgreSQL (the `postgresql` project): the API tests and what depends on
 * the database's dialect. Each test hub gets its own database in one throwaway cluster for the run.
 */
const ON_POSTGRESQL = [
  'packages/hub/src/migrations/migrations-match-entities.test.ts',
  'packages/hub/src/**/*.api.test.ts',
  'packages/hub/src/opendata/export/public-notices.test.ts',
];

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
