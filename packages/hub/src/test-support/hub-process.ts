import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { exitWithParentArgs } from './exit-with-parent.js';

/** The hub's CLI as `pnpm hub` runs it: the `tsc` output, built by `pnpm build` (and by `pnpm test` first). */
export const HUB_CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/cli/main.js');

export interface HubProcess {
  /** The GraphQL endpoint, once the process printed where it listens. */
  url: string;
  child: ChildProcess;
  /** What it wrote on stdout and stderr, for failure messages. */
  output(): string;
  /** SIGTERM (a clean stop) and waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: the crash no shutdown handler sees. */
  kill(): Promise<void>;
}

// The one launcher of the hub as a process for every test of the repository (the hub's own, the site's, test/e2e):
// its CLI, with the test's environment and nothing of the machine's but PATH.

/** The environment every hub process of a test starts from; the test's own variables come on top. */
function hubEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env };
}

const execFileAsync = promisify(execFile);

/** Runs one CLI command to its end, whatever its exit code (a test of a refusal): the code and what it printed. */
export async function hubCliOutcome(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [HUB_CLI, ...args], { env: hubEnv(env), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: unknown; stdout?: string; stderr?: string };
    // Killed at the timeout, or never started: not an exit code to check.
    if (typeof code !== 'number') throw new Error(`hub ${args.join(' ')} did not run to its end:\n${stdout}${stderr}`, { cause: error });
    return { code, stdout, stderr };
  }
}

/** Runs one CLI command to its end (`migrate`, `seed --demo`, `webhook subscribe`…); resolves with its stdout. */
export async function runHubCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<string> {
  const { code, stdout, stderr } = await hubCliOutcome(args, env, timeoutMs);
  if (code !== 0) throw new Error(`hub ${args.join(' ')} failed (exit code ${code}):\n${stdout}${stderr}`);
  return stdout;
}

// A test file that ends normally (or fails) kills what it started; a worker that Vitest ends runs no handler, so
// each child also watches a pipe from this process and stops itself when it closes (exit-with-parent.ts).
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * `hub serve` in a process of its own, on an ephemeral port, with the test's environment (DATABASE_URL…). Resolves
 * once it listens. It dies with the process that started it, even one killed by SIGKILL.
 */
export async function startHubProcess(env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<HubProcess> {
  const child = spawn(process.execPath, [...exitWithParentArgs(), HUB_CLI, 'serve'], {
    env: hubEnv({ HOST: '127.0.0.1', PORT: '0', ...env }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let log = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.once('exit', (code, signal) => {
    children.delete(child);
    log += `--- exited (${signal ?? code})\n`;
  });
  const url = await new Promise<string>((found, fail) => {
    const timer = setTimeout(() => fail(new Error(`hub serve did not start in ${timeoutMs} ms:\n${log}`)), timeoutMs);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      const match = /Hub listening on (\S+\/graphql)/.exec(log);
      if (match) {
        clearTimeout(timer);
        found(match[1]!);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      fail(new Error(`hub serve exited before listening:\n${log}`));
    });
  });
  const signalAndWait = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, output: () => log, stop: () => signalAndWait('SIGTERM'), kill: () => signalAndWait('SIGKILL') };
}

/** A GraphQL request over HTTP; the parsed answer. */
export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}
