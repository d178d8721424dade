import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, FakeBuildControl, isRunning, temporaryDir, removeTemporaryDirs } from '../testing/harness.js';
import { READY_MARKER } from './build-process.js';
import { createBuilder, newBuildId } from './builder.js';
import { readCurrentBuildId } from './site-swap.js';

afterAll(removeTemporaryDirs);

async function setup(commandLine?: string, extra: { prestart?: boolean } = {}) {
  const dataDir = await temporaryDir('builder');
  const control = new FakeBuildControl(await temporaryDir('control'));
  const warnings: string[] = [];
  const builder = createBuilder({
    dataDir,
    command: { kind: 'shell', commandLine: commandLine ?? control.commandLine() },
    hubUrl: 'http://127.0.0.1:9/graphql',
    timeoutMs: 60_000,
    onWarning: (message) => warnings.push(message),
    ...extra,
  });
  return { dataDir, control, builder, warnings };
}

/** The one build waiting for its start signal, once it waits. */
async function waitingBuild(control: FakeBuildControl, after: number[] = []): Promise<number> {
  return eventually(async () => (await control.prestartedPids()).find((pid) => !after.includes(pid)), {
    what: 'a build started ahead of time',
  });
}

describe('builder', () => {
  it('build ids sort by start time', () => {
    const ids = [Date.parse('2026-01-02T00:00:00Z'), Date.parse('2026-01-10T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z')].map(newBuildId);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^2026-01-02T00-00-00-000Z-[0-9a-f]{4}$/);
  });

  it('a successful build is written to its own directory, described, logged and put online', async () => {
    const { dataDir, builder } = await setup();
    const result = await builder.build(['notice.published']);
    expect(result).toMatchObject({ ok: true, reasons: ['notice.published'] });
    expect(await readCurrentBuildId(dataDir)).toBe(result.id);
    expect(await readFile(join(dataDir, 'builds', result.id, 'index.html'), 'utf8')).toContain('Build 1');
    expect(JSON.parse(await readFile(join(dataDir, 'builds', `${result.id}.json`), 'utf8'))).toMatchObject({ id: result.id });
    expect(await readFile(join(dataDir, 'logs', `${result.id}.log`), 'utf8')).toContain('fake build 1');
  });

  it('a failed build removes its partial directory and keeps its log', async () => {
    const { dataDir, control, builder } = await setup();
    await control.set('fail');
    const result = await builder.build(['x']);
    expect(result).toMatchObject({ ok: false, reason: 'exited with code 1' });
    expect(await readdir(join(dataDir, 'builds'))).toEqual([]);
    expect(await readFile(join(dataDir, 'logs', `${result.id}.log`), 'utf8')).toContain('failed on purpose');
  });

  it('a build command that cannot be found fails with the shell’s message', async () => {
    const { builder } = await setup('definitely-not-a-site-builder --out somewhere');
    const result = await builder.build(['x']);
    expect(result).toMatchObject({ ok: false, reason: 'exited with code 127' });
    if (!result.ok) expect(result.stderrTail).toContain('not found');
  });

  it('aborting kills the whole build, helpers included, and removes its directory', async () => {
    const dataDir = await temporaryDir('builder');
    const pidFile = join(dataDir, 'helper.pid');
    // A build that starts a long-lived helper process, as Astro starts workers.
    const script = `const { spawn } = require('node:child_process'); const fs = require('node:fs');
      const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      fs.writeFileSync(${JSON.stringify(pidFile)}, String(helper.pid)); setInterval(() => {}, 1000);`;
    const builder = createBuilder({
      dataDir,
      command: { kind: 'argv', file: process.execPath, args: ['-e', script] },
      hubUrl: 'http://127.0.0.1:9/graphql',
      timeoutMs: 60_000,
    });
    const building = builder.build(['x']);
    const helperPid = await eventually(async () => Number(await readFile(pidFile, 'utf8')) || undefined, { what: 'the helper' });
    expect(await isRunning(helperPid)).toBe(true);
    builder.abort();
    expect(await building).toMatchObject({ ok: false, reason: 'stopped because the publisher is shutting down' });
    await eventually(async () => !(await isRunning(helperPid)), { what: 'the helper to die' });
    expect(await readdir(join(dataDir, 'builds'))).toEqual([]);
  });

  it('with prestart, the next build waits ahead of time and reads the hub only once asked to build', async () => {
    const { dataDir, control, builder } = await setup(undefined, { prestart: true });
    await control.setData('before');
    const first = await builder.build(['notice.published']);
    expect(first.ok).toBe(true);
    const pid = await waitingBuild(control);
    expect(await isRunning(pid)).toBe(true);
    expect(await control.buildsStarted()).toBe(1);
    const waiting = await eventually(() => builder.prepared()?.ready && builder.prepared(), { what: 'the next build to be ready' });
    expect(waiting.id > first.id).toBe(true);

    await control.setData('after');
    const second = await builder.build(['notice.corrected']);
    expect(second).toMatchObject({ ok: true, reasons: ['notice.corrected'] });
    const home = await readFile(join(dataDir, 'builds', second.id, 'index.html'), 'utf8');
    expect(home).toContain('Build 2');
    expect(home).toContain('<p id="data">after</p>');
    expect(await readCurrentBuildId(dataDir)).toBe(second.id);
    // The second build was the process started ahead of time, and another now waits for the next.
    expect(await isRunning(pid)).toBe(false);
    await waitingBuild(control, [pid]);
    builder.abort();
  });

  it('a build started ahead of time that died is replaced by a fresh build, with a warning', async () => {
    const { dataDir, control, builder, warnings } = await setup(undefined, { prestart: true });
    await builder.build(['first']);
    const pid = await waitingBuild(control);
    process.kill(pid, 'SIGKILL');
    await eventually(async () => !(await isRunning(pid)), { what: 'the waiting build to die' });
    // If the builder has not yet seen the exit, it takes the dead process and that build fails (the scheduler
    // would retry it; through the shell the kill reads as exit code 137); once it has, it warns and starts a fresh
    // build at once. Either way a fresh build follows.
    const first = await builder.build(['second']);
    const result = first.ok ? first : await builder.build(['second, again']);
    if (first.ok) expect(warnings.some((warning) => warning.includes('ended before its start signal'))).toBe(true);
    else expect(first, JSON.stringify(first)).toMatchObject({ reason: expect.stringMatching(/killed by SIGKILL|exited with code 137/) });
    expect(result.ok).toBe(true);
    expect(await readFile(join(dataDir, 'builds', result.id, 'index.html'), 'utf8')).toContain('Build 2');
    builder.abort();
  });

  it('aborting stops the build waiting for its start signal too', async () => {
    const { control, builder } = await setup(undefined, { prestart: true });
    await builder.build(['first']);
    const pid = await waitingBuild(control);
    builder.abort();
    await eventually(async () => !(await isRunning(pid)), { what: 'the waiting build to stop' });
    expect(await control.buildsStarted()).toBe(1);
  });

  it('watches for the very words the site build prints once compiled and waiting', async () => {
    const gate = await readFile(new URL('../../../../site/src/lib/build-gate.ts', import.meta.url), 'utf8');
    const readyLine = /export const READY_LINE = '([^']+)'/.exec(gate)?.[1];
    expect(readyLine).toContain(READY_MARKER);
  });

  it('a build that ignores SIGTERM after its timeout is killed with SIGKILL', async () => {
    const dataDir = await temporaryDir('builder');
    const builder = createBuilder({
      dataDir,
      command: { kind: 'argv', file: process.execPath, args: ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"] },
      hubUrl: 'http://127.0.0.1:9/graphql',
      timeoutMs: 300,
      killGraceMs: 300,
    });
    expect(await builder.build(['x'])).toMatchObject({ ok: false, reason: 'timed out after 300 ms' });
    expect(await readdir(join(dataDir, 'builds'))).toEqual([]);
  });
});
