import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The real hub, run through its own CLI as child processes, on a seeded SQLite file of its own.

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HUB_CLI = path.join(REPO_ROOT, 'packages/hub/dist/cli/main.js');

export interface RunningHub {
  graphqlUrl: string;
  baseUrl: string;
  stop: () => Promise<void>;
}

/** The hub's CLI has no PORT=0, so take a port the system says is free. */
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

function runToEnd(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HUB_CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`hub ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the hub did not become healthy within 60 s:\n${log()}`);
}

/**
 * Migrates and seeds (with the demo data) a fresh database, then serves the hub on a free port. `beforeServe` gets
 * the SQLite file first, to store what the API would refuse (test/site/support/sqlite.ts).
 */
export async function startSeededHub(options: { beforeServe?: (databaseFile: string) => Promise<void> } = {}): Promise<RunningHub> {
  return startHubOn(async (env, dbPath) => {
    await runToEnd(['migrate'], env);
    await runToEnd(['seed', '--demo'], env);
    await options.beforeServe?.(dbPath);
  });
}

/**
 * A hub holding the territory and `open` open notices plus `past` notices whose deadline has passed (the hub reads
 * them as closed), written by the benchmarks' seeder (`bench/seed-notices.mjs`): lists of several pages in seconds.
 */
export async function startHubWithNotices(counts: { open: number; past: number }): Promise<RunningHub> {
  const { seedNotices } = (await import(path.join(REPO_ROOT, 'bench/seed-notices.mjs'))) as {
    seedNotices: (db: string, count: number, options?: { now?: Date; seed?: number; migrate?: boolean }) => Promise<unknown>;
  };
  return startHubOn(async (env, dbPath) => {
    await seedNotices(dbPath, counts.past, { now: new Date(Date.now() - 120 * 86_400_000), seed: 2 });
    await seedNotices(dbPath, counts.open, { migrate: false });
  });
}

async function startHubOn(prepare: (env: NodeJS.ProcessEnv, dbPath: string) => Promise<void>): Promise<RunningHub> {
  const dir = await mkdtemp(path.join(tmpdir(), 'site-test-hub-'));
  const dbPath = path.join(dir, 'hub.sqlite');
  const env = { ...process.env, DATABASE_URL: `sqlite:${dbPath}`, LOG_LEVEL: 'warn' };
  try {
    await prepare(env, dbPath);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const child = spawn(process.execPath, [HUB_CLI, 'serve'], {
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { graphqlUrl: `${baseUrl}/graphql`, baseUrl, stop };
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
