import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { atExit } from './cleanup.mjs';
import { HUB_CLI, REPO_ROOT } from './paths.mjs';

const run = promisify(execFile);
const BOUNDED = pathToFileURL(join(REPO_ROOT, 'bench/lib/bounded-server-preload.mjs')).href;

/** Environment for a hub process on `dbPath`: quiet logs, production mode, loopback only. */
export function hubEnv(dbPath, extra = {}) {
  return { ...process.env, DATABASE_URL: `sqlite:${dbPath}`, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...extra };
}

/** Runs one hub CLI command to completion (migrate, seed…); its output is shown only when it fails. */
export async function runHubCli(args, dbPath) {
  try {
    await run(process.execPath, [HUB_CLI, ...args], { env: hubEnv(dbPath), timeout: 120_000 });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    throw new Error(`hub ${args.join(' ')} failed (${error.code ?? error.signal}):\n${output.length > 4000 ? `…${output.slice(-4000)}` : output}`);
  }
}

/**
 * Spawns a Node server and resolves once it prints a line matching `ready` (whose first group is its base URL).
 * The child is killed if it does not get ready within `timeoutMs`, and ends itself if this process dies first.
 */
export function startServer({ name, args, env, ready, nodeArgs = [], timeoutMs = 30_000 }) {
  const child = spawn(process.execPath, ['--import', BOUNDED, ...nodeArgs, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Never leave a server behind, whatever ends the run.
  const forget = atExit(() => child.kill('SIGKILL'));
  child.once('exit', forget);
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (message) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name}: ${message}\n${output}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolve({ name, child, pid: child.pid, url: match[1], output: () => output });
    };
    const onEarlyExit = (code, signal) => fail(`exited before being ready (${code ?? signal})`);
    child.stdout.setEncoding('utf8').on('data', onData);
    // Keep reading stderr so a chatty server never blocks on a full pipe; it is shown if something fails.
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', onEarlyExit);
  });
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`; resolves with its exit code or signal. */
export function stopServer(server, graceMs = 15_000) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
    child.kill('SIGTERM');
  });
}

/** Resolves once the server has printed `marker` (after what it printed so far), or fails after `timeoutMs`. */
export async function waitForOutput(server, marker, { after = 0, timeoutMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!server.output().includes(marker, after)) {
    if (Date.now() > deadline) throw new Error(`${server.name}: no "${marker}" after ${timeoutMs} ms\n${server.output()}`);
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`${server.name} exited`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
