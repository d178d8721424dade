import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hardLinkTree, linkTree } from './hard-link-tree.js';

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), text);
  }
}

async function filesOf(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((entry) => entry.isFile())) {
    const file = join(entry.parentPath, entry.name);
    files[file.slice(root.length + 1)] = await readFile(file, 'utf8');
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

/** A fresh temporary directory for each test, handed to `use`, removed after the test. */
function useTemporaryDirectory(use: (dir: string) => void): void {
  let made: string;
  beforeEach(async () => {
    made = await mkdtemp(join(tmpdir(), 'hard-links-'));
    use(made);
  });
  afterEach(async () => {
    await rm(made, { recursive: true, force: true });
  });
}

const SITE = {
  'index.html': 'accueil',
  'index.html.br': 'accueil br',
  'avis/2026-AMP-0001/index.html': 'avis',
  'avis/2026-AMP-0001/index.html.gz': 'avis gz',
  'pagefind/fragment/fr_abc.pf_fragment': 'fragment',
};

describe.each([
  ['with cp -al', hardLinkTree],
  ['one call per entry (the fallback)', linkTree],
])('a copy of a tree by hard links, %s', (_way, copy) => {
  let dir: string;
  useTemporaryDirectory((made) => (dir = made));

  it('holds every file of the original with the same bytes and the same inode, nested folders included', async () => {
    const from = join(dir, 'live');
    await write(from, SITE);
    await copy(from, join(dir, 'new'));
    expect(await filesOf(join(dir, 'new'))).toEqual(await filesOf(from));
    for (const file of Object.keys(SITE)) {
      expect((await stat(join(dir, 'new', file))).ino, file).toBe((await stat(join(from, file))).ino);
    }
  });

  it('copies a symbolic link as a link to the same target, not as the file it points to', async () => {
    const from = join(dir, 'live');
    await write(from, SITE);
    await symlink('index.html', join(from, 'accueil.html'));
    await copy(from, join(dir, 'new'));
    expect((await lstat(join(dir, 'new', 'accueil.html'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, 'new', 'accueil.html'))).toBe('index.html');
  });

  it('copies an empty tree as an empty folder', async () => {
    await mkdir(join(dir, 'empty'));
    await copy(join(dir, 'empty'), join(dir, 'new'));
    expect(await readdir(join(dir, 'new'))).toEqual([]);
  });
});

describe('a copy by hard links that cp cannot make', () => {
  let dir: string;
  useTemporaryDirectory((made) => (dir = made));

  it('fails naming the missing original and leaves nothing behind', async () => {
    await expect(hardLinkTree(join(dir, 'missing'), join(dir, 'new'))).rejects.toThrow(/missing/);
    expect(await readdir(dir)).toEqual([]);
  });
});
