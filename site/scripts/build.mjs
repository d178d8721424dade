#!/usr/bin/env node
// The one way to build the whole public site, for `pnpm site build` and for the publisher:
//   HUB_URL=http://127.0.0.1:4000/graphql SITE_OUT_DIR=/abs/dir node site/scripts/build.mjs
//   SITE_BUILD_START=stdin: compile first, then wait for a line on standard input before reading the hub (the
//   publisher starts its next build ahead of time this way; see src/lib/build-gate.ts).
// It compiles the site into a server bundle, renders every route through the site renderer (src/render/, the same
// function the publisher's incremental schedule uses), indexes the notices for search, and renames the result into
// place only once all of that succeeded, so a failed build (hub down, hub errors, partial data) never leaves a
// complete-looking site behind.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { boundHeapGrowth, compileSite, makeWorkDir, moveInto, renderWholeSite, siteRoot } from './lib/server-build.mjs';
import { prefetchOfficialFiles } from './lib/official-prefetch.mjs';

const outDir = path.resolve(process.env.SITE_OUT_DIR || path.join(siteRoot, 'dist'));
const hubUrl = process.env.HUB_URL || 'http://127.0.0.1:4000/graphql';
boundHeapGrowth();

function log(message) {
  process.stderr.write(`[site build] ${message}\n`);
}

async function main() {
  const started = performance.now();
  await mkdir(path.dirname(outDir), { recursive: true });
  const workDir = await makeWorkDir();
  log(`reading ${hubUrl}, building into ${outDir}`);
  // The hub's official files are asked for while the site compiles, when the hub has nothing else to do (see
  // lib/official-prefetch.mjs); not by a build started ahead of time, whose data must be read after its start signal.
  const official = process.env.SITE_BUILD_START === 'stdin' ? undefined : prefetchOfficialFiles(hubUrl, path.join(workDir, 'official'));
  try {
    process.env.HUB_URL = hubUrl;
    const { renderer, clientDir } = await compileSite(workDir);
    const built = path.join(workDir, 'site');
    const { stats, indexed: pages, compressed, afterRenderMs } = await renderWholeSite(renderer, { hubUrl, outDir: built, clientDir, officialFetch: official?.fetch });
    // The renderer wrote them to `.build-report.json` (site/README.md, « What a build may leave out »).
    for (const section of stats.leftOut) log(`left out of ${section.page}: ${section.what} (${section.error})`);
    const astroDone = performance.now() - afterRenderMs;
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
        `(Astro ${seconds(astroDone - from)} s, then Pagefind and compression ${seconds(performance.now() - astroDone)} s, ${pages} pages indexed, ` +
        `${compressed.files} files pre-compressed: ${(compressed.bytes / 1e6).toFixed(1)} MB → ${(compressed.brotliBytes / 1e6).toFixed(1)} MB with brotli; ` +
        `${stats.routes} routes rendered: ${Object.entries(stats.phases).map(([name, ms]) => `${name} ${seconds(ms)} s`).join(', ')})`,
    );
  } finally {
    official?.stop();
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
