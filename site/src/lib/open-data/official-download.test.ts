import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubError } from '../hub/client.js';
import { downloadOfficialFiles, officialDownloadTimeoutMs } from './official-download.js';

// A real HTTP server standing in for the hub's /opendata/ routes, including the ways they can fail (the browser
// tests download from the real hub).

type Answer = (response: ServerResponse) => void;

const CSV = '\uFEFFreference,title,award_amount\r\nDPV-2026-0001,Voirie,\r\n';

const file = (body: string, type = 'application/json; charset=utf-8'): Answer => (response) => {
  response.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
};

describe('downloading the official open-data files from the hub', () => {
  let server: Server;
  let hubUrl: string;
  let dir: string;
  let answers: Record<string, Answer>;
  const requested: string[] = [];
  /** Answers the server has finished sending. */
  let finished = 0;

  beforeEach(async () => {
    answers = {
      '/opendata/decp.json': file('{"marches":{"marche":[]}}'),
      '/opendata/ocds.json': file('{"releases":[{}]}'),
      '/opendata/lots.csv': file(CSV, 'text/csv; charset=utf-8'),
    };
    requested.length = 0;
    finished = 0;
    server = createServer((request, response) => {
      requested.push(`${request.method} ${request.url}`);
      response.on('finish', () => (finished += 1));
      const answer = answers[request.url ?? ''];
      if (answer) answer(response);
      else response.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    dir = await mkdtemp(path.join(tmpdir(), 'official-download-'));
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the three files beside each other and describes them: sizes, and the columns of the CSV', async () => {
    const manifest = await downloadOfficialFiles({ hubUrl, dir, now: () => new Date('2026-12-01T09:00:00Z') });
    expect(requested.sort()).toEqual(['GET /opendata/decp.json', 'GET /opendata/lots.csv', 'GET /opendata/ocds.json']);
    expect(manifest).toEqual({
      downloadedAt: '2026-12-01T09:00:00.000Z',
      files: { 'decp.json': { bytes: 25 }, 'ocds.json': { bytes: 17 }, 'lots.csv': { bytes: Buffer.byteLength(CSV) } },
      csvColumns: ['reference', 'title', 'award_amount'],
    });
    expect(await readFile(path.join(dir, 'lots.csv'), 'utf8')).toBe(CSV);
  });

  it('writes no file, and says so, when the hub has no public notice yet (204)', async () => {
    for (const route of Object.keys(answers)) answers[route] = (response) => response.writeHead(204).end();
    const manifest = await downloadOfficialFiles({ hubUrl, dir });
    expect(manifest.files).toEqual({ 'decp.json': null, 'ocds.json': null, 'lots.csv': null });
    expect(manifest.csvColumns).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails, naming the route, when the hub answers an error for any file', async () => {
    answers['/opendata/ocds.json'] = (response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"error":{"message":"The export of ocds.json failed"}}');
    };
    const error = await downloadOfficialFiles({ hubUrl, dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HubError);
    expect((error as Error).message).toMatch(/the hub answered HTTP 500 for http:\/\/127\.0\.0\.1:\d+\/opendata\/ocds\.json: .*export of ocds\.json failed/);
  });

  it('fails when a file arrives shorter than announced', async () => {
    answers['/opendata/decp.json'] = (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
      response.write('{"marches":');
      response.destroy();
    };
    await expect(downloadOfficialFiles({ hubUrl, dir })).rejects.toThrow(/decp\.json/);
    expect(await readdir(dir)).not.toContain('decp.json');
  });

  it('fails with the address when nothing answers there', async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    server = createServer();
    await expect(downloadOfficialFiles({ hubUrl, dir })).rejects.toThrow(
      /cannot reach the hub at http:\/\/127\.0\.0\.1:\d+\/graphql to download http:\/\/127\.0\.0\.1:\d+\/opendata\/(decp\.json|ocds\.json|lots\.csv): .*ECONNREFUSED/,
    );
  });

  it('asks for the three files at once, since the hub writes the files asked for together from one reading', async () => {
    let started = 0;
    const overlaps: number[] = [];
    const countingFetch: typeof globalThis.fetch = (input, init) => {
      // How many downloads are under way when this one starts, itself included.
      overlaps.push(++started - finished);
      return globalThis.fetch(input, init);
    };
    await downloadOfficialFiles({ hubUrl, dir, fetch: countingFetch });
    expect(overlaps).toEqual([1, 2, 3]);
  });

  it('fails, naming the file and the time limit, when the hub does not finish an export in time', async () => {
    answers['/opendata/ocds.json'] = () => {
      // Never answers: a hub that stopped working on the export.
    };
    const error = await downloadOfficialFiles({ hubUrl, dir, timeoutMs: 300 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HubError);
    expect((error as Error).message).toMatch(/ocds\.json: no complete answer before the time limit \(0\.3 s\)/);
  });

  it('waits longer for the exports of a larger territory: five minutes, and 10 ms more per public notice', () => {
    expect(officialDownloadTimeoutMs()).toBe(300_000);
    expect(officialDownloadTimeoutMs(1_000)).toBe(310_000);
    expect(officialDownloadTimeoutMs(50_000)).toBe(800_000);
  });
});
