import { mkdir, readdir, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryDir, removeTemporaryDirs } from '../testing/harness.js';
import { activateBuild, buildDir, buildMetadataFile, pruneBuilds, readCurrentBuildId, resolveCurrentSiteRoot } from './site-swap.js';

afterAll(removeTemporaryDirs);

async function completeBuild(dataDir: string, id: string): Promise<void> {
  await mkdir(buildDir(dataDir, id), { recursive: true });
  await writeFile(join(buildDir(dataDir, id), 'index.html'), id);
  await writeFile(buildMetadataFile(dataDir, id), '{}');
}

describe('site swap', () => {
  it('has no current build before the first activation', async () => {
    const dataDir = await temporaryDir('swap');
    expect(await readCurrentBuildId(dataDir)).toBeNull();
    expect(await resolveCurrentSiteRoot(dataDir)).toBeNull();
  });

  it('points current at the activated build through a relative link', async () => {
    const dataDir = await temporaryDir('swap');
    await completeBuild(dataDir, 'b1');
    await activateBuild(dataDir, 'b1');
    expect(await readlink(join(dataDir, 'current'))).toBe(join('builds', 'b1'));
    expect(await readCurrentBuildId(dataDir)).toBe('b1');
    expect(await resolveCurrentSiteRoot(dataDir)).toBe(buildDir(dataDir, 'b1'));
  });

  it('replaces the link in place, even over a stale current.tmp left by a crash', async () => {
    const dataDir = await temporaryDir('swap');
    await completeBuild(dataDir, 'b1');
    await completeBuild(dataDir, 'b2');
    await activateBuild(dataDir, 'b1');
    await writeFile(join(dataDir, 'current.tmp'), 'debris');
    await activateBuild(dataDir, 'b2');
    expect(await readCurrentBuildId(dataDir)).toBe('b2');
    expect((await readdir(dataDir)).sort()).toEqual(['builds', 'current']);
  });

  it('keeps the newest three complete builds and removes older ones with their metadata', async () => {
    const dataDir = await temporaryDir('swap');
    for (const id of ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']) await completeBuild(dataDir, id);
    await activateBuild(dataDir, '2026-01-05');
    expect((await pruneBuilds(dataDir, 3)).sort()).toEqual(['2026-01-01', '2026-01-02']);
    expect((await readdir(join(dataDir, 'builds'))).sort()).toEqual([
      '2026-01-03',
      '2026-01-03.json',
      '2026-01-04',
      '2026-01-04.json',
      '2026-01-05',
      '2026-01-05.json',
    ]);
  });

  it('keeps a complete build it is asked to spare (the slow path reads it) beyond the newest three', async () => {
    const dataDir = await temporaryDir('swap');
    for (const id of ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']) await completeBuild(dataDir, id);
    await activateBuild(dataDir, '2026-01-05');
    expect(await pruneBuilds(dataDir, 3, new Set(['2026-01-02']))).toEqual(['2026-01-01']);
  });

  it('never removes the build online, even after a rollback to an old one', async () => {
    const dataDir = await temporaryDir('swap');
    for (const id of ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']) await completeBuild(dataDir, id);
    await activateBuild(dataDir, '2026-01-01');
    await pruneBuilds(dataDir, 3);
    const dirs = (await readdir(join(dataDir, 'builds'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(dirs.sort()).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
  });

  it('removes directories without metadata (an interrupted build) and metadata without a directory', async () => {
    const dataDir = await temporaryDir('swap');
    await completeBuild(dataDir, '2026-01-01');
    await activateBuild(dataDir, '2026-01-01');
    await mkdir(buildDir(dataDir, '2026-01-02'), { recursive: true });
    await writeFile(buildMetadataFile(dataDir, '2025-12-31'), '{}');
    await pruneBuilds(dataDir, 3);
    expect((await readdir(join(dataDir, 'builds'))).sort()).toEqual(['2026-01-01', '2026-01-01.json']);
  });
});
