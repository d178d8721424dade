#!/usr/bin/env node
// A stand-in for site/scripts/search-index.mjs in the publisher's tests: the same arguments (a release directory, an
// output directory), a tiny "index" — `pagefind/pages.txt`, the notice references of the release, one a line.
// Steered through files in the folder named by FAKE_RENDERER_CONTROL (shared with fake-site-renderer.mjs):
//   hold-index   the indexer waits, once started, until this file is removed (a slow index)
//   fail-index   the indexer fails (after writing part of its output)
//   indexing     written by the indexer when it starts: the release it reads
//   requests     one line per run: `search-index <release id>`
import { appendFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const control = process.env.FAKE_RENDERER_CONTROL;
const [releaseDir, outDir] = process.argv.slice(2);
if (!control || !releaseDir || !outDir) {
  console.error('FAKE_RENDERER_CONTROL, a release directory and an output directory are required');
  process.exit(2);
}
const flag = (name) => existsSync(join(control, name));
appendFileSync(join(control, 'requests'), `search-index ${basename(releaseDir)}\n`);
writeFileSync(join(control, 'indexing'), basename(releaseDir));
// Read at the start, as Pagefind reads the pages before it writes the index.
const references = existsSync(join(releaseDir, 'avis')) ? readdirSync(join(releaseDir, 'avis')).sort() : [];
while (flag('hold-index')) await new Promise((resolve) => setTimeout(resolve, 20));
mkdirSync(join(outDir, 'pagefind'), { recursive: true });
if (flag('fail-index')) {
  console.error('[fake search index] Pagefind failed (on purpose)');
  process.exit(1);
}
writeFileSync(join(outDir, 'pagefind', 'pages.txt'), references.map((reference) => `${reference}\n`).join(''));
writeFileSync(join(outDir, 'pagefind', 'pagefind-entry.json'), JSON.stringify({ languages: { fr: { page_count: references.length } } }));
console.log(JSON.stringify({ ok: true, indexed: references.length }));
