import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT, type RunningHub } from './hub-process.js';

// A real hub with the territory only (`seed` without `--demo`): no staff, no training, no charter yet.

const HUB_CLI = path.join(REPO_ROOT, 'packages/hub/dist/cli/main.js');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HUB_CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`hub ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

export async function startBareHub(): Promise<RunningHub> {
  const dir = await mkdtemp(path.join(tmpdir(), 'site-test-bare-hub-'));
  const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'hub.sqlite')}`, LOG_LEVEL: 'warn' };
  await run(['migrate'], env);
  await run(['seed'], env);
  const port = await freePort();
  const child = spawn(process.execPath, [HUB_CLI, 'serve'], { env: { ...env, HOST: '127.0.0.1', PORT: String(port) }, stdio: 'ignore' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const healthy = await fetch(`${baseUrl}/healthz`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the bare hub did not become healthy (exit code ${child.exitCode})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { graphqlUrl: `${baseUrl}/graphql`, baseUrl, stop };
}
