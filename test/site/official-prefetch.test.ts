import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadOfficialFiles } from '../../site/src/lib/open-data/official-download.js';
import { OFFICIAL_FILES, officialFileUrl } from '../../site/src/lib/open-data/official-files.js';
// @ts-expect-error plain JavaScript module of the site's build scripts, without declarations
import { OFFICIAL_FILE_NAMES, officialFileAddress, prefetchOfficialFiles } from '../../site/scripts/lib/official-prefetch.mjs';

// build.mjs asks the hub for its official files while the site compiles; the renderer's download then reads those
// answers. What it writes and reports must be what it would have written asking the hub itself.

const CSV = '\uFEFFreference,title,award_amount\r\nDPV-2026-0001,Voirie,\r\n';
const DECP = '{"marches":{"marche":[]}}';

describe('the official files asked for while the site compiles', () => {
  let server: Server;
  let hubUrl: string;
  let dir: string;
  const requested: string[] = [];
  let answers: Record<string, (response: ServerResponse) => void>;

  beforeEach(async () => {
    requested.length = 0;
    answers = {
      '/opendata/decp.json': (response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(DECP), 'x-decp-contracts': '0' });
        response.end(DECP);
      },
      '/opendata/ocds.json': (response) => response.writeHead(204).end(),
      '/opendata/lots.csv': (response) => {
        response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': Buffer.byteLength(CSV) });
        response.end(CSV);
      },
    };
    server = createServer((request, response) => {
      requested.push(request.url ?? '');
      const answer = answers[request.url ?? ''];
      if (answer) answer(response);
      else response.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    dir = await mkdtemp(path.join(tmpdir(), 'official-prefetch-'));
    // The renderer makes the directory it downloads into.
    for (const name of ['direct', 'prefetched', 'out']) await mkdir(path.join(dir, name));
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('asks for the files the renderer downloads, at the addresses it uses', () => {
    expect(OFFICIAL_FILE_NAMES).toEqual(OFFICIAL_FILES.map((file) => file.name));
    for (const name of OFFICIAL_FILE_NAMES) expect(officialFileAddress(`${hubUrl}/`, name)).toBe(officialFileUrl(`${hubUrl}/`, name));
  });

  it('gives the renderer the same files and description as asking the hub then, asking the hub once', async () => {
    const now = () => new Date('2026-12-07T22:00:00Z');
    const direct = await downloadOfficialFiles({ hubUrl, dir: path.join(dir, 'direct'), now });
    requested.length = 0;
    const prefetch = prefetchOfficialFiles(hubUrl, path.join(dir, 'kept'));
    const fromPrefetch = await downloadOfficialFiles({ hubUrl, dir: path.join(dir, 'prefetched'), now, fetch: prefetch.fetch });
    expect(fromPrefetch).toEqual(direct);
    expect(requested).toEqual(['/opendata/decp.json', '/opendata/ocds.json', '/opendata/lots.csv']);
    expect(await readdir(path.join(dir, 'prefetched'))).toEqual(await readdir(path.join(dir, 'direct')));
    for (const name of ['decp.json', 'lots.csv']) {
      expect(await readFile(path.join(dir, 'prefetched', name))).toEqual(await readFile(path.join(dir, 'direct', name)));
    }
  });

  it('fails the renderer’s download as the hub’s answer did, naming the file', async () => {
    answers['/opendata/ocds.json'] = (response) => response.writeHead(500, { 'content-type': 'text/plain' }).end('export failed');
    const prefetch = prefetchOfficialFiles(hubUrl, path.join(dir, 'kept'));
    await expect(downloadOfficialFiles({ hubUrl, dir: path.join(dir, 'out'), fetch: prefetch.fetch })).rejects.toThrow(
      /HTTP 500 for .*\/opendata\/ocds\.json: export failed/,
    );
  });
});
