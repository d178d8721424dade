import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { createPublisher, type Publisher } from './server.js';
import { eventually, postWebhook, signedDelivery, TEST_SECRET } from './testing/harness.js';

// The publisher with real child processes speaking the site renderer's protocol and the indexer's arguments
// (test-fixtures/fake-site-renderer.mjs, fake-search-index.mjs, steered by flag files): the slow path's search index
// and slow pages (indicators…) are made beside the releases, so an event never waits for them, and they catch up
// with every event.

const FAKE_RENDERER = fileURLToPath(new URL('../test-fixtures/fake-site-renderer.mjs', import.meta.url));
const FAKE_INDEXER = fileURLToPath(new URL('../test-fixtures/fake-search-index.mjs', import.meta.url));

describe('the slow path beside the releases', () => {
  let dataDir: string;
  let control: string;
  let publisher: Publisher;
  let url: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'publisher-slow-path-'));
    control = await mkdtemp(join(tmpdir(), 'publisher-slow-path-control-'));
    process.env.FAKE_RENDERER_CONTROL = control;
    const config = parseConfig({
      PUBLISHER_PORT: '0',
      WEBHOOK_SECRET: TEST_SECRET,
      PUBLISHER_DATA_DIR: dataDir,
      PUBLISHER_QUIET_MS: '50',
      PUBLISHER_MAX_WAIT_MS: '1000',
      PUBLISHER_SLOW_PATH_DELAY_MS: '100',
      PUBLISHER_FULL_BUILD_AT: 'never',
      PUBLISHER_LOG_LEVEL: 'silent',
      HUB_URL: 'http://127.0.0.1:9/graphql',
    });
    publisher = createPublisher({
      ...config,
      renderer: { file: process.execPath, args: [FAKE_RENDERER] },
      searchIndexer: { file: process.execPath, args: [FAKE_INDEXER] },
    });
    ({ url } = await publisher.listen());
  });

  afterEach(async () => {
    await publisher.close();
    delete process.env.FAKE_RENDERER_CONTROL;
    await rm(dataDir, { recursive: true, force: true });
    await rm(control, { recursive: true, force: true });
  });

  const publish = (reference: string) =>
    postWebhook(
      url,
      signedDelivery({ body: JSON.stringify({ type: 'notice.published', timestamp: new Date().toISOString(), data: { reference } }) }),
    );
  const deliver = (type: string, data: Record<string, unknown>, sequence: number) =>
    postWebhook(url, signedDelivery({ body: JSON.stringify({ type, timestamp: new Date().toISOString(), sequence, data }) }));
  const served = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    return response.status === 200 ? response.text() : null;
  };

  it('serves an event published while the search index is being made without waiting for it, and the index catches up', async () => {
    publisher.triggerBuild('first build');
    await eventually(() => publisher.status().current?.release?.kind === 'full', { what: 'the first build online' });

    await writeFile(join(control, 'hold-index'), '');
    expect((await publish('2026-DRA-0001')).status).toBe(202);
    await eventually(() => publisher.status().searchIndexing, { what: 'the slow path to start indexing' });
    const indexed = publisher.status().searchIndexing!.from;

    // The indexer holds: the next event is released and served all the same.
    expect((await publish('2026-DRA-0002')).status).toBe(202);
    await eventually(() => served('/avis/2026-DRA-0002/'), { what: 'the second notice served' });
    expect(publisher.status().searchIndexing).toMatchObject({ from: indexed });
    expect(publisher.status().current?.release?.kind).toBe('incremental');

    // Once the index is made, a release takes it; then the slow path runs again for what it did not cover.
    await rm(join(control, 'hold-index'));
    await eventually(async () => (await served('/pagefind/pages.txt'))?.includes('2026-DRA-0001'), { what: 'the first index online' });
    await eventually(async () => (await served('/pagefind/pages.txt')) === '2026-DRA-0001\n2026-DRA-0002\n', { what: 'the index to catch up' });
    await eventually(
      () => {
        const status = publisher.status();
        return !status.building && status.eventsWaiting === 0 && status.searchIndexing === null && status.nextSlowPathAt === null;
      },
      { what: 'the slow path to be done' },
    );
    expect(publisher.status().totals).toMatchObject({ buildsSucceeded: 3, buildsFailed: 0, searchReleases: 2 });
  });

  it('keeps the site online when the indexer fails, and tries again after the next delay', async () => {
    publisher.triggerBuild('first build');
    await eventually(() => publisher.status().current?.release?.kind === 'full', { what: 'the first build online' });
    await writeFile(join(control, 'fail-index'), '');
    await publish('2026-DRA-0001');
    await eventually(() => served('/avis/2026-DRA-0001/'), { what: 'the notice served' });
    const online = publisher.status().current!.id;
    // It failed (its run is in the requests' log) and the slow path is armed again.
    await eventually(() => readFile(join(control, 'requests'), 'utf8').then((text) => text.includes('search-index')), { what: 'the indexer to run' });
    await eventually(() => publisher.status().searchIndexing === null && publisher.status().nextSlowPathAt !== null, { what: 'the slow path armed again' });
    expect(publisher.status().current!.id).toBe(online);
    await rm(join(control, 'fail-index'));
    await eventually(async () => (await served('/pagefind/pages.txt')) === '2026-DRA-0001\n', { what: 'the index online after the retry' });
  });

  it('serves a publication while the slow pages are being rendered beside the releases, then moves them in without rendering them in the queue', async () => {
    publisher.triggerBuild('first build');
    await eventually(() => publisher.status().current?.release?.kind === 'full', { what: 'the first build online' });

    await writeFile(join(control, 'indicators'), 'Indicateurs du 1er');
    await writeFile(join(control, 'hold-slow'), '');
    expect((await publish('2026-DRA-0001')).status).toBe(202);
    await eventually(() => readFile(join(control, 'preparing-slow'), 'utf8').catch(() => null), { what: 'the slow pages to be under way' });
    expect(publisher.status().searchIndexing).toMatchObject({ slowPages: true });

    // The renderer holds the slow pages: the next publication is released and served all the same.
    expect((await publish('2026-DRA-0002')).status).toBe(202);
    await eventually(() => served('/avis/2026-DRA-0002/'), { what: 'the second notice served' });
    expect(publisher.status().current?.release?.kind).toBe('incremental');
    expect(publisher.status().searchIndexing).toMatchObject({ slowPages: true });
    expect(await served('/indicateurs/')).toBeNull();

    // Once made, the slow-path release moves them in; the requests say it did not render them itself. The second
    // slow path (for the publication made during the first) renders them again, beside the releases too.
    await writeFile(join(control, 'indicators'), 'Indicateurs du 2');
    await rm(join(control, 'hold-slow'));
    await eventually(
      () => {
        const status = publisher.status();
        return !status.building && status.eventsWaiting === 0 && status.searchIndexing === null && status.nextSlowPathAt === null && status.totals.searchReleases === 2;
      },
      { what: 'the slow path to be done' },
    );
    expect(await served('/indicateurs/')).toContain('Indicateurs du 2');
    const requests = (await readFile(join(control, 'requests'), 'utf8')).split('\n');
    const searches = requests.filter((line) => line.startsWith('search '));
    expect(searches).toHaveLength(2);
    expect(requests.filter((line) => line.startsWith('prepare-slow'))).toHaveLength(2);
    for (const line of searches) expect(line).toContain('with prepared slow pages');
    expect(publisher.status().lastSlowPathFailure).toBeNull();
  });

  it('keeps the site online when the slow pages fail, says why in /status, and tries again after the next delay', async () => {
    publisher.triggerBuild('first build');
    await eventually(() => publisher.status().current?.release?.kind === 'full', { what: 'the first build online' });
    await writeFile(join(control, 'fail-slow'), '');
    await publish('2026-DRA-0001');
    await eventually(() => served('/avis/2026-DRA-0001/'), { what: 'the notice served' });
    const online = publisher.status().current!.id;
    await eventually(() => publisher.status().lastSlowPathFailure, { what: 'the slow path to fail' });
    expect(publisher.status().lastSlowPathFailure!.reason).toContain('the indicators could not be read');
    expect(publisher.status().current!.id).toBe(online);
    expect(await served('/indicateurs/')).toBeNull();
    await rm(join(control, 'fail-slow'));
    await eventually(async () => (await served('/indicateurs/'))?.includes('Indicateurs'), { what: 'the slow pages online after the retry' });
    expect(publisher.status().lastSlowPathFailure).toBeNull();
  });

  it('follows an event that changes only the slow pages beside the releases, with no release rendering them in the queue, and the next event of the sequence stays incremental', async () => {
    publisher.triggerBuild('first build');
    await eventually(() => publisher.status().current?.release?.kind === 'full', { what: 'the first build online' });
    const idle = () => {
      const status = publisher.status();
      return !status.building && status.eventsWaiting === 0 && status.searchIndexing === null && status.nextSlowPathAt === null;
    };
    expect((await deliver('notice.published', { reference: '2026-DRA-0001' }, 1)).status).toBe(202);
    await eventually(() => served('/avis/2026-DRA-0001/'), { what: 'the notice served' });
    await eventually(() => idle() && publisher.status().totals.searchReleases === 1, { what: 'the slow path after the publication' });

    // A training changes: the slow pages are prepared beside the renderer's queue, then moved in.
    await writeFile(join(control, 'indicators'), 'Formations de décembre');
    expect((await deliver('training.updated', { id: 'formation-1' }, 2)).status).toBe(202);
    await eventually(async () => (await served('/indicateurs/'))?.includes('Formations de décembre'), { what: 'the slow pages online' });
    await eventually(() => idle(), { what: 'the slow path to be done' });
    const searches = (await readFile(join(control, 'requests'), 'utf8')).split('\n').filter((line) => line.startsWith('search '));
    expect(searches).toHaveLength(2);
    for (const line of searches) expect(line).toContain('with prepared slow pages');

    // The training's number (2) counts as seen: the next publication is no gap.
    expect((await deliver('notice.published', { reference: '2026-DRA-0002' }, 3)).status).toBe(202);
    await eventually(() => served('/avis/2026-DRA-0002/'), { what: 'the second notice served' });
    expect(publisher.status().current?.release?.kind).toBe('incremental');
    const requests = (await readFile(join(control, 'requests'), 'utf8')).split('\n');
    expect(requests.filter((line) => line.startsWith('full'))).toHaveLength(1);
  });
});
