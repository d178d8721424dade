import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadOfficialFiles } from '../../site/src/lib/open-data/official-download.js';
import { OFFICIAL_FILES, officialFileUrl } from '../../site/src/lib/open-data/official-files.js';
// @ts-expect-error plain JavaScript module of the site's build scripts, without declarations
import { OFFICIAL_FILE_NAMES, officialFileAddress, prefetchOfficialFiles } from '../../site/scripts/lib/official-prefetch.mjs';
import { freePort, startSeededHub, type RunningHub } from './support/hub-process.js';

// build.mjs asks the hub for its official files while the site compiles; the renderer's download then reads those
// answers. What it writes and reports must be what it would have written asking the hub itself: checked against the
// real hub serving the demo's data (six awarded contracts, so no file is empty), asked once directly and once through
// the answers kept while compiling.

describe('the official files asked for while the site compiles', () => {
  let hub: RunningHub;
  let dir: string;

  beforeAll(async () => {
    hub = await startSeededHub();
    dir = await mkdtemp(path.join(tmpdir(), 'official-prefetch-'));
    // The renderer makes the directory it downloads into.
    for (const name of ['direct', 'prefetched', 'unreachable-direct', 'unreachable-prefetched']) await mkdir(path.join(dir, name));
  });

  afterAll(async () => {
    await hub?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The network's fetch, noting each address asked for. */
  const countingFetch = (requested: string[]) => (input: string | URL | Request, init?: RequestInit) => {
    requested.push(typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url);
    return globalThis.fetch(input, init);
  };

  it('asks for the files the renderer downloads, at the addresses it uses', () => {
    expect(OFFICIAL_FILE_NAMES).toEqual(OFFICIAL_FILES.map((file) => file.name));
    for (const name of OFFICIAL_FILE_NAMES) expect(officialFileAddress(`${hub.graphqlUrl}/`, name)).toBe(officialFileUrl(`${hub.graphqlUrl}/`, name));
  });

  it('gives the renderer the same files and description as asking the hub then, asking the hub once', async () => {
    const now = () => new Date('2026-12-07T22:00:00Z');
    const direct = await downloadOfficialFiles({ hubUrl: hub.graphqlUrl, dir: path.join(dir, 'direct'), now });
    const requested: string[] = [];
    const prefetch = prefetchOfficialFiles(hub.graphqlUrl, path.join(dir, 'kept'), { fetch: countingFetch(requested) });
    const fromPrefetch = await downloadOfficialFiles({ hubUrl: hub.graphqlUrl, dir: path.join(dir, 'prefetched'), now, fetch: prefetch.fetch });
    expect(fromPrefetch).toEqual(direct);
    expect(requested.map((url) => new URL(url).pathname)).toEqual(['/opendata/decp.json', '/opendata/ocds.json', '/opendata/lots.csv']);
    const files = await readdir(path.join(dir, 'direct'));
    expect(files.length).toBeGreaterThan(0);
    expect(await readdir(path.join(dir, 'prefetched'))).toEqual(files);
    for (const name of files) {
      const written = await readFile(path.join(dir, 'prefetched', name));
      const asked = await readFile(path.join(dir, 'direct', name));
      expect(written.length, name).toBeGreaterThan(0);
      if (name === 'ocds.json') {
        // The package's publishedDate is the time of its export, asked for twice here; the rest is the same.
        const withoutDate = (file: Buffer) => ({ ...JSON.parse(file.toString('utf8')), publishedDate: undefined });
        expect(withoutDate(written)).toEqual(withoutDate(asked));
      } else expect(written.equals(asked), name).toBe(true);
    }
  });

  it('fails the renderer’s download as asking an unreachable hub then would, naming the hub and the file', async () => {
    const hubUrl = `http://127.0.0.1:${await freePort()}/graphql`;
    const direct = await downloadOfficialFiles({ hubUrl, dir: path.join(dir, 'unreachable-direct') }).then(
      () => new Error('the download succeeded'),
      (error: Error) => error,
    );
    expect(direct.message).toMatch(/cannot reach the hub at .*to download .*\/opendata\/decp\.json/);
    const prefetch = prefetchOfficialFiles(hubUrl, path.join(dir, 'unreachable-kept'));
    await expect(downloadOfficialFiles({ hubUrl, dir: path.join(dir, 'unreachable-prefetched'), fetch: prefetch.fetch })).rejects.toThrow(direct.message);
  });
});
