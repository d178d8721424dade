import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft, login, BUYER_EMAIL, signCharterIfNeeded } from '../e2e/support/staff.js';
import { chromiumAvailable, launchChromium } from '../../packages/hub/src/test-support/chromium.js';
import { serveStatic } from './support/static-server.js';
import { graphql, startSeededHub, type RunningHub } from './support/hub-process.js';
import { startSiteRenderer, type SiteRendererProcess } from './support/site-renderer.js';
import { chooseRecycled, type MadeRelease } from '../../packages/publisher/src/build/recycling.js';

// One renderer, two schedules, proven equal: the same hub data rendered by a full build, and by a full build
// followed by incremental releases (one per event, as the publisher makes them, each from the one before) and the
// slow path (its search index made apart from the live release by search-index.mjs, as the publisher makes it),
// must give the same files, byte for byte, search index aside (Pagefind's files are not byte-stable
// between identical builds: its page count is compared, and the same queries, run in Chromium through each site's
// own pagefind.js, must find the same pages) and the date the hub stamps on its OCDS package. Both schedules render as of one instant, so the pages'
// "à jour au" line and days left are the same; the events are drawn at random from a seeded generator and printed.
// PARITY_SEED=<n> replays a run's events; PARITY_KEEP=1 keeps every release directory to compare by hand.

const SEED = Number(process.env.PARITY_SEED ?? Date.now() % 100_000);
const SEARCH_INDEX_SCRIPT = fileURLToPath(new URL('../../site/scripts/search-index.mjs', import.meta.url));
const execFileAsync = promisify(execFile);
const EVENTS = 8;

function generator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

/** Every file under `dir`, relative, sorted. */
async function everyFile(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Every file under `dir`, relative, sorted; the search index (its shards and their manifest) aside. */
async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith(`pagefind${path.sep}`) && file !== '.search-shards.json')
    .sort();
}

function sameOcdsPackage(a: Buffer, b: Buffer): boolean {
  const undated = (bytes: Buffer) => {
    const { publishedDate: _publishedDate, ...rest } = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    return rest;
  };
  return JSON.stringify(undated(a)) === JSON.stringify(undated(b));
}

/** Where two texts part, with some context from each: the failure then says what differs, not only where. */
function firstDifference(incremental: Buffer, full: Buffer): string {
  const [a, b] = [incremental.toString('utf8'), full.toString('utf8')];
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 80), at + 80));
  return `    incremental: ${around(a)}\n    full:        ${around(b)}`;
}

/**
 * The pages each query finds in the site served from `dir`, as the search page's script finds them: the site's own
 * `/pagefind/pagefind.js` in Chromium. Each query's result URLs, sorted.
 */
async function searchResults(dir: string, queries: readonly string[]): Promise<Record<string, string[]>> {
  const site = await serveStatic(dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}/recherche/`);
    // As text: the test's own module transform would rewrite a dynamic import() written in a function. The index is
    // in shards: the page's /pagefind/shards.js names the primary bundle and the others, merged as the search UI does.
    return (await page.evaluate(`(async (asked) => {
      const [primary, ...others] = globalThis.searchShards;
      const pagefind = await import(primary + 'pagefind.js');
      for (const bundlePath of others) await pagefind.mergeIndex(bundlePath);
      const found = {};
      for (const query of asked) {
        const { results } = await pagefind.search(query);
        found[query] = (await Promise.all(results.map(async (result) => (await result.data()).url))).sort();
      }
      return found;
    })(${JSON.stringify(queries)})`)) as Record<string, string[]>;
  } finally {
    await browser.close();
    await site.close();
  }
}

/** The pages of every shard of the index (pagefind/ and pagefind/shard-<n>/), by their own entry files. */
async function pageCount(dir: string): Promise<number> {
  const entries = (await everyFile(path.join(dir, 'pagefind'))).filter((file) => path.basename(file) === 'pagefind-entry.json');
  let pages = 0;
  for (const file of entries) {
    const entry = JSON.parse(await readFile(path.join(dir, 'pagefind', file), 'utf8')) as { languages: Record<string, { page_count: number }> };
    pages += Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  }
  return pages;
}

describe('the incremental schedule against the full build', { timeout: 900_000 }, () => {
  let hub: RunningHub;
  let renderer: SiteRendererProcess;
  let workDir: string;
  let token: string;
  const now = new Date().toISOString();

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'site-parity-'));
    hub = await startSeededHub();
    token = await login(hub.graphqlUrl, BUYER_EMAIL);
    await signCharterIfNeeded(hub.graphqlUrl, token);
    renderer = await startSiteRenderer(hub.graphqlUrl);
  }, 900_000);

  afterAll(async () => {
    await renderer?.stop();
    await hub?.stop();
    if (workDir && !process.env.PARITY_KEEP) await rm(workDir, { recursive: true, force: true });
    else if (workDir) console.info(`parity: releases kept in ${workDir}`);
  });

  const published: string[] = [];
  const publishNew = async (title: string) => {
    const reference = await createDraft(hub.graphqlUrl, token, { title });
    await graphql(hub.graphqlUrl, 'mutation($r: String!) { publishNotice(reference: $r) { reference } }', { r: reference }, token);
    published.push(reference);
    return reference;
  };
  const correct = (reference: string, title: string) =>
    graphql(
      hub.graphqlUrl,
      'mutation($r: String!, $i: NoticeCorrectionInput!) { correctNotice(reference: $r, input: $i) { reference } }',
      { r: reference, i: { title, reason: 'Erreur de saisie dans l’intitulé.' } },
      token,
    );
  const cancel = (reference: string) =>
    graphql(
      hub.graphqlUrl,
      'mutation($r: String!, $reason: String!) { cancelNotice(reference: $r, reason: $reason) { reference } }',
      { r: reference, reason: 'Besoin abandonné par la commune.' },
      token,
    );

  /** Files of a live release that changed when the next was made from it, or that a release changed unsaid. */
  const touchedLive: string[] = [];

  it('gives byte for byte the files of a full build of the same data', async () => {
    const random = generator(SEED);
    console.info(`parity: seed ${SEED} (PARITY_SEED=${SEED} replays it)`);
    // Releases are made as the publisher makes them (packages/publisher/src/build/release-builder.ts): three kept
    // on disk, each new one from the oldest of them when it qualifies (recycling.ts), else hard-linked in full.
    const KEEP = 3;
    const made = new Map<string, MadeRelease>();
    const onDisk: string[] = [];
    let liveId = 'release-0';
    const first = await renderer.send({ command: 'full', outDir: path.join(workDir, liveId), now });
    expect(first, renderer.output()).toMatchObject({ ok: true, kind: 'full' });
    made.set(liveId, { parent: null, changed: null });
    onDisk.push(liveId);
    const fullRoutes = first.routes!;

    let pendingSlow: { from: string; pages: string; made: Promise<unknown>; index: Promise<string> } | null = null;
    const release = async (id: string, request: Record<string, unknown>, kind: string, context: string) => {
      const live = path.join(workDir, liveId);
      const watched = ['index.html', 'avis/index.html', 'sitemap.xml'];
      const before = await Promise.all(watched.map((file) => readFile(path.join(live, file))));
      // The release the slow path is preparing from is kept as it is (as the publisher spares it).
      const recycled = chooseRecycled(made, liveId, onDisk, KEEP, new Set(pendingSlow ? [pendingSlow.from] : []));
      if (recycled) onDisk.splice(onDisk.indexOf(recycled.id), 1);
      const recycle = recycled ? { recycle: { dir: path.join(workDir, recycled.id), changed: recycled.changed } } : {};
      const answer = await renderer.send({ ...request, liveDir: live, outDir: path.join(workDir, id), now, ...recycle });
      expect(answer, `${context}\n${renderer.output()}`).toMatchObject({ ok: true, kind });
      const after = await Promise.all(watched.map((file) => readFile(path.join(live, file))));
      watched.forEach((file, index) => {
        if (!before[index]!.equals(after[index]!)) touchedLive.push(`${liveId}/${file}`);
      });
      // Recycled or hard-linked, the new release is the live one but for the files it says it changed (search index
      // included): a file it changed without saying so would linger in the releases later made from this one.
      const unchanged = (file: string) => !answer.changed!.includes(file.replace(/\.(br|gz)$/, ''));
      const [liveFiles, newFiles] = await Promise.all([everyFile(live), everyFile(path.join(workDir, id))]);
      expect(newFiles.filter(unchanged), context).toEqual(liveFiles.filter(unchanged));
      for (const file of newFiles.filter(unchanged)) {
        const [a, b] = await Promise.all([readFile(path.join(live, file)), readFile(path.join(workDir, id, file))]);
        if (!a.equals(b)) touchedLive.push(`${id}/${file} differs from ${liveId} but is not among the files it changed`);
      }
      made.set(id, { parent: liveId, changed: answer.changed ?? null });
      onDisk.push(id);
      for (const old of onDisk.slice(0, Math.max(0, onDisk.length - KEEP))) {
        if (old === pendingSlow?.from) continue;
        onDisk.splice(onDisk.indexOf(old), 1);
        await rm(path.join(workDir, old), { recursive: true, force: true });
      }
      liveId = id;
      return { answer, recycledFrom: recycled?.id };
    };

    // The slow path's index, made apart from the live release as the publisher makes it (search-index.mjs).
    // Only the shards whose notice pages changed are indexed again (out of 16): never the whole index.
    const prepareSearchIndex = async (from: string) => {
      const prepared = path.join(workDir, `index-of-${from}`);
      const { stdout } = await execFileAsync(process.execPath, [SEARCH_INDEX_SCRIPT, path.join(workDir, from), prepared]);
      const { reindexed } = JSON.parse(stdout) as { reindexed: number[] };
      console.info(`parity: the slow path indexed again shards ${reindexed.join(', ')} of 16`);
      expect(reindexed.length).toBeGreaterThan(0);
      expect(reindexed.length).toBeLessThan(16);
      return prepared;
    };

    // The slow path as the publisher runs it: its pages rendered by the renderer beside the releases (`prepare-slow`,
    // not queued) and its search index by search-index.mjs, both from the release online when it starts; the release
    // after takes them both.
    const startSlowPath = (from: string) => {
      const pages = path.join(workDir, `slow-pages-of-${from}`);
      const made = renderer.send({ command: 'prepare-slow', liveDir: path.join(workDir, from), outDir: pages, now });
      return { from, pages, made, index: prepareSearchIndex(from) };
    };
    const takeSlowPath = async (id: string, slowPath: { pages: string; made: Promise<unknown>; index: Promise<string> }, context: string) => {
      expect(await slowPath.made, `${context}\n${renderer.output()}`).toMatchObject({ ok: true, kind: 'prepare-slow' });
      const searchIndex = await slowPath.index;
      await release(id, { command: 'search', slowPages: slowPath.pages, searchIndex }, 'search', context);
      await rm(slowPath.pages, { recursive: true, force: true });
    };

    const log: string[] = [];
    const rendered: number[] = [];
    let recycledReleases = 0;
    for (let step = 1; step <= EVENTS; step++) {
      const draw = random();
      let references: string[];
      if (published.length === 0 || draw < 0.45) {
        references = [await publishNew(`Marché d’essai ${step} : entretien des espaces verts`)];
        log.push(`publish ${references[0]}`);
      } else if (draw < 0.8) {
        const reference = published[Math.floor(random() * published.length)]!;
        // Two events for the same notice in a row, one release: it must end with the latest state.
        await correct(reference, `Marché d’essai corrigé ${step}a`);
        await correct(reference, `Marché d’essai corrigé ${step}b`);
        references = [reference, reference];
        log.push(`correct twice ${reference}`);
      } else {
        const reference = published.splice(Math.floor(random() * published.length), 1)[0]!;
        await cancel(reference);
        references = [reference];
        log.push(`cancel ${reference}`);
      }
      const { answer, recycledFrom } = await release(`release-${step}`, { command: 'notices', references }, 'incremental', log.join(', '));
      if (recycledFrom) recycledReleases++;
      // Only what the event may move: never every notice page.
      expect(answer.routes!).toBeLessThan(fullRoutes);
      rendered.push(answer.routes!);
      if (pendingSlow) {
        // The slow path started before this event's release, taken after it: its pages were made from an older
        // release, while this one was rendered; later releases are made from releases older than its search index.
        await takeSlowPath(`release-${step}-slow`, pendingSlow, log.join(', '));
        pendingSlow = null;
        log.push('slow path (made beside the release before)');
      }
      if (step === EVENTS / 2) pendingSlow = startSlowPath(liveId);
    }
    // Most releases were made from an older one, as the publisher makes them once three are kept.
    expect(recycledReleases).toBeGreaterThanOrEqual(EVENTS - 3);
    await takeSlowPath('release-slow', startSlowPath(liveId), log.join(', '));
    const slow = path.join(workDir, 'release-slow');
    console.info(`parity: ${log.join(', ')}`);
    console.info(`parity: routes rendered by each release ${rendered.join(', ')}, of ${fullRoutes} in a full build`);

    const full = path.join(workDir, 'release-full');
    expect(await renderer.send({ command: 'full', outDir: full, now }), renderer.output()).toMatchObject({ ok: true, kind: 'full' });

    const incrementalFiles = await filesOf(slow);
    const fullFiles = await filesOf(full);
    expect(incrementalFiles).toEqual(fullFiles);
    const different: string[] = [];
    for (const file of fullFiles) {
      const [a, b] = await Promise.all([readFile(path.join(slow, file)), readFile(path.join(full, file))]);
      if (a.equals(b)) continue;
      // The hub's OCDS package, republished as it is, dates itself (publishedDate) when the hub exports it: the two
      // downloads are seconds apart. Everything else in it must match; its compressed copies follow it.
      if (file === path.join('donnees', 'ocds.json') && sameOcdsPackage(a, b)) continue;
      if (file.startsWith(path.join('donnees', 'ocds.json.'))) continue;
      different.push(/\.(br|gz)$/.test(file) ? file : `${file}\n${firstDifference(a, b)}`);
    }
    expect(different, `seed ${SEED}: ${log.join(', ')}`).toEqual([]);
    expect(await pageCount(slow)).toBe(await pageCount(full));
    // The same pages in each shard (the manifest's digests name the pages' inodes: they differ between the two).
    const shardPages = async (dir: string) => (JSON.parse(await readFile(path.join(dir, '.search-shards.json'), 'utf8')) as { pages: number[] }).pages;
    expect(await shardPages(slow)).toEqual(await shardPages(full));
    if (chromiumAvailable()) {
      // The words of the events' titles (published, corrected twice, cancelled) and of the seeded notices.
      const queries = ['essai', 'corrigé', `corrigé ${EVENTS}b`, 'entretien espaces verts', 'voirie', 'travaux', 'fournitures', 'nettoyage', 'restauration', 'transport', ...published];
      const [incremental, rebuilt] = [await searchResults(slow, queries), await searchResults(full, queries)];
      expect(incremental, `seed ${SEED}: ${log.join(', ')}`).toEqual(rebuilt);
      // Not an empty comparison: the published notices are found.
      expect(incremental['essai']!.length, JSON.stringify(incremental)).toBeGreaterThan(0);
    }
  });

  it('leaves each live release untouched and says every file it changed, so a release can be made from an older one', () => {
    expect(touchedLive).toEqual([]);
  });
});
