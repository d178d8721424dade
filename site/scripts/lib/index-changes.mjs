// Which files of a release's search index (`pagefind/` and its manifest) a new index changes: the files a release
// says it changed are those a release made later from an older one re-links (src/render/release-files.ts), so the
// list must name every file whose bytes differ. Worked out by the slow path's indexer (search-index.mjs), beside the
// releases, against the release it indexed; the renderer takes that list when the release it moves the index into
// still has the index of that release (the same manifest), and otherwise compares the files itself.
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readManifest, SHARDS_MANIFEST } from './search-shards.mjs';

/** Written by search-index.mjs beside the index it prepared: `{"against": manifest text or null, "changed": [file…]}`. */
export const INDEX_CHANGES = '.search-changes.json';

/**
 * Moves the index prepared in `prepared` (`pagefind/` and its manifest, search-index.mjs, pre-compressed) into the
 * release `outDir` in place of the one it has (the live release's, linked). Returns `{ indexed, changed, compared }`:
 * the pages indexed (null for an index of every page); the files whose bytes differ from the release's, as the indexer
 * recorded them when the release still has the index it compared with (else `compared`: worked out here).
 */
export async function moveIndexInto(outDir, prepared) {
  const searchDir = path.join(outDir, 'pagefind');
  const manifest = await readManifest(prepared);
  if (!manifest) throw new Error(`no search index in ${prepared}`);
  const beforeManifest = await readFile(path.join(outDir, SHARDS_MANIFEST)).catch(() => null);
  const recorded = await recordedIndexChanges(prepared, beforeManifest);
  // The release's index set aside (to compare, if need be), then removed.
  const aside = path.join(outDir, '.pagefind-before');
  await rename(searchDir, aside).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(path.join(prepared, 'pagefind'), searchDir);
  await rename(path.join(prepared, SHARDS_MANIFEST), path.join(outDir, SHARDS_MANIFEST));
  const changed = recorded ?? (await indexChanges(aside, searchDir, beforeManifest, await readFile(path.join(outDir, SHARDS_MANIFEST))));
  await rm(aside, { recursive: true, force: true });
  const indexed = manifest.everyPage ? null : manifest.pages.reduce((sum, count) => sum + count, 0);
  return { indexed, changed, compared: recorded === null };
}

/**
 * The files of the release whose index is `before` (a release's `pagefind/`) that the index `after` changes, relative
 * to the release (`pagefind/…`, pre-compressed copies folded into the file they follow), given both manifests' bytes
 * (a Buffer, or null for none).
 */
export async function indexChanges(before, after, beforeManifest, afterManifest) {
  const differing = await differingFiles(await filesUnder(before), await filesUnder(after));
  const changed = differing.map((file) => path.posix.join('pagefind', file.replace(/\.(br|gz)$/, '')));
  if (!beforeManifest || !afterManifest || !beforeManifest.equals(afterManifest)) changed.push(SHARDS_MANIFEST);
  return [...new Set(changed)];
}

/** Records in `dir` (a prepared index) what it changes against the release whose manifest is `against`. */
export async function writeIndexChanges(dir, against, changed) {
  await writeFile(path.join(dir, INDEX_CHANGES), `${JSON.stringify({ against: against === null ? null : against.toString('utf8'), changed })}\n`);
}

/**
 * What the prepared index in `dir` changes, if it was worked out against an index whose manifest is `manifest` (the
 * bytes of the release's the index goes into); null otherwise (none recorded, or against another index).
 */
export async function recordedIndexChanges(dir, manifest) {
  if (manifest === null) return null;
  try {
    const recorded = JSON.parse(await readFile(path.join(dir, INDEX_CHANGES), 'utf8'));
    if (typeof recorded.against !== 'string' || !Array.isArray(recorded.changed) || !recorded.changed.every((file) => typeof file === 'string')) return null;
    return recorded.against === manifest.toString('utf8') ? recorded.changed : null;
  } catch {
    return null;
  }
}

/**
 * The files under `dir` (relative to it, with forward slashes), each with its inode and a way to read its bytes;
 * empty if none. A shard the slow path did not index again is hard links to the live release's files: same inodes,
 * no byte read to compare them.
 */
async function filesUnder(dir) {
  const files = new Map();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join('/'), { ino: (await stat(file)).ino, bytes: () => readFile(file) });
  }
  return files;
}

/** The files present in one map and not the other, or in both with other bytes. */
async function differingFiles(before, after) {
  const differing = [...before.keys()].filter((file) => !after.has(file));
  for (const [file, now] of after) {
    const then = before.get(file);
    if (!then) differing.push(file);
    else if (then.ino !== now.ino && !(await then.bytes()).equals(await now.bytes())) differing.push(file);
  }
  return differing;
}
