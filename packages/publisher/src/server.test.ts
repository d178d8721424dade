import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  postWebhook,
  settled,
  signedDelivery,
  startTestPublisher,
  type TestPublisher,
  removeTemporaryDirs,
} from './testing/harness.js';
import { FakeClock } from './testing/fake-clock.js';

afterAll(removeTemporaryDirs);

const running: TestPublisher[] = [];

async function start(...args: Parameters<typeof startTestPublisher>) {
  const started = await startTestPublisher(...args);
  running.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((publisher) => publisher.close()));
});

async function homePage(site: TestPublisher): Promise<{ status: number; text: string }> {
  const response = await fetch(`${site.url}/`);
  return { status: response.status, text: await response.text() };
}

async function firstBuild(site: TestPublisher): Promise<void> {
  site.publisher.triggerBuild('first build');
  await eventually(async () => (await homePage(site)).text.includes('Build 1'), { what: 'build 1 online' });
  await settled(site.publisher);
}

/** Spaces events in real time, so that some arrive while a real build process runs. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('publishing', () => {
  it('twenty events within a second cause one build, after the quiet period that follows the last', async () => {
    // Default quiet period and maximum wait, as in production, on a clock the test moves.
    const clock = new FakeClock(Date.now());
    const site = await start({ env: { PUBLISHER_QUIET_MS: '500', PUBLISHER_MAX_WAIT_MS: '5000' }, options: { clock } });
    for (let i = 0; i < 20; i++) {
      expect((await postWebhook(site.url, signedDelivery({ type: `notice.updated` }))).status).toBe(202);
      await clock.advance(40);
    }
    await clock.advance(459);
    expect(site.publisher.status()).toMatchObject({ building: false, eventsWaiting: 20 });
    await clock.advance(1);
    expect(site.publisher.status()).toMatchObject({ building: true, eventsWaiting: 0 });
    await settled(site.publisher);
    await clock.advance(5_000);
    expect(site.publisher.status()).toMatchObject({ building: false, eventsWaiting: 0, nextBuildAt: null });
    expect(await site.control.buildsStarted()).toBe(1);
    expect(site.publisher.status().totals.eventsAccepted).toBe(20);
  });

  it('an event arriving during a build causes exactly one more build', async () => {
    const site = await start();
    await site.control.set('hold');
    site.publisher.triggerBuild('first');
    await eventually(() => site.publisher.status().running, { what: 'build 1 to start' });
    for (let i = 0; i < 3; i++) await postWebhook(site.url, signedDelivery({ type: 'notice.corrected' }));
    expect(site.publisher.status()).toMatchObject({ building: true, eventsWaiting: 3, waitingReasons: ['notice.corrected'] });
    await site.control.clear('hold');
    await eventually(async () => (await homePage(site)).text.includes('Build 2'), { what: 'build 2 online' });
    // Settled: no build runs, none is waiting or due for a retry, so nothing can start a third one.
    expect(await settled(site.publisher)).toMatchObject({ nextBuildAt: null, nextRetryAt: null, eventsWaiting: 0 });
    expect(await site.control.buildsStarted()).toBe(2);
    expect(site.publisher.status().lastSuccess?.reasons).toEqual(['notice.corrected']);
  });

  it('never runs two builds at once', async () => {
    const site = await start({ env: { PUBLISHER_QUIET_MS: '0', PUBLISHER_MAX_WAIT_MS: '0' } });
    for (let i = 0; i < 15; i++) {
      await postWebhook(site.url, signedDelivery());
      await pause(30);
    }
    await settled(site.publisher);
    expect(await site.control.buildsStarted()).toBeGreaterThan(1);
    expect(await site.control.overlapped()).toBe(false);
  });

  it('a failing build leaves the previous site online, is reported, and is retried until it succeeds', async () => {
    const site = await start();
    await firstBuild(site);
    await site.control.set('fail');
    await postWebhook(site.url, signedDelivery({ type: 'notice.cancelled' }));
    const failed = await eventually(() => site.publisher.status().lastFailure, { what: 'a failure' });
    expect(failed.reason).toBe('exited with code 1');
    expect(failed.stderrTail).toContain('failed on purpose');
    expect(failed.reasons).toEqual(['notice.cancelled']);
    const home = await homePage(site);
    expect(home.status).toBe(200);
    expect(home.text).toContain('Build 1');
    // The failed build's partial directory is gone; only build 1 remains.
    const builds = await readdir(join(site.dataDir, 'builds'), { withFileTypes: true });
    expect(builds.filter((entry) => entry.isDirectory())).toHaveLength(1);

    await eventually(() => (site.publisher.status().consecutiveFailures >= 2 ? true : undefined), { what: 'a retry' });
    expect(site.publisher.status().nextRetryAt).not.toBeNull();
    await site.control.clear('fail');
    await eventually(async () => /Build \d+/.exec((await homePage(site)).text)?.[0] !== 'Build 1' || undefined, {
      what: 'a retry to succeed',
    });
    const status = await settled(site.publisher);
    expect(status.consecutiveFailures).toBe(0);
    expect(status.lastSuccess?.reasons).toEqual(['retry']);
  });

  it('a build that produces no index.html counts as failed', async () => {
    const site = await start();
    await firstBuild(site);
    await site.control.set('no-index');
    site.publisher.triggerBuild('no index');
    const failure = await eventually(() => site.publisher.status().lastFailure, { what: 'a failure' });
    expect(failure.reason).toBe('the build produced no index.html');
    expect((await homePage(site)).text).toContain('Build 1');
  });

  it('a build running past its timeout is killed and reported', async () => {
    const site = await start({ env: { PUBLISHER_BUILD_TIMEOUT_MS: '500' } });
    await site.control.set('hold');
    site.publisher.triggerBuild('too slow');
    const failure = await eventually(() => site.publisher.status().lastFailure, { what: 'the timeout' });
    expect(failure.reason).toBe('timed out after 500 ms');
    expect((await homePage(site)).status).toBe(503);
  });

  it('a slow build never exposes a half-written site', async () => {
    const site = await start();
    await firstBuild(site);
    await site.control.set('hold');
    site.publisher.triggerBuild('slow');
    await eventually(() => site.publisher.status().running, { what: 'build 2 to start' });
    const seen = new Set<string>();
    let polls = 0;
    const poll = async () => {
      const page = await homePage(site);
      polls++;
      expect(page.status).toBe(200);
      expect(page.text.trimEnd().endsWith('</html>')).toBe(true);
      seen.add(/Build \d+/.exec(page.text)?.[0] ?? 'none');
      return page.text;
    };
    for (let i = 0; i < 40; i++) await poll();
    expect(seen).toEqual(new Set(['Build 1']));
    await site.control.clear('hold');
    await eventually(async () => (await poll()).includes('Build 2'), { what: 'build 2 online', intervalMs: 5 });
    expect(seen).toEqual(new Set(['Build 1', 'Build 2']));
    expect(polls).toBeGreaterThan(40);
  });

  it('keeps the last three builds for rollback and deletes older ones', async () => {
    const site = await start({ env: { PUBLISHER_QUIET_MS: '0', PUBLISHER_MAX_WAIT_MS: '0' } });
    for (let n = 1; n <= 5; n++) {
      site.publisher.triggerBuild(`build ${n}`);
      await eventually(async () => (await homePage(site)).text.includes(`Build ${n}`), { what: `build ${n}` });
      await settled(site.publisher);
    }
    const entries = await readdir(join(site.dataDir, 'builds'), { withFileTypes: true });
    const dirs = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    expect(dirs).toHaveLength(3);
    expect(dirs.at(-1)).toBe(site.publisher.status().current?.id);
  });

  const STATUS_TOKEN = 'operator-token-0123456789abcdef';
  const statusAs = async (site: TestPublisher, token?: string) =>
    (await (await fetch(`${site.url}/status`, { headers: token ? { authorization: `Bearer ${token}` } : {} })).json()) as Record<string, unknown>;

  it('status reports the current build, the last success and the last failure to the operator’s token', async () => {
    const site = await start({ env: { PUBLISHER_STATUS_TOKEN: STATUS_TOKEN } });
    await firstBuild(site);
    await site.control.set('fail');
    site.publisher.triggerBuild('will fail');
    await eventually(() => site.publisher.status().lastFailure, { what: 'a failure' });
    const status = await statusAs(site, STATUS_TOKEN);
    expect(status).toMatchObject({
      current: { id: expect.any(String), startedAt: expect.any(String), finishedAt: expect.any(String), durationMs: expect.any(Number) },
      lastSuccess: { reasons: ['first build'] },
      lastFailure: { reasons: ['will fail'], reason: 'exited with code 1', stderrTail: expect.stringContaining('failed on purpose') },
      consecutiveFailures: 1,
      nextRetryAt: expect.any(String),
      totals: { eventsAccepted: 0, buildsSucceeded: 1, buildsFailed: 1, searchReleases: 0 },
    });
    expect(status.current).toEqual(status.lastSuccess);
  });

  it('status tells anyone else only whether the site is online, how fresh, and whether builds fail', async () => {
    const site = await start({ env: { PUBLISHER_STATUS_TOKEN: STATUS_TOKEN, HUB_URL: 'http://hub.internal:4000/graphql' } });
    await firstBuild(site);
    await site.control.set('fail');
    site.publisher.triggerBuild('will fail');
    await eventually(() => site.publisher.status().lastFailure, { what: 'a failure' });
    for (const token of [undefined, 'wrong-token-0123456789abcdef', `${STATUS_TOKEN}x`]) {
      const response = await fetch(`${site.url}/status`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        online: true,
        updatedAt: site.publisher.status().current!.finishedAt,
        building: false,
        lastBuild: 'failed',
        consecutiveFailures: 1,
        pagesWithSectionsLeftOut: [],
        details: expect.stringContaining('PUBLISHER_STATUS_TOKEN'),
      });
      for (const secret of [site.dataDir, 'hub.internal', 'failed on purpose', 'will fail']) expect(text).not.toContain(secret);
    }
  });

  it('without a configured token, nobody gets the details over HTTP', async () => {
    const site = await start();
    await firstBuild(site);
    const status = await statusAs(site, 'anything-0123456789abcdef-anything');
    expect(status).not.toHaveProperty('current');
    expect(status).toMatchObject({ online: true, lastBuild: 'succeeded' });
  });

  it('reports the sections a build left out, with the hub’s error for the operator and the page for anyone', async () => {
    const site = await start({ env: { PUBLISHER_STATUS_TOKEN: STATUS_TOKEN } });
    const leftOut = [
      { page: '/indicateurs/', what: 'les indicateurs de l’année 1900', error: 'year must be between 2000 and 2100 [BAD_USER_INPUT]' },
    ];
    await site.control.setLeftOut(leftOut);
    await firstBuild(site);
    expect((await statusAs(site, STATUS_TOKEN)).leftOut).toEqual(leftOut);
    const summary = await statusAs(site);
    expect(summary.pagesWithSectionsLeftOut).toEqual(['/indicateurs/']);
    expect(JSON.stringify(summary)).not.toContain('BAD_USER_INPUT');
    // And after a restart, from the build online.
    await site.close();
    const again = await start({ dataDir: site.dataDir, control: site.control, env: { PUBLISHER_STATUS_TOKEN: STATUS_TOKEN } });
    expect((await statusAs(again, STATUS_TOKEN)).leftOut).toEqual(leftOut);
  });

  it('passes the hub URL to the build', async () => {
    const site = await start({ env: { HUB_URL: 'http://127.0.0.1:4999/graphql' } });
    await firstBuild(site);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(join(site.control.dir, 'hub-urls'), 'utf8')).toBe('http://127.0.0.1:4999/graphql\n');
  });
});

describe('restarts', () => {
  it('serves the build that was online before the restart, with its status', async () => {
    const first = await start();
    await firstBuild(first);
    const before = first.publisher.status().current;
    await first.close();
    const second = await start({ dataDir: first.dataDir, control: first.control });
    expect((await homePage(second)).text).toContain('Build 1');
    expect(second.publisher.status().current).toEqual(before);
  });

  it('rebuilds at start when events were accepted after the online build began', async () => {
    const first = await start();
    await firstBuild(first);
    await first.control.set('hold');
    await postWebhook(first.url, signedDelivery());
    await eventually(async () => (await first.control.buildsStarted()) === 2, { what: 'build 2 to start' });
    await first.close(); // kills build 2: the event is not online yet
    await first.control.clear('hold');
    const second = await start({ dataDir: first.dataDir, control: first.control });
    await eventually(async () => (await homePage(second)).text.includes('Build 3'), { what: 'the catch-up build' });
  });

  it('removes directories left by a build that was interrupted', async () => {
    const dataDir = join((await start()).dataDir);
    await running.pop()?.close();
    await mkdir(join(dataDir, 'builds', '2020-01-01T00-00-00-000Z-dead', 'avis'), { recursive: true });
    await writeFile(join(dataDir, 'builds', '2020-01-01T00-00-00-000Z-dead', 'index.html'), '<!doctype html><p>half');
    await start({ dataDir });
    expect(await readdir(join(dataDir, 'builds'))).toEqual([]);
  });
});
