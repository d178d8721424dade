import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recycleRelease, replaceIfChanged } from './release-files.js';

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

async function tree(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((entry) => entry.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(root, file)] = await readFile(file, 'utf8');
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

describe('a new release made from the live one', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'release-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('brings an older release level with the live one by the files changed since, with their compressed copies', async () => {
    const old = path.join(dir, 'old');
    const live = path.join(dir, 'live');
    const common = { 'robots.txt': 'robots', 'avis/keep/index.html': 'gardé' };
    await write(old, {
      ...common,
      'index.html': 'accueil ancien',
      'index.html.gz': 'gz ancien',
      'index.html.br': 'br ancien',
      'avis/cancelled/index.html': 'annulé bientôt',
      'avis/cancelled/index.html.gz': 'gz annulé',
    });
    await write(live, {
      ...common,
      'index.html': 'accueil nouveau',
      // The new home page is too small to be worth a brotli copy: the old one must go.
      'index.html.gz': 'gz nouveau',
      'avis/new/index.html': 'nouvel avis',
      'pagefind/fragment/fr_abc.pf_fragment': 'fragment',
    });
    const liveBefore = await tree(live);
    const changed = ['index.html', 'avis/cancelled/index.html', 'avis/new/index.html', 'pagefind/fragment/fr_abc.pf_fragment'];
    await recycleRelease({ dir: old, changed }, live, path.join(dir, 'new'));

    expect(await tree(path.join(dir, 'new'))).toEqual(liveBefore);
    expect(await tree(live)).toEqual(liveBefore);
    // The folder of the notice that left is gone, not left empty.
    await expect(stat(path.join(dir, 'new', 'avis/cancelled'))).rejects.toThrow(/ENOENT/);
    // The older release's directory was moved, not copied.
    await expect(stat(old)).rejects.toThrow(/ENOENT/);
    // Re-linked files share the live release's bytes; the rest keep their own (equal) files.
    expect((await stat(path.join(dir, 'new', 'index.html'))).ino).toBe((await stat(path.join(live, 'index.html'))).ino);
  });

  it('leaves files it is not told of as they were: the caller must name every change', async () => {
    const old = path.join(dir, 'old');
    const live = path.join(dir, 'live');
    await write(old, { 'index.html': 'ancien', 'flux/avis.xml': 'ancien flux' });
    await write(live, { 'index.html': 'nouveau', 'flux/avis.xml': 'nouveau flux' });
    await recycleRelease({ dir: old, changed: ['index.html'] }, live, path.join(dir, 'new'));
    expect(await tree(path.join(dir, 'new'))).toEqual({ 'flux/avis.xml': 'ancien flux', 'index.html': 'nouveau' });
  });

  it('refuses a changed file outside the release', async () => {
    const old = path.join(dir, 'old');
    const live = path.join(dir, 'live');
    await write(old, { 'index.html': 'ancien' });
    await write(live, { 'index.html': 'nouveau' });
    await write(dir, { 'secret.txt': 'à ne pas lier' });
    await expect(recycleRelease({ dir: old, changed: ['../secret.txt'] }, live, path.join(dir, 'new'))).rejects.toThrow(/not a file of the release/);
  });

  it('replaces a rendered file whose bytes changed, same size or not, and leaves one with the same bytes as it was', async () => {
    await write(dir, { 'a.json': '{"n":1}', 'b.json': '{"n":1}', 'c.json': '{"n":1}' });
    const before = await stat(path.join(dir, 'a.json'));
    expect(await replaceIfChanged(dir, 'a.json', Buffer.from('{"n":1}'))).toBe(false);
    expect(await replaceIfChanged(dir, 'b.json', Buffer.from('{"n":2}'))).toBe(true);
    expect(await replaceIfChanged(dir, 'c.json', Buffer.from('{"n":12}'))).toBe(true);
    expect(await replaceIfChanged(dir, 'd/new.json', Buffer.from('{}'))).toBe(true);
    expect((await stat(path.join(dir, 'a.json'))).ino).toBe(before.ino);
    expect(await tree(dir)).toEqual({ 'a.json': '{"n":1}', 'b.json': '{"n":2}', 'c.json': '{"n":12}', 'd/new.json': '{}' });
  });
});
