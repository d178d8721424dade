// Compiling the site into a server bundle whose entry exports the site renderer (src/render/), and the steps a
// release needs after rendering: the search index and the atomic move into place. Used by build.mjs (one full
// build) and renderer.mjs (the publisher's long-lived renderer).
import { spawn } from 'node:child_process';
import { access, cp, link, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
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

/**
 * Pagefind indexes, one per shard (search-shards.mjs), in one Pagefind process: `add` hands a notice page to its
 * shard's index (made on first use), `write` writes the shards asked for — shard 0, the primary bundle with the
 * search UI, always, even without pages — and returns their page counts.
 */
function shardedIndex(pagefind) {
  const indexes = new Map();
  const tasks = [];
  const counts = Array.from({ length: SEARCH_SHARDS }, () => 0);
  const indexOf = (shard) => {
    let index = indexes.get(shard);
    if (!index) {
      index = pagefind.createIndex({ forceLanguage: 'fr' }).then(({ index: made, errors }) => {
        if (errors.length > 0 || !made) throw new Error(`Pagefind: ${errors.join('; ')}`);
        return made;
      });
      index.catch(() => undefined);
      indexes.set(shard, index);
    }
    return index;
  };
  return {
    counts,
    add(file, reference, html) {
      const shard = shardOf(reference);
      counts[shard] += 1;
      const task = indexOf(shard).then((index) => index.addHTMLFile({ sourcePath: file, content: searchablePart(html) }));
      // Awaited in write; a rejection is not left unhandled meanwhile.
      task.catch(() => undefined);
      tasks.push(task);
    },
    async write(dir, shards) {
      const results = await Promise.all(tasks);
      const failed = results.flatMap((result) => result.errors);
      if (failed.length > 0) throw new Error(`Pagefind: ${failed.join('; ')}`);
      for (const shard of shards) {
        if (shard !== 0 && counts[shard] === 0) continue;
        const written = await (await indexOf(shard)).writeFiles({ outputPath: path.join(dir, shardPath(shard)) });
        if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
      }
    },
  };
}

/** The index of a release without any notice page: every page, in shard 0 (its manifest says so). */
async function indexEveryPage(dir, outDir) {
  const indexed = await indexForSearch(dir, path.join(outDir, 'pagefind'));
  await writeShardsFiles(outDir, { ...manifestOf([]), everyPage: true });
  return indexed;
}

/**
 * Pagefind's index of a full build fed page by page as the renderer writes them, so Pagefind's own process parses
 * them on the other core while the next pages render: `add` for each file written, then `finish(dir)` writes the
 * index, in shards (search-shards.mjs), into `dir/pagefind/` with its manifest, and returns the pages indexed. A
 * build with no notice page indexes every page instead (in shard 0), as Pagefind does without `data-pagefind-body`.
 */
export async function searchIndexAsWritten() {
  const pagefind = await import('pagefind');
  const index = shardedIndex(pagefind);
  let added = 0;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await pagefind.close();
  };
  return {
    add(file, content) {
      const reference = referenceOf(file);
      if (reference === null) return;
      added += 1;
      index.add(file, reference, Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8'));
    },
    async finish(dir) {
      try {
        if (added === 0) {
          await close();
          return indexEveryPage(dir, dir);
        }
        await index.write(dir, index.counts.keys());
        // The pages' versions as written (inodes), for the slow path to know which shards it must index again.
        await writeShardsFiles(dir, manifestOf(await noticePages(dir)));
        return added;
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
      const index = shardedIndex(pagefind);
      const again = new Set(reindexed);
      for (const page of pages) {
        if (again.has(page.shard)) index.add(page.file, page.reference, await readFile(path.join(dir, page.file), 'utf8'));
      }
      await index.write(outDir, unchanged.includes(0) ? reindexed : [0, ...reindexed]);
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
 * A whole site rendered into `outDir` (empty), for build.mjs and the renderer's `full` command: each page is handed to
 * Pagefind, then written and compressed by a worker thread, as soon as it is rendered (all of them run beside the
 * renderer, whose thread then waits on no file of a page: each mkdir, open and write of 11,000 pages did), then the
 * required files are checked, the search index written and the rest compressed. `afterRenderMs`: Pagefind and compression once the
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
    return renderWholeSiteOnce(renderer, options);
  }
}

async function renderWholeSiteOnce(renderer, { hubUrl, outDir, clientDir, now }) {
  const search = await searchIndexAsWritten();
  const compressing = compressAsWritten();
  try {
    const stats = await renderer.buildFull({
      hubUrl,
      outDir,
      clientDir,
      now,
      // Pagefind reads the page first: the compression thread that then writes it takes its bytes.
      writeRoute: async (route, body) => {
        search.add(route.file, body);
        await compressing.write(path.join(outDir, route.file), body);
      },
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
