import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WEBHOOK_SECRET } from './config.js';
import { eventually, FakeBuildControl, isRunning, signedDelivery, temporaryDir, removeTemporaryDirs } from './testing/harness.js';

afterAll(removeTemporaryDirs);

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const mainJs = join(packageDir, 'dist', 'main.js');
const children: ChildProcess[] = [];

beforeAll(() => {
  // The CLI is tested as users run it: compiled.
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(packageDir, 'tsconfig.build.json')], { encoding: 'utf8' });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function cleanEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { WEBHOOK_SECRET: _secret, PUBLISHER_DEMO: _demo, NODE_ENV: _nodeEnv, INIT_CWD: _initCwd, ...rest } = process.env;
  return { ...rest, PUBLISHER_LOG_LEVEL: 'warn', ...env };
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [mainJs, ...args], { env: cleanEnv(env), encoding: 'utf8', timeout: 30_000 });
}

function startServe(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [mainJs, 'serve', ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

describe('publisher CLI', () => {
  it('a bad setting stops it with exit code 1 and a message naming the variable', () => {
    const result = run(['serve'], { PUBLISHER_PORT: 'eighty', WEBHOOK_SECRET: 'not-a-secret' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PUBLISHER_PORT');
    expect(result.stderr).toContain('WEBHOOK_SECRET');
  });

  it('refuses to start without a webhook secret outside demo mode', () => {
    const result = run(['serve'], {});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('WEBHOOK_SECRET: required');
  });

  it('refuses demo mode in production', () => {
    const result = run(['serve', '--demo'], { NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PUBLISHER_DEMO');
  });

  it('an unknown command or flag prints the usage and exits 1', () => {
    for (const args of [['publish'], ['serve', '--fast'], []]) {
      const result = run(args, {});
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Usage: publisher serve');
    }
  });

  it('serve --demo --build-now builds at once, accepts demo-signed webhooks, and stops cleanly on SIGTERM mid-build', async () => {
    const dataDir = await temporaryDir('cli');
    const control = new FakeBuildControl(await temporaryDir('control'));
    const serve = startServe(['--demo', '--build-now'], {
      PUBLISHER_PORT: '0',
      PUBLISHER_DATA_DIR: dataDir,
      PUBLISHER_BUILD_COMMAND: control.commandLine(),
      PUBLISHER_QUIET_MS: '50',
      PUBLISHER_MAX_WAIT_MS: '500',
    });
    const url = await eventually(() => /listening on (http:\/\/\S+) /.exec(serve.output.stdout)?.[1], { what: 'the URL' });
    expect(serve.output.stderr).toContain('WARNING: demo mode');
    await eventually(async () => (await (await fetch(`${url}/`)).text()).includes('Build 1'), { what: 'build 1' });

    await control.set('hold');
    const delivery = signedDelivery({ secret: DEMO_WEBHOOK_SECRET });
    expect((await fetch(`${url}/webhooks`, { method: 'POST', headers: delivery.headers, body: delivery.body })).status).toBe(202);
    await eventually(async () => (await control.buildsStarted()) === 2, { what: 'build 2 to start' });
    const buildPid = Number(await readFile(join(control.dir, 'running'), 'utf8'));

    expect(await isRunning(buildPid)).toBe(true);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    // The held build was killed and its half-written directory removed; build 1 is still the one online.
    const dirs = (await readdir(join(dataDir, 'builds'), { withFileTypes: true })).filter((entry) => entry.isDirectory());
    expect(dirs).toHaveLength(1);
    await eventually(async () => !(await isRunning(buildPid)), { what: 'the killed build to be gone' });
  });
});
