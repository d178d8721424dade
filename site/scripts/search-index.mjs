#!/usr/bin/env node
// The search index of a release, made apart from it: the publisher's slow path runs this beside the long-lived
// renderer (site/scripts/renderer.mjs), so that events keep being released while Pagefind works; the next release
// then takes the finished index (the renderer's `searchIndex`).
//   node site/scripts/search-index.mjs <release-dir> <out-dir>
// Indexes the notice pages of <release-dir> (which it only reads) into <out-dir>/pagefind/ (<out-dir> must not hold
// one yet), pre-compresses the index's files, and prints one JSON line on standard output:
//   {"ok":true,"indexed":812,"ms":1530}
// or exits non-zero after a line on standard error. Nothing of <release-dir> or of the site online changes.
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { precompressChanged } from './precompress.mjs';
import { indexForSearch } from './lib/server-build.mjs';

const [releaseDir, outDir] = process.argv.slice(2);
if (!releaseDir || !outDir) {
  process.stderr.write('usage: node site/scripts/search-index.mjs <release-dir> <out-dir>\n');
  process.exit(2);
}

const started = performance.now();
try {
  const indexDir = path.join(path.resolve(outDir), 'pagefind');
  await mkdir(path.dirname(indexDir), { recursive: true });
  const indexed = await indexForSearch(path.resolve(releaseDir), indexDir);
  const files = (await readdir(indexDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(path.dirname(indexDir), path.join(entry.parentPath, entry.name)));
  await precompressChanged(path.dirname(indexDir), files);
  process.stdout.write(`${JSON.stringify({ ok: true, indexed, ms: Math.round(performance.now() - started) })}\n`);
} catch (error) {
  process.stderr.write(`[search index] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
