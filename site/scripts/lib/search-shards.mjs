// The search index in shards: the notice pages spread over SEARCH_SHARDS Pagefind indexes by a stable hash of their
// reference, so that the publisher's slow path indexes again only the shards whose pages changed (Pagefind cannot
// remove or update a page: an index is made whole), and the search page merges them (Pagefind's `mergeIndex`).
//   pagefind/                 shard 0: the primary bundle (with the search UI's scripts), always written
//   pagefind/shard-<n>/       shard n, when it holds pages
//   pagefind/shards.js        tells the search page's UI which bundle is primary and which to merge
//   .search-shards.json       what each shard indexed (hidden, never served): per shard, a digest of its pages'
//                             versions on disk (inode, size, time: a page a release left alone keeps its inode)
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** How many indexes the notice pages are spread over. Changing it re-indexes everything once (the manifest says). */
export const SEARCH_SHARDS = 16;

/** The manifest of a release's search index, at the release's root. */
export const SHARDS_MANIFEST = '.search-shards.json';

/** The script the search page loads after Pagefind's UI, relative to the release. */
export const SHARDS_SCRIPT = 'pagefind/shards.js';

const NOTICE_PAGE = /^avis\/([^/]+)\/index\.html$/;

/** The reference of a notice page (`avis/<reference>/index.html`), or null for any other file. */
export function referenceOf(file) {
  return NOTICE_PAGE.exec(file)?.[1] ?? null;
}

/** The shard of a notice, from its reference alone (FNV-1a, 32 bits): stable from one release to the next. */
export function shardOf(reference, shards = SEARCH_SHARDS) {
  let hash = 0x811c9dc5;
  for (let index = 0; index < reference.length; index++) {
    hash ^= reference.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** A shard's directory, relative to the release: `pagefind` for shard 0, `pagefind/shard-<n>` for the others. */
export function shardPath(shard) {
  return shard === 0 ? 'pagefind' : `pagefind/shard-${shard}`;
}

/**
 * The notice pages of the release in `dir`, each with its shard and its version on disk (inode, size and
 * modification time: a release that does not rewrite a page keeps it as a hard link, inode and time included).
 */
export async function noticePages(dir, shards = SEARCH_SHARDS) {
  const entries = await readdir(path.join(dir, 'avis'), { withFileTypes: true }).catch(() => []);
  const pages = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const file = `avis/${entry.name}/index.html`;
    let stats;
    try {
      stats = statSync(path.join(dir, file));
    } catch {
      continue;
    }
    if (!stats.isFile()) continue;
    pages.push({ reference: entry.name, file, shard: shardOf(entry.name, shards), version: `${stats.ino}:${stats.size}:${Math.round(stats.mtimeMs)}` });
  }
  return pages;
}

/** Per shard, a digest of its pages' references and versions: equal digests, same pages in the same versions. */
export function shardDigests(pages, shards = SEARCH_SHARDS) {
  const lines = Array.from({ length: shards }, () => []);
  for (const page of pages) lines[page.shard].push(`${page.reference} ${page.version}\n`);
  return lines.map((shardLines) => createHash('sha1').update(shardLines.sort().join('')).digest('hex'));
}

/** The manifest of an index of `pages`, as written at a release's root. */
export function manifestOf(pages, shards = SEARCH_SHARDS) {
  const counts = Array.from({ length: shards }, () => 0);
  for (const page of pages) counts[page.shard] += 1;
  return { shards, digests: shardDigests(pages, shards), pages: counts };
}

/** The manifest of the index in the release `dir`, or null (none yet, or unreadable: everything is indexed again). */
export async function readManifest(dir) {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, SHARDS_MANIFEST), 'utf8'));
    if (!Number.isInteger(manifest.shards) || !Array.isArray(manifest.digests) || !Array.isArray(manifest.pages)) return null;
    return manifest;
  } catch {
    return null;
  }
}

/**
 * `pagefind/shards.js`: the search page's UI (Pagefind's component UI, loaded before it) takes the first shard with
 * pages as its bundle and merges the others. `globalThis.searchShards` lists them for other scripts (tests).
 */
export function shardsScript(pageCounts) {
  const bundles = pageCounts.flatMap((count, shard) => (count > 0 ? [`/${shardPath(shard)}/`] : []));
  const [primary = '/pagefind/', ...merged] = bundles;
  const options = { bundlePath: primary, mergeIndex: merged.map((bundlePath) => ({ bundlePath })) };
  return (
    `// The search index in shards (site/scripts/lib/search-shards.mjs): written with the index.\n` +
    `globalThis.searchShards = ${JSON.stringify([primary, ...merged])};\n` +
    `globalThis.PagefindComponents?.configureInstance('default', ${JSON.stringify(options)});\n`
  );
}

/** Writes the manifest at the root of `dir` and `pagefind/shards.js` for an index of `pages`. */
export async function writeShardsFiles(dir, manifest) {
  await writeFile(path.join(dir, SHARDS_MANIFEST), `${JSON.stringify(manifest)}\n`);
  await writeFile(path.join(dir, SHARDS_SCRIPT), shardsScript(manifest.pages));
}
