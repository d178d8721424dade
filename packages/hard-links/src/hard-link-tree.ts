import { execFile } from 'node:child_process';
import { cp, link, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Recreates `from`'s tree in `to` (which must not exist) with a hard link per file: no byte is copied, and the two
 * trees share their files' inodes, so a file of either must be replaced (written aside, renamed over), never written
 * through. Symbolic links are copied as links. GNU `cp -al` does it several times faster than a call per file from
 * Node (at 50,000 notices a release holds about 150,000 files); where it is missing or fails, Node does it. On
 * failure nothing is left at `to`.
 */
export async function hardLinkTree(from: string, to: string): Promise<void> {
  try {
    await execFileAsync('cp', ['-al', '--', from, to]);
    return;
  } catch {
    await rm(to, { recursive: true, force: true });
  }
  try {
    await linkTree(from, to);
  } catch (error) {
    await rm(to, { recursive: true, force: true });
    throw error;
  }
}

/** The same, one system call per entry: the fallback, exported for its tests. */
export async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target);
    else if (entry.isFile()) await link(source, target);
    else if (entry.isSymbolicLink()) await cp(source, target, { verbatimSymlinks: true });
  }
}
