import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedBulkNotices } from '../../../packages/hub/src/test-support/bulk-notices.js';
import { runHubCli, startHubProcess, type HubProcess } from '../../../packages/hub/src/test-support/hub-process.js';

// The real hub, run through its own CLI by the hub's test launcher, on a seeded SQLite file of its own.

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningHub {
  graphqlUrl: string;
  baseUrl: string;
  stop: () => Promise<void>;
}

/** A port the system says is free, for a server that must keep its port across restarts (test/e2e). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Migrates and seeds (with the demo data) a fresh database, then serves the hub on a free port. `beforeServe` gets
 * the SQLite file first, to store what the API would refuse (test/site/support/sqlite.ts).
 */
export async function startSeededHub(options: { beforeServe?: (databaseFile: string) => Promise<void> } = {}): Promise<RunningHub> {
  return startHubOn(async (env, dbPath) => {
    await runHubCli(['migrate'], env);
    await runHubCli(['seed', '--demo'], env);
    await options.beforeServe?.(dbPath);
  });
}

/**
 * A hub holding the territory and `open` open notices plus `past` notices whose deadline has passed (the hub reads
 * them as closed), written by the benchmarks' seeder (`bench/seed-notices.mjs`): lists of several pages in seconds.
 */
export async function startHubWithNotices(counts: { open: number; past: number }): Promise<RunningHub> {
  return startHubOn(async (env, dbPath) => {
    await seedBulkNotices(dbPath, counts.past, { now: new Date(Date.now() - 120 * 86_400_000), seed: 2 });
    await seedBulkNotices(dbPath, counts.open, { migrate: false });
  });
}

/** A fresh SQLite file that `prepare` fills (migrations, seeds…), served by the hub's own launcher on a free port. */
export async function startHubOn(prepare: (env: NodeJS.ProcessEnv, dbPath: string) => Promise<void>): Promise<RunningHub> {
  const dir = await mkdtemp(path.join(tmpdir(), 'site-test-hub-'));
  const dbPath = path.join(dir, 'hub.sqlite');
  // The test's own environment goes through (alerts.test.ts sets SMTP_URL and SITE_URL for the hub it starts).
  const env = { ...process.env, DATABASE_URL: `sqlite:${dbPath}`, LOG_LEVEL: 'warn' };
  let hub: HubProcess | undefined;
  const stop = async () => {
    await hub?.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await prepare(env, dbPath);
    hub = await startHubProcess(env);
  } catch (error) {
    await stop();
    throw error;
  }
  return { graphqlUrl: hub.url, baseUrl: hub.url.replace(/\/graphql$/, ''), stop };
}

/** A GraphQL request to the running hub, as any client would make it. */
export async function graphql<T>(url: string, query: string, variables = {}, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}
