// Compiling the site into a server bundle whose entry exports the site renderer (src/render/), and the steps a
// release needs after rendering: the search index and the atomic move into place. Used by build.mjs (one full
// build) and renderer.mjs (the publisher's long-lived renderer).
import { spawn } from 'node:child_process';
import { access, cp, link, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compressAsWritten, precompress } from '../precompress.mjs';
import { manifestOf, noticePages, readManifest, referenceOf, SEARCH_SHARDS, shardOf, shardPath, writeShardsFiles } from './search-shards.mjs';

export const siteRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The notice pages, `avis/<reference>/index.html`: the facet pages sit one level deeper. */
const NOTICE_PAGES_GLOB = 'avis/*/index.html';

/**
 * Runs `astro build` as a server bundle in `workDir` (under the site's root, so the bundle resolves the site's
 * dependencies) and loads it: `{ renderer, clientDir }`. Reads nothing from the hub. The compilation runs in a child
 * process: Vite, Rollup and esbuild stay loaded in a process once they have been, and the publisher's renderer lives
 * for days holding the site's data — without them it starts from about 100 MiB instead of about 340.
 */
export async function compileSite(workDir, { logLevel = process.env.SITE_BUILD_LOG_LEVEL || 'warn' } = {}) {
  // Astro would otherwise report anonymous usage over the network at each build.
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  process.env.SITE_SERVER_BUILD = '1';
  // What Vite sets for a production build, set here too: the bundle renders in this process, not in Vite's.
  process.env.NODE_ENV ??= 'production';
  // Rendered charts kept between builds (src/lib/chart-cache.ts); SITE_CHART_CACHE_DIR moves or, set empty, disables it.
  process.env.SITE_CHART_CACHE_DIR ??= path.join(siteRoot, '.build', 'cache', 'charts');
  process.chdir(siteRoot);
  const outDir = path.join(workDir, 'dist');
  const options = { root: siteRoot, outDir, cacheDir: path.join(workDir, 'cache'), logLevel };
  const script = `const { build } = await import('astro'); await build(${JSON.stringify(options)});`;
  // Astro logs on standard output: on this process's standard error, where renderer.mjs keeps its logs.
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: siteRoot, env: process.env, stdio: ['ignore', 2, 2] });
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal));
  });
  if (code !== 0) throw new Error(`astro build failed (${code}); its messages are above`);
  const entry = await import(pathToFileURL(path.join(outDir, 'server', 'entry.mjs')).href);
  if (!entry.renderer) throw new Error('the server build does not export the site renderer');
  return { renderer: entry.renderer, clientDir: path.join(outDir, 'client') };
}

/**
 * How much V8 lets the renderer's old generation grow past what the last full collection kept, in percent
 * (`SITE_HEAP_GROWING_PERCENT`; 0 leaves V8's own choice). V8 picks 10 % to 300 % from how fast it collects against
 * how fast the program allocates; a renderer allocates fast, so it took nearly 300 %: at 50,000 notices its heap grew
 * to 2.2 GB for 352 MB live. Bounding the growth collects more often instead, and never fails a build the way a heap
 * limit would once the territory's data outgrew it.
 */
export const HEAP_GROWING_PERCENT = 50;

/** Applies HEAP_GROWING_PERCENT (or `SITE_HEAP_GROWING_PERCENT`) to this process; returns the percent applied. */
export function boundHeapGrowth(percent = Number(process.env.SITE_HEAP_GROWING_PERCENT ?? HEAP_GROWING_PERCENT)) {
  if (!Number.isInteger(percent) || percent < 0) throw new Error(`SITE_HEAP_GROWING_PERCENT must be a whole number of percent, not ${process.env.SITE_HEAP_GROWING_PERCENT}`);
  // V8 reads it at each full collection, when it sets the next one's threshold.
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}

/** A private directory for one compilation, under the site's root. */
export async function makeWorkDir() {
  await mkdir(path.join(siteRoot, '.build'), { recursive: true });
  return mkdtemp(path.join(siteRoot, '.build', 'run-'));
}

/**
 * Writes Pagefind's index of the notice pages of `dir` into `outputPath` (`dir/pagefind/` unless told otherwise: the
 * publisher's slow path indexes the live release into a directory of its own); returns the pages indexed.
 */
export async function indexForSearch(dir, outputPath = path.join(dir, 'pagefind')) {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
    if (errors.length > 0 || !index) throw new Error(`Pagefind: ${errors.join('; ')}`);
    // Only notice pages carry `data-pagefind-body`, so only they are indexed; reading just those files spares
    // Pagefind parsing the list, facet and archive pages that repeat the same notices (a third of the HTML).
    let added = await index.addDirectory({ path: dir, glob: NOTICE_PAGES_GLOB });
    // A territory without any public notice yet still gets a working (if empty-handed) search page: Pagefind then
    // indexes every page, as it does when no page has `data-pagefind-body`.
    if (added.errors.length === 0 && added.page_count === 0) added = await index.addDirectory({ path: dir });
    if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
    if (added.page_count === 0) throw new Error('Pagefind found no page to index');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

/** What Pagefind may read outside a page's `data-pagefind-body` element: its title (the first h1), image and tags. */
const READ_OUTSIDE_BODY = /<h1|<img|data-pagefind-/;

/**
 * What Pagefind needs of a notice page: its head and the element marked `data-pagefind-body`, the only part it
 * indexes when a page has one (the header, menus and footer around it are a third of the page, which Pagefind's
 * process would otherwise receive base64-encoded and parse for nothing): the index is the same, byte for byte. A page
 * shaped otherwise (no such article, two of them, or anything Pagefind reads around it) is given whole.
 */
export function searchablePart(html) {
  const bodyAt = html.indexOf('<body');
  const start = html.indexOf('<article data-pagefind-body');
  const end = html.lastIndexOf('</article>') + '</article>'.length;
  if (bodyAt < 0 || start < bodyAt || end < start || html.indexOf('data-pagefind-body', start + 10) >= 0) return html;
  const bodyOpen = html.indexOf('>', bodyAt) + 1;
  if (READ_OUTSIDE_BODY.test(html.slice(bodyOpen, start)) || READ_OUTSIDE_BODY.test(html.slice(end))) return html;
  return `${html.slice(0, bodyOpen)}${html.slice(start, end)}</body></html>`;
}

/** How many pages of a shard are on their way to Pagefind's process at once (read, then sent base64-encoded). */
const PAGES_IN_FLIGHT = 32;

/**
 * Writes the search index of `pages` (`{ file, reference }`, relative to `dir`), one shard after another: each
 * shard's pages are read from `dir` and handed to a Pagefind index of their own, in the order given, then the index
 * is written into `outDir` and deleted before the next shard starts, so Pagefind's process holds one shard at a time
 * (a sixteenth of the notices) instead of all of them (3 GiB at 50,000 notices). The shards written are `shards`
 * (shard 0, the primary bundle with the search UI, even without pages); an index of the same pages in the same order
 * is the same, byte for byte, whichever way it was made. Returns the page counts of every shard.
 */
export async function indexShardsInTurn(pagefind, dir, pages, shards, outDir = dir, stopped = () => false) {
  const byShard = Array.from({ length: SEARCH_SHARDS }, () => []);
  for (const page of pages) byShard[shardOf(page.reference)].push(page.file);
  for (const shard of shards) {
    const files = byShard[shard];
    if (shard !== 0 && files.length === 0) continue;
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
    if (errors.length > 0 || !index) throw new Error(`Pagefind: ${errors.join('; ')}`);
    try {
      const inFlight = [];
      const failed = [];
      const settle = (result) => failed.push(...result.errors);
      const broke = (error) => failed.push(error instanceof Error ? error.message : String(error));
      for (const file of files) {
        // A build that failed meanwhile closes Pagefind: its process is not started again for this one.
        if (stopped()) throw new Error('the search index was stopped');
        const html = await readFile(path.join(dir, file), 'utf8');
        // Sent in order without waiting for each answer (Pagefind's process takes them in turn), a few at a time.
        inFlight.push(index.addHTMLFile({ sourcePath: file, content: searchablePart(html) }).then(settle, broke));
        if (inFlight.length >= PAGES_IN_FLIGHT) await inFlight.shift();
      }
      await Promise.all(inFlight);
      if (failed.length > 0) throw new Error(`Pagefind: ${failed.join('; ')}`);
      const written = await index.writeFiles({ outputPath: path.join(outDir, shardPath(shard)) });
      if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
    } finally {
      if (!stopped()) await index.deleteIndex();
    }
  }
  return byShard.map((files) => files.length);
}

/** The index of a release without any notice page: every page, in shard 0 (its manifest says so). */
async function indexEveryPage(dir, outDir) {
  const indexed = await indexForSearch(dir, path.join(outDir, 'pagefind'));
  await writeShardsFiles(outDir, { ...manifestOf([]), everyPage: true });
  return indexed;
}

/**
 * Pagefind's index of a full build, in shards (search-shards.mjs), into `dir/pagefind/` with its manifest: `add` notes
 * each file written (a notice page's reference, in the order written: the order Pagefind takes them in), `start(dir,
 * written)` begins indexing the notice pages noted so far once `written` says they are on disk — shard after shard
 * (indexShardsInTurn), in Pagefind's process on the other core while the other routes render, fed by a worker thread
 * of its own (search-index-worker.mjs: the renderer's thread, busy rendering, seldom turned to the pages' reads and
 * Pagefind's answers, so the index was made after the last route) —, `finish(dir)` waits for it and writes the
 * manifest, and returns the pages indexed. A build with no notice page indexes every page instead (in shard 0), as
 * Pagefind does without `data-pagefind-body`.
 */
export async function searchIndexAsWritten() {
  const pages = [];
  let worker;
  let indexing;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // The indexing stops at its next page, Pagefind's process ends, then the thread.
    worker?.postMessage('stop');
    await indexing?.catch(() => undefined);
    await worker?.terminate();
  };
  const start = (dir, written = Promise.resolve()) => {
    if (indexing || pages.length === 0) return;
    const noted = pages.slice();
    indexing = written.then(
      () =>
        new Promise((resolve, reject) => {
          if (closed) return reject(new Error('the search index was stopped'));
          worker = new Worker(new URL('./search-index-worker.mjs', import.meta.url));
          worker.once('message', ({ counts, error }) => (error === undefined ? resolve(counts) : reject(new Error(error))));
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`the search index's thread ended (${code}) before the index was written`)));
          worker.postMessage({ dir, pages: noted, shards: [...Array(SEARCH_SHARDS).keys()] });
        }),
    );
    // Awaited in finish; a rejection is not left unhandled meanwhile.
    indexing.catch(() => undefined);
  };
  return {
    add(file) {
      const reference = referenceOf(file);
      if (reference === null) return;
      if (indexing) throw new Error(`the search index was started before the notice page ${file}`);
      pages.push({ file, reference });
    },
    start,
    async finish(dir) {
      try {
        if (pages.length === 0) {
          await close();
          return indexEveryPage(dir, dir);
        }
        start(dir);
        await indexing;
        // The pages' versions as written (inodes), for the slow path to know which shards it must index again.
        await writeShardsFiles(dir, manifestOf(await noticePages(dir)));
        return pages.length;
      } finally {
        await close();
      }
    },
    close,
  };
}

/**
 * The slow path's search index of the release `dir`, made into `outDir` (search-index.mjs): the shards whose notice
 * pages changed since the release's own index (its manifest's digests) indexed again, the others hard-linked from
 * the release's index. Returns `{ indexed, reindexed }`: the pages the index holds, and the shards made again.
 */
export async function indexChangedShards(dir, outDir) {
  const pages = await noticePages(dir);
  if (pages.length === 0) return { indexed: await indexEveryPage(dir, outDir), reindexed: [0] };
  const manifest = manifestOf(pages);
  const previous = await readManifest(dir);
  const reusable = previous !== null && previous.shards === SEARCH_SHARDS && !previous.everyPage;
  const reindexed = [...manifest.digests.keys()].filter((shard) => !reusable || previous.digests[shard] !== manifest.digests[shard]);
  const unchanged = [...manifest.digests.keys()].filter((shard) => !reindexed.includes(shard) && manifest.pages[shard] > 0);
  // Shard 0 holds the others' directories: only its own files are its own.
  for (const shard of unchanged) await linkShard(path.join(dir, shardPath(shard)), path.join(outDir, shardPath(shard)), shard === 0);
  if (reindexed.length > 0 || !unchanged.includes(0)) {
    const pagefind = await import('pagefind');
    try {
      await indexShardsInTurn(pagefind, dir, pages, unchanged.includes(0) ? reindexed : [0, ...reindexed], outDir);
    } finally {
      await pagefind.close();
    }
  }
  await writeShardsFiles(outDir, manifest);
  return { indexed: pages.length, reindexed };
}

/** Hard-links a shard's files (and their pre-compressed copies) into `to`; shard 0's nested shards left out. */
async function linkShard(from, to, topOnly) {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (topOnly && entry.name.startsWith('shard-')) continue;
      await linkShard(path.join(from, entry.name), path.join(to, entry.name), false);
    } else if (entry.isFile() && !entry.name.startsWith('shards.js')) {
      // shards.js (and its compressed copies) is written anew with the index.
      await link(path.join(from, entry.name), path.join(to, entry.name));
    }
  }
}

/** Moves a finished build to `target` in one rename, copying first when they are on different file systems. */
export async function moveInto(built, target) {
  await mkdir(path.dirname(target), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}.staging-`));
  await rm(staging, { recursive: true });
  try {
    await rename(built, staging);
  } catch (error) {
    if (error.code !== 'EXDEV') throw error;
    await cp(built, staging, { recursive: true });
  }
  const previous = `${staging}.previous`;
  let hadPrevious = true;
  try {
    await rename(target, previous);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    hadPrevious = false;
  }
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadPrevious) await rename(previous, target);
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}

/** Pages whose absence means the build is not a site, whatever Astro says. */
export const REQUIRED_FILES = ['index.html', 'avis/index.html', '404.html', 'sitemap.xml', 'flux/avis.xml', 'robots.txt', 'favicon.svg'];

/**
 * A whole site rendered into `outDir` (empty), for build.mjs and the renderer's `full` command: each page is written
 * and compressed by a worker thread as soon as it is rendered (beside the renderer, whose thread then waits on no file
 * of a page: each mkdir, open and write of 11,000 pages did); once the notice pages are written Pagefind indexes them,
 * shard after shard, while the other routes render; then the required files are checked, the search index finished
 * and the rest compressed. `afterRenderMs`: Pagefind and compression once the
 * last page was rendered.
 */
export async function renderWholeSite(renderer, options) {
  try {
    return await renderWholeSiteOnce(renderer, options);
  } catch (error) {
    // The hub's pages of notices did not add up (its data changed while they were read): the notice pages rendered
    // and indexed as they arrived may be stale, and Pagefind cannot take a page back, so the build starts again
    // from nothing, once — as the site's reading of the hub tries once more (src/lib/hub/load.ts).
    if (!(error instanceof Error) || error.name !== 'HubDataChangedError') throw error;
    await rm(options.outDir, { recursive: true, force: true });
    // The official files asked for ahead (officialFetch) are asked for again, after the data that changed.
    return renderWholeSiteOnce(renderer, { ...options, officialFetch: undefined });
  }
}

async function renderWholeSiteOnce(renderer, { hubUrl, outDir, clientDir, now, officialFetch }) {
  const search = await searchIndexAsWritten();
  const compressing = compressAsWritten();
  try {
    const stats = await renderer.buildFull({
      hubUrl,
      outDir,
      clientDir,
      now,
      officialFetch,
      writeRoute: async (route, body) => {
        search.add(route.file);
        await compressing.write(path.join(outDir, route.file), body);
      },
      // The open-data files, written by the renderer as they render: compressed from disk, as streams when large.
      fileWritten: async (route) => {
        search.add(route.file);
        await compressing.addFile(path.join(outDir, route.file));
      },
      // The notice pages come first: Pagefind indexes them, once written, while the other routes render.
      noticePagesRendered: () => search.start(outDir, compressing.writtenSoFar()),
    });
    const rendered = performance.now();
    await compressing.written();
    for (const file of REQUIRED_FILES) await access(path.join(outDir, file));
    const indexed = await search.finish(outDir);
    const compressed = await precompress(outDir, compressing);
    return { stats, indexed, compressed, afterRenderMs: performance.now() - rendered };
  } finally {
    // Both end their helpers (Pagefind's process, the compression threads) whatever happened.
    await search.close();
    await compressing.finish().catch(() => undefined);
  }
}
