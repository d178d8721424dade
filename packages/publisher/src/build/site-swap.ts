import { readdir, readlink, realpath, rename, rm, stat, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The data directory's layout:
 *   builds/<id>/       one complete site per successful build (the one being built is there too)
 *   builds/<id>.json   what is known about that build (times, reasons)
 *   current            symbolic link to builds/<id>, replaced atomically by rename(2)
 */
export const buildsDir = (dataDir: string) => join(dataDir, 'builds');
export const buildDir = (dataDir: string, id: string) => join(buildsDir(dataDir), id);
export const buildMetadataFile = (dataDir: string, id: string) => join(buildsDir(dataDir), `${id}.json`);
const currentLink = (dataDir: string) => join(dataDir, 'current');

/** Points `current` at the build: a new link is made aside and renamed over the old, so readers never see a gap. */
export async function activateBuild(dataDir: string, id: string): Promise<void> {
  const staging = join(dataDir, 'current.tmp');
  await unlink(staging).catch(ignoreMissing);
  // A relative target keeps the data directory movable.
  await symlink(join('builds', id), staging, 'dir');
  await rename(staging, currentLink(dataDir));
}

/** The id of the build online now, or null before the first success. */
export async function readCurrentBuildId(dataDir: string): Promise<string | null> {
  try {
    const target = await readlink(currentLink(dataDir));
    return target.split(/[\\/]/).pop() ?? null;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/**
 * The absolute directory of the build online now, resolved once per request so the whole response comes from one
 * build even if a swap happens meanwhile. Null before the first success.
 */
export async function resolveCurrentSiteRoot(dataDir: string): Promise<string | null> {
  try {
    return await realpath(currentLink(dataDir));
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** The complete builds on disk (a directory with its metadata), oldest first. */
export async function completeBuildIds(dataDir: string): Promise<string[]> {
  const entries = await readdir(buildsDir(dataDir), { withFileTypes: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  const names = new Set(entries.map((entry) => entry.name));
  // Ids start with an ISO timestamp, so name order is age order.
  return entries.filter((entry) => entry.isDirectory() && names.has(`${entry.name}.json`)).map((entry) => entry.name).sort();
}

/**
 * Keeps the newest `keep` complete builds (the online one always among them) for rollback and removes the rest,
 * including directories a crashed or killed build left without metadata, but never a complete one in `spare` (read
 * by the slow path's indexer). Call it only while no build runs.
 */
export async function pruneBuilds(dataDir: string, keep: number, spare: ReadonlySet<string> = new Set()): Promise<string[]> {
  const current = await readCurrentBuildId(dataDir);
  const entries = await readdir(buildsDir(dataDir), { withFileTypes: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  const names = new Set(entries.map((entry) => entry.name));
  const ids = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const orphanMetadata = [...names]
    .filter((name) => name.endsWith('.json') && !names.has(name.slice(0, -'.json'.length)))
    .map((name) => name.slice(0, -'.json'.length));
  // Ids start with an ISO timestamp, so name order is age order.
  const complete = ids.filter((id) => names.has(`${id}.json`)).sort();
  const kept = new Set(complete.slice(-keep));
  if (current !== null) kept.add(current);
  for (const id of spare) if (names.has(`${id}.json`)) kept.add(id);
  const removed = [...ids.filter((id) => !kept.has(id)), ...orphanMetadata];
  for (const id of removed) await removeBuild(dataDir, id);
  return removed;
}

export async function removeBuild(dataDir: string, id: string): Promise<void> {
  await rm(buildDir(dataDir, id), { recursive: true, force: true });
  await rm(buildMetadataFile(dataDir, id), { force: true });
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function ignoreMissing(error: unknown): void {
  if (!isMissing(error)) throw error;
}
