import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/hub-process.js';
// @ts-expect-error plain JavaScript modules of the site's build scripts, without declarations
import { SEARCH_SHARDS, shardOf, shardsScript } from '../../site/scripts/lib/search-shards.mjs';
// @ts-expect-error idem
import { searchIndexAsWritten } from '../../site/scripts/lib/server-build.mjs';
// @ts-expect-error idem
import { moveIndexInto } from '../../site/scripts/lib/index-changes.mjs';

// The search index in shards (site/scripts/lib/search-shards.mjs): the slow path indexes again only the shards whose
// notice pages changed, and what it makes is, file for file, the index a full build makes of the same pages.

const execFileAsync = promisify(execFile);
const SEARCH_INDEX_SCRIPT = path.join(REPO_ROOT, 'site/scripts/search-index.mjs');

function noticePage(reference: string, words: string): string {
  return (
    `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${reference}</title></head><body>` +
    `<article data-pagefind-body><h1>Avis ${reference}</h1><p>${words}</p></article></body></html>`
  );
}

const WORDS = ['voirie', 'nettoyage des locaux', 'restauration scolaire', 'espaces verts', 'transport scolaire', 'fournitures de bureau'];
const references = Array.from({ length: 60 }, (_, index) => `2026-DRA-${String(index + 1).padStart(4, '0')}`);

/** Every file under `dir`, relative and sorted. */
async function everyFile(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** A full build's index of the release `dir`, as the renderer feeds Pagefind, into `dir` itself. */
async function fullIndex(dir: string): Promise<void> {
  const search = await searchIndexAsWritten();
  try {
    for (const file of (await everyFile(dir)).filter((name) => name.startsWith('avis/'))) search.add(file, await readFile(path.join(dir, file)));
    await search.finish(dir);
  } finally {
    await search.close();
  }
}

/** Writes a page as a release does: a new file renamed over the old (never written through a hard link). */
async function rewrite(dir: string, reference: string, words: string): Promise<void> {
  const file = path.join(dir, 'avis', reference, 'index.html');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, noticePage(reference, words));
  await rename(`${file}.tmp`, file);
}

/**
 * The files of a release's index (`pagefind/…`, compressed copies folded into their file, and the manifest) whose
 * bytes the index prepared in `prepared` changes, compared byte for byte.
 */
async function differingIndexFiles(release: string, prepared: string): Promise<string[]> {
  const [before, after] = await Promise.all([everyFile(path.join(release, 'pagefind')), everyFile(path.join(prepared, 'pagefind'))]);
  const differing = new Set<string>();
  for (const name of new Set([...before, ...after])) {
    const [a, b] = await Promise.all([path.join(release, 'pagefind', name), path.join(prepared, 'pagefind', name)].map((file) => readFile(file).catch(() => null)));
    if (!a || !b || !a.equals(b)) differing.add(`pagefind/${name.replace(/\.(br|gz)$/, '')}`);
  }
  const [a, b] = await Promise.all([release, prepared].map((dir) => readFile(path.join(dir, '.search-shards.json'), 'utf8')));
  if (a !== b) differing.add('.search-shards.json');
  return [...differing].sort();
}

describe('the search index in shards', { timeout: 120_000 }, () => {
  let workDir: string;
  let live: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'search-shards-'));
    live = path.join(workDir, 'live');
    for (const [index, reference] of references.entries()) await rewrite(live, reference, WORDS[index % WORDS.length]!);
    await fullIndex(live);
  });

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('spreads notices over the shards by their reference alone, the same from one release to the next', () => {
    expect(shardOf('2026-DRA-0001')).toBe(shardOf('2026-DRA-0001'));
    const perShard = Array.from({ length: SEARCH_SHARDS }, () => 0);
    for (let index = 1; index <= 1_600; index++) perShard[shardOf(`2026-DRA-${String(index).padStart(4, '0')}`)]! += 1;
    // About a hundred each: no shard grows with the territory faster than the others.
    expect(Math.min(...perShard)).toBeGreaterThan(50);
    expect(Math.max(...perShard)).toBeLessThan(150);
  });

  it('tells the search page to take the first shard with pages as its bundle and to merge the others', () => {
    const pages = Array.from({ length: SEARCH_SHARDS }, (_, shard) => (shard === 0 || shard === 5 ? 0 : 1));
    const script = shardsScript(pages);
    expect(script).toContain('globalThis.searchShards = ["/pagefind/shard-1/",');
    expect(script).not.toContain('/pagefind/shard-5/');
    expect(script).toContain(`configureInstance('default', {"bundlePath":"/pagefind/shard-1/","mergeIndex":[{"bundlePath":"/pagefind/shard-2/"}`);
  });

  it('indexes again only the shards of the pages that changed, and makes the index a full build makes of them', async () => {
    // The next release: the live one hard-linked, two pages rewritten (one in shard 0, the primary bundle, which
    // holds the other shards' directories), one added, one removed.
    const next = path.join(workDir, 'next');
    await execFileAsync('cp', ['-al', live, next]);
    const inShardZero = references.find((reference) => shardOf(reference) === 0)!;
    await rewrite(next, inShardZero, 'travaux de voirie corrigés');
    await rewrite(next, '2026-DRA-0100', 'nouvel avis de nettoyage');
    await rm(path.join(next, 'avis', '2026-DRA-0007'), { recursive: true });
    const touched = [...new Set([inShardZero, '2026-DRA-0100', '2026-DRA-0007'].map((reference) => shardOf(reference)))].sort((a, b) => a - b);
    expect(touched.length).toBeLessThan(SEARCH_SHARDS / 2);

    const prepared = path.join(workDir, 'prepared');
    const { stdout } = await execFileAsync(process.execPath, [SEARCH_INDEX_SCRIPT, next, prepared]);
    const answer = JSON.parse(stdout) as { ok: boolean; indexed: number; reindexed: number[] };
    expect(answer).toMatchObject({ ok: true, indexed: references.length });
    expect([...answer.reindexed].sort((a, b) => a - b)).toEqual(touched);

    // A shard it did not index again is the live release's files, linked; the others are new.
    const untouched = [...Array(SEARCH_SHARDS).keys()].find((shard) => !touched.includes(shard) && shard !== 0)!;
    const file = path.join(`pagefind/shard-${untouched}`, 'pagefind-entry.json');
    expect((await stat(path.join(prepared, file))).ino).toBe((await stat(path.join(live, file))).ino);

    // The same files, byte for byte, as a full build's index of the next release's pages (compressed copies aside).
    const rebuilt = path.join(workDir, 'rebuilt');
    await cp(next, rebuilt, { recursive: true });
    await rm(path.join(rebuilt, 'pagefind'), { recursive: true });
    await fullIndex(rebuilt);
    const indexFiles = async (dir: string) => (await everyFile(path.join(dir, 'pagefind'))).filter((name) => !/\.(br|gz)$/.test(name));
    expect(await indexFiles(prepared)).toEqual(await indexFiles(rebuilt));
    for (const name of await indexFiles(rebuilt)) {
      const [a, b] = await Promise.all([readFile(path.join(prepared, 'pagefind', name)), readFile(path.join(rebuilt, 'pagefind', name))]);
      expect(a.equals(b), name).toBe(true);
    }
    const pagesOf = async (dir: string) => (JSON.parse(await readFile(path.join(dir, '.search-shards.json'), 'utf8')) as { pages: number[] }).pages;
    expect(await pagesOf(prepared)).toEqual(await pagesOf(rebuilt));
  });

  /** A release made from `from` (hard links) with one notice page rewritten, and its index prepared apart. */
  async function rewrittenAndIndexed(from: string, name: string, reference: string, words: string): Promise<{ release: string; prepared: string }> {
    const release = path.join(workDir, name);
    await execFileAsync('cp', ['-al', from, release]);
    await rewrite(release, reference, words);
    const prepared = path.join(workDir, `${name}-prepared`);
    await execFileAsync(process.execPath, [SEARCH_INDEX_SCRIPT, release, prepared]);
    return { release, prepared };
  }

  it('says which files of the release its index changes, worked out by the indexer, or where the index moves in when that release has another', async () => {
    // A release made from the live one with a page rewritten; its index, prepared apart, moved into the release
    // after it (its index still the live one's, as no other index was taken meanwhile): the indexer's list is taken.
    const { release: next, prepared } = await rewrittenAndIndexed(live, 'changes-next', '2026-DRA-0003', 'déneigement des voies communales');
    const release = path.join(workDir, 'changes-release');
    await execFileAsync('cp', ['-al', next, release]);
    const expected = await differingIndexFiles(release, prepared);
    expect(expected).toContain('.search-shards.json');
    expect(expected.length).toBeGreaterThan(2);
    const moved = (await moveIndexInto(release, prepared)) as { indexed: number; changed: string[]; compared: boolean };
    expect(moved).toMatchObject({ indexed: references.length, compared: false });
    expect([...moved.changed].sort()).toEqual(expected);

    // An index prepared from that release, moved into one that has another index (an older one here): compared there.
    const { prepared: laterIndex } = await rewrittenAndIndexed(release, 'changes-later', '2026-DRA-0011', 'fauchage des accotements');
    const older = path.join(workDir, 'changes-older');
    await execFileAsync('cp', ['-al', live, older]);
    const expectedThere = await differingIndexFiles(older, laterIndex);
    const movedThere = (await moveIndexInto(older, laterIndex)) as { changed: string[]; compared: boolean };
    expect(movedThere.compared).toBe(true);
    expect([...movedThere.changed].sort()).toEqual(expectedThere);
  });

  it('indexes every shard again when the release has no manifest (an index made otherwise)', async () => {
    const bare = path.join(workDir, 'bare');
    await execFileAsync('cp', ['-al', live, bare]);
    await rm(path.join(bare, '.search-shards.json'));
    const { stdout } = await execFileAsync(process.execPath, [SEARCH_INDEX_SCRIPT, bare, path.join(workDir, 'bare-index')]);
    const { reindexed } = JSON.parse(stdout) as { reindexed: number[] };
    expect(reindexed).toHaveLength(SEARCH_SHARDS);
  });
});
