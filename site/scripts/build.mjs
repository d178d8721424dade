#!/usr/bin/env node
// The one way to build the public site, for `pnpm site build` and for the publisher:
//   HUB_URL=http://127.0.0.1:4000/graphql SITE_OUT_DIR=/abs/dir node site/scripts/build.mjs
//   SITE_BUILD_START=stdin: compile first, then wait for a line on standard input before reading the hub (the
//   publisher starts its next build ahead of time this way; see src/lib/build-gate.ts).
// It builds into a private temporary directory and renames the result into place only once Astro and Pagefind have
// both succeeded, so a failed build (hub down, hub errors, partial data) never leaves a complete-looking site behind.
import { access, cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.mjs';

// Astro would otherwise report anonymous usage over the network at each build.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

const siteRoot = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.resolve(process.env.SITE_OUT_DIR || path.join(siteRoot, 'dist'));
const hubUrl = process.env.HUB_URL || 'http://127.0.0.1:4000/graphql';
/** Pages whose absence means the build is not a site, whatever Astro says. */
const REQUIRED_FILES = ['index.html', 'avis/index.html', '404.html', 'sitemap.xml', 'flux/avis.xml', 'robots.txt', 'favicon.svg'];

/** The notice pages, `avis/<reference>/index.html`: the facet pages sit one level deeper. */
const NOTICE_PAGES_GLOB = 'avis/*/index.html';

function log(message) {
  process.stderr.write(`[site build] ${message}\n`);
}

async function indexForSearch(dir) {
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
    const written = await index.writeFiles({ outputPath: path.join(dir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

/** Moves a finished build to `target` in one rename, copying first when they are on different file systems. */
async function moveInto(built, target) {
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

async function main() {
  const started = performance.now();
  await mkdir(path.dirname(outDir), { recursive: true });
  // Astro's server bundle must sit under the site's root to resolve its dependencies; each build gets its own
  // directory there, so concurrent builds (publisher, tests) never share one.
  await mkdir(path.join(siteRoot, '.build'), { recursive: true });
  const workDir = await mkdtemp(path.join(siteRoot, '.build', 'run-'));
  log(`reading ${hubUrl}, building into ${outDir}`);
  try {
    process.env.HUB_URL = hubUrl;
    // Rendered charts kept between builds (src/lib/chart-cache.ts); SITE_CHART_CACHE_DIR moves or, set empty, disables it.
    process.env.SITE_CHART_CACHE_DIR ??= path.join(siteRoot, '.build', 'cache', 'charts');
    process.chdir(siteRoot);
    const { build } = await import('astro');
    await build({
      root: siteRoot,
      outDir: path.join(workDir, 'dist'),
      cacheDir: path.join(workDir, 'cache'),
      logLevel: process.env.SITE_BUILD_LOG_LEVEL || 'warn',
    });
    const astroDone = performance.now();
    const built = path.join(workDir, 'dist');
    for (const file of REQUIRED_FILES) await access(path.join(built, file));
    const pages = await indexForSearch(built);
    const compressed = await precompress(built);
    await moveInto(built, outDir);
    // Charts this build did not draw are of no use to the next one (src/lib/chart-cache.ts); a failed build
    // leaves the cache alone.
    const pruneCharts = globalThis[Symbol.for('territoire-achats.site.chart-cache.prune')];
    if (pruneCharts) await pruneCharts().catch((error) => log(`could not prune the chart cache: ${error.message}`));
    const seconds = (ms) => (ms / 1000).toFixed(1);
    // A build started ahead of time (SITE_BUILD_START=stdin) counts from its start signal, not from its spawn.
    const signalled = globalThis[Symbol.for('territoire-achats.site.build-gate')]?.openedAt;
    const from = signalled ?? started;
    log(
      `done in ${seconds(performance.now() - from)} s${signalled ? ` from the start signal (started ${seconds(signalled - started)} s earlier)` : ''} ` +
        `(Astro ${seconds(astroDone - from)} s, Pagefind and compression ${seconds(performance.now() - astroDone)} s, ${pages} pages indexed, ` +
        `${compressed.files} files pre-compressed: ${(compressed.bytes / 1e6).toFixed(1)} MB → ${(compressed.brotliBytes / 1e6).toFixed(1)} MB with brotli)`,
    );
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  log(`FAILED: ${message}`);
  log(`nothing was written to ${outDir}; the previous site, if any, is unchanged`);
  process.exitCode = 1;
}
