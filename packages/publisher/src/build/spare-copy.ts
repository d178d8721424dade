import { execFile } from 'node:child_process';
import { cp, link, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * A spare is a copy of a release made while the publisher is idle: every file hard-linked (no byte copied) into
 * `spares/<release id>/`, beside the releases, for the next release to start from instead of hard-linking every
 * file of the live one while a publication waits (at 50,000 notices that is about 150,000 links, several seconds).
 * The next release renames it into place and re-links what the releases made since its source changed
 * (recycling.ts `changedSince`), exactly as it recycles an older release.
 */
export const sparesDir = (dataDir: string) => join(dataDir, 'spares');

/**
 * Recreates `from`'s tree in `to` (removed first if there) with a hard link per file. GNU `cp -al` does it several
 * times faster than a call per file from Node; elsewhere, Node does it.
 */
export async function hardLinkCopy(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  try {
    await execFileAsync('cp', ['-al', '--', from, to]);
    return;
  } catch {
    await rm(to, { recursive: true, force: true });
  }
  await linkTree(from, to);
}

async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target);
    else if (entry.isFile()) await link(source, target);
    else if (entry.isSymbolicLink()) await cp(source, target, { verbatimSymlinks: true });
  }
}
