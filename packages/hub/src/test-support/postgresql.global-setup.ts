import type { TestProject } from 'vitest/node';
import './postgresql.js';
import { findPostgreSqlBin, startTemporaryPostgreSql, type TemporaryPostgreSql } from '../db/temporary-postgresql.js';

/**
 * Global setup of the `postgresql` Vitest project: one throwaway cluster for the run (initdb and pg_ctl in a
 * temporary directory, a Unix socket there, fsync off), stopped and deleted at the end. Each test hub creates its
 * own database in it. Without PostgreSQL the project is left out (vitest.config.ts says so loudly), except under
 * CI=true, where this setup fails the run.
 */
let cluster: TemporaryPostgreSql | null = null;

export async function setup(project: TestProject): Promise<void> {
  const bin = findPostgreSqlBin();
  if (!bin) throw new Error('PostgreSQL is required for the postgresql test project (CI installs it: .ci/run runs apt-get install postgresql)');
  cluster = await startTemporaryPostgreSql(bin);
  project.provide('postgresql', { bin, socketDir: cluster.socketDir });
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
