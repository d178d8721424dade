import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { MikroORM } from '@mikro-orm/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../db/orm.js';
import { parseConfig } from '../shared/config.js';
import { eventually } from './eventually.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Whether the process is gone: no such pid, or a zombie nobody reaped yet (PID 1 of a container may not). */
function gone(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (existsSync(stat)) return readFileSync(stat, 'utf8').split(') ')[1]?.startsWith('Z') ?? false;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

// The launcher as a Vitest worker runs it, in a worker of our own that we end the way Vitest ends its workers.
describe('hub processes started by a test', { timeout: 240_000 }, () => {
  let dir: string;
  let orm: MikroORM;
  let databaseUrl: string;
  let worker: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-process-'));
    databaseUrl = `sqlite:${join(dir, 'hub.sqlite')}`;
    orm = await openOrm(parseConfig({ DATABASE_URL: databaseUrl, NODE_ENV: 'test' }));
    await orm.getMigrator().up();
    await orm.close();
    // hub-process.ts compiled as it is, finding the hub's CLI from its own place in the repository.
    const source = join(HERE, 'hub-process.ts');
    await build({
      entryPoints: [source],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: join(dir, 'hub-process.mjs'),
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(source).href) },
      logLevel: 'silent',
    });
    worker = join(dir, 'worker.mjs');
    writeFileSync(
      worker,
      [
        `import { startHubProcess } from ${JSON.stringify(pathToFileURL(join(dir, 'hub-process.mjs')).href)};`,
        `const hub = await startHubProcess({ DATABASE_URL: ${JSON.stringify(databaseUrl)} });`,
        'console.log(`hub ${hub.child.pid} ${hub.url}`);',
        'setInterval(() => {}, 60_000);',
      ].join('\n'),
    );
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGKILL', 'SIGTERM'] as const)('die with the worker that started them when the worker gets %s, which runs no exit handler', async (signal) => {
    const parent = spawn(process.execPath, [worker], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    parent.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<void>((done) => parent.once('exit', () => done()));
    const started = await new Promise<{ pid: number; url: string }>((found, fail) => {
      parent.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const match = /hub (\d+) (\S+)/.exec(output);
        if (match) found({ pid: Number(match[1]), url: match[2]! });
      });
      parent.once('exit', () => fail(new Error(`the worker ended before its hub listened:\n${output}`)));
    });
    let hubPid = started.pid;
    try {
      // The hub answers while its worker lives.
      expect((await fetch(started.url.replace('/graphql', '/healthz'))).ok).toBe(true);
      parent.kill(signal);
      await exited;
      await eventually(() => gone(hubPid), { timeoutMs: 30_000, what: `hub serve (pid ${hubPid}) to end with its worker` });
      hubPid = 0;
    } finally {
      // Never leave one behind, whatever the outcome.
      if (hubPid && !gone(hubPid)) process.kill(hubPid, 'SIGKILL');
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    }
  });
});
