#!/usr/bin/env node
// The search index of a release, made apart from it: the publisher's slow path runs this beside the long-lived
// renderer (site/scripts/renderer.mjs), so that events keep being released while Pagefind works; the next release
// then takes the finished index (the renderer's `searchIndex`).
//   node site/scripts/search-index.mjs <release-dir> <out-dir>
// Writes into <out-dir> (which must not hold an index yet) the release's search index in shards
// (lib/search-shards.mjs): `pagefind/` and `.search-shards.json`, with `.search-changes.json`, the files it changes in
// the release (lib/index-changes.mjs). Only the shards whose notice pages changed since the
// release's own index are indexed again; the others are hard links to the release's files. Pre-compresses what it
// wrote and prints one JSON line on standard output:
//   {"ok":true,"indexed":812,"reindexed":[3],"ms":1530}
// or exits non-zero after a line on standard error. Nothing of <release-dir> or of the site online changes.
import { lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { precompressChanged } from './precompress.mjs';
import { indexChanges, writeIndexChanges } from './lib/index-changes.mjs';
import { SHARDS_MANIFEST } from './lib/search-shards.mjs';
import { indexChangedShards } from './lib/server-build.mjs';

const [releaseDir, outDir] = process.argv.slice(2);
if (!releaseDir || !outDir) {
  process.stderr.write('usage: node site/scripts/search-index.mjs <release-dir> <out-dir>\n');
  process.exit(2);
}

const started = performance.now();
try {
  const out = path.resolve(outDir);
  await mkdir(out, { recursive: true });
  const { indexed, reindexed } = await indexChangedShards(path.resolve(releaseDir), out);
  // What this run wrote has one link; what it took from the release is shared with it, compressed copies included.
  const written = [];
  for (const entry of await readdir(path.join(out, 'pagefind'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || /\.(br|gz)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await lstat(file)).nlink === 1) written.push(path.relative(out, file));
  }
  await precompressChanged(out, written);
  // What it changes in the release it indexed, worked out here rather than in the renderer's queue (lib/index-changes.mjs).
  const release = path.resolve(releaseDir);
  const againstManifest = await readFile(path.join(release, SHARDS_MANIFEST)).catch(() => null);
  const ownManifest = await readFile(path.join(out, SHARDS_MANIFEST));
  await writeIndexChanges(out, againstManifest, await indexChanges(path.join(release, 'pagefind'), path.join(out, 'pagefind'), againstManifest, ownManifest));
  process.stdout.write(`${JSON.stringify({ ok: true, indexed, reindexed, ms: Math.round(performance.now() - started) })}\n`);
} catch (error) {
  process.stderr.write(`[search index] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
