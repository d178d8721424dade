import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReleaseBuilder } from './release-builder.js';
import type { ReleaseItem } from './release-plan.js';
import { completeBuildIds, readCurrentBuildId } from './site-swap.js';
import { eventually } from '../../../hub/src/test-support/eventually.js';

// The release builder with a real child process speaking the site renderer's protocol
// (test-fixtures/fake-site-renderer.mjs): which schedule each release takes, and what a failure leaves online.

const FAKE_RENDERER = fileURLToPath(new URL('../../test-fixtures/fake-site-renderer.mjs', import.meta.url));
const FAKE_INDEXER = fileURLToPath(new URL('../../test-fixtures/fake-search-index.mjs', import.meta.url));
const published = (reference: string): ReleaseItem => ({ type: 'notice.published', data: { reference } });

describe('releases through the long-lived site renderer', () => {
  let dataDir: string;
  let control: string;
  let builder: ReturnType<typeof createReleaseBuilder>;
  const warnings: string[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'publisher-release-'));
    control = await mkdtemp(join(tmpdir(), 'publisher-renderer-control-'));
    process.env.FAKE_RENDERER_CONTROL = control;
    warnings.length = 0;
    builder = createReleaseBuilder({
      dataDir,
      hubUrl: 'http://127.0.0.1:1/graphql',
      renderer: { file: process.execPath, args: [FAKE_RENDERER] },
      searchIndexer: { file: process.execPath, args: [FAKE_INDEXER] },
      timeoutMs: 30_000,
      onWarning: (message) => warnings.push(message),
    });
  });

  afterEach(async () => {
    builder.close();
    delete process.env.FAKE_RENDERER_CONTROL;
    await rm(dataDir, { recursive: true, force: true });
    await rm(control, { recursive: true, force: true });
  });

  const requests = async () => (await readFile(join(control, 'requests'), 'utf8')).split('\n').filter(Boolean).map((line) => line.trim());
  const online = async (path: string) => readFile(join(dataDir, 'current', path), 'utf8');

  it('builds everything first, then renders only the notices events name, from the release online', async () => {
    const first = await builder.build(['start'], undefined, [published('2026-DRA-0001')]);
    expect(first).toMatchObject({ ok: true, release: { kind: 'full', why: expect.stringContaining('start-up') } });
    const second = await builder.build(['notice.published'], undefined, [published('2026-DRA-0002')]);
    expect(second).toMatchObject({ ok: true, release: { kind: 'incremental', routesRendered: 2, renderedRoutes: ['/', '/avis/2026-DRA-0002/'] } });
    // Made from a copy of the full build prepared while the publisher waited (nothing changed since: no file re-linked).
    expect(await requests()).toEqual(['full', `notices 2026-DRA-0002 recycling spare-of-${first.id} ()`]);
    expect(await readCurrentBuildId(dataDir)).toBe(second.id);
    await expect(online('avis/2026-DRA-0002/index.html')).resolves.toContain('2026-DRA-0002');
    // The release's metadata tells how it was made.
    const metadata = JSON.parse(await readFile(join(dataDir, 'builds', `${second.id}.json`), 'utf8'));
    expect(metadata.release).toMatchObject({ kind: 'incremental', phases: { read: 1, render: 1 } });
  });

  it('falls back to a full build when an incremental step fails, leaving the site online untouched meanwhile', async () => {
    const first = await builder.build(['start'], undefined, [{ full: 'start' }]);
    await writeFile(join(control, 'fail-incremental'), '');
    await writeFile(join(control, 'data'), 'Après la reprise');
    const second = await builder.build(['notice.corrected'], undefined, [published('2026-DRA-0001')]);
    expect(second).toMatchObject({ ok: true, release: { kind: 'full', why: expect.stringContaining('the incremental release failed') } });
    expect(warnings.join('\n')).toContain('falling back to a full build');
    expect(await requests()).toEqual(['full', `notices 2026-DRA-0001 recycling spare-of-${first.id} ()`, 'full']);
    await expect(online('index.html')).resolves.toContain('Après la reprise');
    expect(second.id).not.toBe(first.id);
  });

  it('keeps the site online when the incremental step and the full build both fail, and builds everything next time', async () => {
    const first = await builder.build(['start'], undefined, [{ full: 'start' }]);
    await writeFile(join(control, 'fail-incremental'), '');
    await writeFile(join(control, 'fail-full'), '');
    const failed = await builder.build(['notice.corrected'], undefined, [published('2026-DRA-0001')]);
    expect(failed).toMatchObject({ ok: false, reason: 'cannot reach the hub (on purpose)', stderrTail: expect.stringContaining('cannot reach the hub') });
    expect(await readCurrentBuildId(dataDir)).toBe(first.id);
    await rm(join(control, 'fail-incremental'));
    await rm(join(control, 'fail-full'));
    // The renderer's data may not be that of the site online any more: the next release is a full one.
    const next = await builder.build(['notice.corrected'], undefined, [published('2026-DRA-0001')]);
    expect(next).toMatchObject({ ok: true, release: { kind: 'full' } });
  });

  it('builds everything for an event it does not know, and after the renderer was restarted', async () => {
    await builder.build(['start'], undefined, [{ full: 'start' }]);
    const unknown = await builder.build(['organisation.updated'], undefined, [{ type: 'organisation.updated', data: { siren: '1' } }]);
    expect(unknown).toMatchObject({ ok: true, release: { kind: 'full', why: expect.stringContaining('organisation.updated') } });
    builder.abort();
    const restarted = createReleaseBuilder({
      dataDir,
      hubUrl: 'http://127.0.0.1:1/graphql',
      renderer: { file: process.execPath, args: [FAKE_RENDERER] },
      timeoutMs: 30_000,
    });
    try {
      const after = await restarted.build(['notice.published'], undefined, [published('2026-DRA-0003')]);
      expect(after).toMatchObject({ ok: true, release: { kind: 'full' } });
    } finally {
      restarted.close();
    }
  });

  it('makes later releases from the oldest kept one, re-linking only what changed since, and keeps three on disk', async () => {
    await builder.build(['start'], undefined, [{ full: 'start' }]);
    const first = await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
    await builder.build(['notice.published'], undefined, [published('2026-DRA-0002')]);
    // Three complete releases now: the full one is brought level with what the two since changed.
    const third = await builder.build(['notice.published'], undefined, [published('2026-DRA-0003')]);
    expect(third).toMatchObject({ ok: true, release: { kind: 'incremental', copy: { kind: 'recycled', files: 3 } } });
    // The first two after the full build start from a copy made while the publisher waited (no older one to recycle).
    expect(first).toMatchObject({ release: { copy: { kind: 'spare', files: 0 } } });
    const [, , , recycling] = await requests();
    expect(recycling).toMatch(/^notices 2026-DRA-0003 recycling \S+ \(avis\/2026-DRA-0001\/index.html avis\/2026-DRA-0002\/index.html index.html\)$/);
    // Then the oldest is the first incremental one, with what the two after it changed.
    await builder.build(['notice.published'], undefined, [published('2026-DRA-0004')]);
    expect((await requests())[4]).toBe(`notices 2026-DRA-0004 recycling ${first.id} (avis/2026-DRA-0002/index.html avis/2026-DRA-0003/index.html index.html)`);
    for (const reference of ['2026-DRA-0001', '2026-DRA-0002', '2026-DRA-0003', '2026-DRA-0004']) {
      await expect(online(`avis/${reference}/index.html`)).resolves.toContain(reference);
    }
    const builds = (await readdir(join(dataDir, 'builds'))).filter((name) => !name.endsWith('.json'));
    expect(builds).toHaveLength(3);
  });

  it('makes a release from a full copy again after a full build: what a full build changed is not known', async () => {
    await builder.build(['start'], undefined, [{ full: 'start' }]);
    await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
    await builder.build(['notice.published'], undefined, [published('2026-DRA-0002')]);
    await builder.build(['organisation.updated'], undefined, [{ type: 'organisation.updated', data: { siren: '1' } }]);
    await builder.build(['notice.published'], undefined, [published('2026-DRA-0003')]);
    const [full] = await completeBuildIds(dataDir).then((ids) => ids.slice(-2));
    expect((await requests()).slice(3)).toEqual(['full', `notices 2026-DRA-0003 recycling spare-of-${full} ()`]);
  });

  it('starts the release after a full build from a copy made while it waited, not by linking every file then', async () => {
    const full = await builder.build(['start'], undefined, [{ full: 'start' }]);
    // The copy is made in the background once the full build is online.
    await eventually(() => builder.prepared()?.ready === true, { what: 'the spare copy' });
    expect(builder.prepared()).toEqual({ id: `spare-of-${full.id}`, ready: true });
    await expect(readFile(join(dataDir, 'spares', `spare-of-${full.id}`, 'index.html'), 'utf8')).resolves.toContain('Accueil');
    const next = await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
    expect(next).toMatchObject({ ok: true, release: { kind: 'incremental', copy: { kind: 'spare', from: full.id, files: 0 } } });
    expect((await requests()).at(-1)).toBe(`notices 2026-DRA-0001 recycling spare-of-${full.id} ()`);
    // Renamed into place: nothing left beside the releases.
    expect(await readdir(join(dataDir, 'spares'))).toEqual([]);
    await expect(online('avis/2026-DRA-0001/index.html')).resolves.toContain('2026-DRA-0001');
    // The full build stays as it was, for rollback.
    await expect(readFile(join(dataDir, 'builds', full.id, 'index.html'), 'utf8')).resolves.toContain('Accueil');
    await expect(access(join(dataDir, 'builds', full.id, 'avis'))).rejects.toThrow();
  });

  it('makes such a copy after each release until three are kept, then recycles the oldest instead', async () => {
    const full = await builder.build(['start'], undefined, [{ full: 'start' }]);
    const second = await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
    const third = await builder.build(['notice.published'], undefined, [published('2026-DRA-0002')]);
    expect(third).toMatchObject({ ok: true, release: { copy: { kind: 'spare', from: second.id, files: 0 } } });
    await expect(online('avis/2026-DRA-0001/index.html')).resolves.toContain('2026-DRA-0001');
    await expect(online('avis/2026-DRA-0002/index.html')).resolves.toContain('2026-DRA-0002');
    // Three releases kept: the next one recycles the full build, and no copy is made for it.
    expect((await readdir(join(dataDir, 'spares')).catch(() => [])).filter((name) => name.includes(full.id))).toEqual([]);
    const fourth = await builder.build(['notice.published'], undefined, [published('2026-DRA-0003')]);
    expect(fourth).toMatchObject({ ok: true, release: { copy: { kind: 'recycled', from: full.id } } });
  });

  it('takes the slow path from the release online when only it waits', async () => {
    await builder.build(['start'], undefined, [{ full: 'start' }]);
    await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
    const slow = await builder.build(['search index'], undefined, [{ slow: 'search index' }]);
    expect(slow).toMatchObject({ ok: true, release: { kind: 'search' } });
    await expect(online('avis/2026-DRA-0001/index.html')).resolves.toContain('2026-DRA-0001');
  });

  describe('the slow path’s search index, made beside the releases', () => {
    const indexerStarted = () => eventually(() => access(join(control, 'indexing')).then(() => true, () => false), { what: 'the indexer to start' });

    it('releases events while the index is being made, keeps the release it reads, and the next release takes the index', async () => {
      await builder.build(['start'], undefined, [{ full: 'start' }]);
      const source = await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
      await writeFile(join(control, 'hold-index'), '');
      const preparing = builder.prepareSearchIndex();
      await indexerStarted();
      expect(builder.searchIndexing()).toMatchObject({ from: source.id });
      const sourceFiles = await readdir(join(dataDir, 'builds', source.id), { recursive: true });
      // Three releases while the indexer holds: each goes online at once, none is made from the release it reads.
      for (const reference of ['2026-DRA-0002', '2026-DRA-0003', '2026-DRA-0004']) {
        const during = await builder.build(['notice.published'], undefined, [published(reference)]);
        expect(during).toMatchObject({ ok: true, release: { kind: 'incremental' } });
        expect(await readCurrentBuildId(dataDir)).toBe(during.id);
      }
      expect(builder.searchIndexing()).toMatchObject({ from: source.id });
      expect(await completeBuildIds(dataDir)).toContain(source.id);
      expect(await readdir(join(dataDir, 'builds', source.id), { recursive: true })).toEqual(sourceFiles);
      expect((await requests()).filter((line) => line.includes(`recycling ${source.id}`))).toEqual([]);

      await rm(join(control, 'hold-index'));
      const outcome = await preparing;
      expect(outcome).toMatchObject({ ok: true, searchIndex: { from: source.id } });
      expect(builder.searchIndexing()).toBeNull();
      if (!outcome?.ok) return;
      const slow = await builder.build(['search index'], undefined, [{ slow: 'search index', searchIndex: outcome.searchIndex }]);
      expect(slow).toMatchObject({ ok: true, release: { kind: 'search' } });
      // The index of the release it read: the notices published since wait for the next one.
      expect(await online('pagefind/pages.txt')).toBe('2026-DRA-0001\n');
      await expect(online('avis/2026-DRA-0004/index.html')).resolves.toContain('2026-DRA-0004');
      expect((await requests()).at(-1)).toMatch(/^search .* with a prepared index with prepared slow pages$/);
      // Taken, the prepared index leaves nothing behind.
      expect(await readdir(join(dataDir, 'search'))).toEqual([]);
    });

    it('lets a release with events take a finished index too', async () => {
      await builder.build(['start'], undefined, [{ full: 'start' }]);
      await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
      const outcome = await builder.prepareSearchIndex();
      if (!outcome?.ok) throw new Error(`no index: ${JSON.stringify(outcome)}`);
      const next = await builder.build(['notice.published', 'search index'], undefined, [published('2026-DRA-0002'), { slow: 'search index', searchIndex: outcome.searchIndex }]);
      expect(next).toMatchObject({ ok: true, release: { kind: 'incremental' } });
      expect(await online('pagefind/pages.txt')).toBe('2026-DRA-0001\n');
    });

    it('leaves the site online as it was when the indexer fails, and removes what it wrote', async () => {
      await builder.build(['start'], undefined, [{ full: 'start' }]);
      const live = await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
      await writeFile(join(control, 'fail-index'), '');
      const outcome = await builder.prepareSearchIndex();
      expect(outcome).toMatchObject({ ok: false, reason: expect.stringContaining('Pagefind failed (on purpose)') });
      expect(await readCurrentBuildId(dataDir)).toBe(live.id);
      expect(await readdir(join(dataDir, 'search'))).toEqual([]);
      expect(builder.searchIndexing()).toBeNull();
    });

    it('drops an index a full build made obsolete while it was being made', async () => {
      await builder.build(['start'], undefined, [{ full: 'start' }]);
      await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
      await writeFile(join(control, 'hold-index'), '');
      const preparing = builder.prepareSearchIndex();
      await indexerStarted();
      const full = await builder.build(['organisation.updated'], undefined, [{ type: 'organisation.updated', data: { siren: '1' } }]);
      expect(full).toMatchObject({ ok: true, release: { kind: 'full' } });
      // The full build stops the indexer (its own index is fresher).
      expect(await preparing).toMatchObject({ ok: false });
      expect(await readdir(join(dataDir, 'search'))).toEqual([]);
    });
  });

  describe('the slow path’s pages, rendered beside the releases', () => {
    const slowPagesStarted = () => eventually(() => access(join(control, 'preparing-slow')).then(() => true, () => false), { what: 'the slow pages to start' });

    it('releases events while the renderer makes the slow pages, and the slow-path release moves them in without rendering them', async () => {
      await builder.build(['start'], undefined, [{ full: 'start' }]);
      const source = await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
      await writeFile(join(control, 'indicators'), 'Indicateurs à jour');
      await writeFile(join(control, 'hold-slow'), '');
      const preparing = builder.prepareSearchIndex();
      await slowPagesStarted();
      expect(builder.searchIndexing()).toMatchObject({ from: source.id, slowPages: true });
      for (const reference of ['2026-DRA-0002', '2026-DRA-0003']) {
        const during = await builder.build(['notice.published'], undefined, [published(reference)]);
        expect(during).toMatchObject({ ok: true, release: { kind: 'incremental' } });
        expect(await readCurrentBuildId(dataDir)).toBe(during.id);
      }
      await expect(online('indicateurs/index.html')).rejects.toThrow();

      await rm(join(control, 'hold-slow'));
      const outcome = await preparing;
      if (!outcome?.ok) throw new Error(`nothing prepared: ${JSON.stringify(outcome)}`);
      expect(outcome.searchIndex.slowPages).toBeDefined();
      const slow = await builder.build(['search index'], undefined, [{ slow: 'search index', searchIndex: outcome.searchIndex }]);
      expect(slow).toMatchObject({ ok: true, release: { kind: 'search' } });
      await expect(online('indicateurs/index.html')).resolves.toContain('Indicateurs à jour');
      await expect(online('avis/2026-DRA-0003/index.html')).resolves.toContain('2026-DRA-0003');
      expect((await requests()).at(-1)).toMatch(/^search .* with a prepared index with prepared slow pages$/);
      expect(await readdir(join(dataDir, 'search'))).toEqual([]);
    });

    it('leaves the site online as it was when the slow pages fail, and removes what was prepared', async () => {
      await builder.build(['start'], undefined, [{ full: 'start' }]);
      const live = await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
      await writeFile(join(control, 'fail-slow'), '');
      const outcome = await builder.prepareSearchIndex();
      expect(outcome).toMatchObject({ ok: false, reason: expect.stringContaining('the indicators could not be read (on purpose)') });
      expect(await readCurrentBuildId(dataDir)).toBe(live.id);
      expect(await readdir(join(dataDir, 'search'))).toEqual([]);
      expect(builder.searchIndexing()).toBeNull();
    });

    it('follows an event that changes only the slow pages beside the releases once it holds the data online, its number counted as seen', async () => {
      const training = (sequence: number) => ({ type: 'training.updated', data: { id: 'f-1' }, sequence });
      // Nothing online yet: the event goes the releases' way (a full build comes first).
      expect(builder.followBeside(training(1))).toBe(false);
      await builder.build(['start'], undefined, [{ full: 'start' }]);
      expect(builder.followBeside({ type: 'notice.published', data: { reference: '2026-DRA-0001' }, sequence: 1 })).toBe(false);
      const first = await builder.build(['notice.published'], undefined, [{ ...published('2026-DRA-0001'), sequence: 1 }]);
      expect(first).toMatchObject({ ok: true, release: { kind: 'incremental' } });
      expect(builder.followBeside(training(2))).toBe(true);
      expect(builder.followBeside(training(3))).toBe(true);
      // A number past a gap goes the releases' way: their plan builds everything.
      expect(builder.followBeside(training(5))).toBe(false);
      const next = await builder.build(['notice.published'], undefined, [{ ...published('2026-DRA-0002'), sequence: 4 }]);
      expect(next).toMatchObject({ ok: true, release: { kind: 'incremental' } });
      const gap = await builder.build(['notice.published'], undefined, [{ ...published('2026-DRA-0003'), sequence: 6 }]);
      expect(gap).toMatchObject({ ok: true, release: { kind: 'full', why: "a gap in the hub's event sequence (4 then 6)" } });
    });

    it('renders the slow pages in the release itself for an event that changes only them (nothing was prepared beside it)', async () => {
      await builder.build(['start'], undefined, [{ full: 'start' }]);
      await builder.build(['notice.published'], undefined, [published('2026-DRA-0001')]);
      const slow = await builder.build(['training.created'], undefined, [{ type: 'training.created', data: {} }]);
      expect(slow).toMatchObject({ ok: true, release: { kind: 'search' } });
      await expect(online('indicateurs/index.html')).resolves.toContain('Indicateurs');
      expect((await requests()).at(-1)).not.toContain('with prepared slow pages');
    });
  });
});