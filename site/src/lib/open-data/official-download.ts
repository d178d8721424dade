import { createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { HubError } from '../hub/client.js';
import { OFFICIAL_FILES, officialFileUrl, parseDecpCounts, type OfficialFileName, type OfficialManifest } from './official-files.js';

export interface DownloadOptions {
  /** The hub's GraphQL endpoint, as for the rest of the build; the files are beside it. */
  hubUrl: string;
  dir: string;
  /**
   * Per file, from the request to its last byte (the hub writes the whole export before it answers). Default:
   * `officialDownloadTimeoutMs(notices)`.
   */
  timeoutMs?: number;
  /** The public notices the build read: the exports' time grows with them, and so does the default limit. */
  notices?: number;
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'no complete answer before the time limit';
  const cause = (error as Error & { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  return code ? `${error.message} (${code})` : error.message;
}

function limitNote(error: unknown, timeoutMs: number): string {
  return error instanceof Error && error.name === 'TimeoutError' ? ` (${timeoutMs / 1000} s)` : '';
}

/** The first line of a CSV file, without its byte order mark: the column names. */
async function csvHeader(file: string): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(16_384);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    const end = text.search(/\r?\n/);
    if (end < 0) throw new HubError(`the hub's ${path.basename(file)} has no complete header line`);
    return text.slice(0, end).split(',');
  } finally {
    await handle.close();
  }
}

/**
 * How long one export may take by default: five minutes, and 10 ms more per public notice. The hub writes each file
 * from every public notice before it answers (at 50,000 notices 23 to 34 s each, measured with the machine's other
 * core busy); a fixed five minutes failed the full build of a territory that size on a loaded machine, while a hub
 * that stopped answering must still fail the build rather than hold it for ever.
 */
export function officialDownloadTimeoutMs(notices = 0): number {
  return 300_000 + 10 * Math.max(0, notices);
}

async function downloadOne(name: OfficialFileName, options: DownloadOptions): Promise<OfficialManifest['files'][OfficialFileName]> {
  const { hubUrl, dir, timeoutMs = officialDownloadTimeoutMs(options.notices), fetch = globalThis.fetch } = options;
  const url = officialFileUrl(hubUrl, name);
  const target = path.join(dir, name);
  // One limit from the request to the file's last byte.
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    // Worded like the GraphQL client's message: the operator set HUB_URL, so that is the address to name first.
    throw new HubError(`cannot reach the hub at ${hubUrl} to download ${url}: ${describeCause(error)}${limitNote(error, timeoutMs)}`, { cause: error });
  }
  // 204: the hub has no public notice yet, so no file (an OCDS package cannot be empty); the page says so.
  if (response.status === 204) return null;
  if (response.status !== 200 || !response.body) {
    const text = await response.text().catch(() => '');
    throw new HubError(`the hub answered HTTP ${response.status} for ${url}: ${text.slice(0, 200)}`);
  }
  try {
    // Streamed to disk: the exports of a large territory are tens of megabytes.
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(target));
  } catch (error) {
    await rm(target, { force: true });
    throw new HubError(`the download of ${url} broke off: ${describeCause(error)}${limitNote(error, timeoutMs)}`, { cause: error });
  }
  const { size } = await stat(target);
  const announced = response.headers.get('content-length');
  if (size === 0 || (announced !== null && Number(announced) !== size)) {
    throw new HubError(`the hub's ${name} is incomplete: ${size} bytes received${announced ? ` of ${announced}` : ''}`);
  }
  // The hub says what its DECP holds and leaves out, so the page can say why a file is empty.
  const decp = name === 'decp.json' ? parseDecpCounts(response.headers) : undefined;
  return decp ? { bytes: size, decp } : { bytes: size };
}

/**
 * Downloads the hub's official open-data files into `dir`, all or nothing: any answer other than the file (200) or
 * "nothing to publish yet" (204) fails the build, as a GraphQL error does. All three asked for at once: the hub
 * writes the files asked for together in one export, the OCDS package and the CSV from one reading of its notices
 * (asked one after another, it read every notice once for each, about 6 CPU-s each at 50,000 notices). The first
 * failure, in the files' order, is the one reported, once every download has ended.
 */
export async function downloadOfficialFiles(options: DownloadOptions): Promise<OfficialManifest> {
  const { now = () => new Date() } = options;
  const downloads = await Promise.allSettled(OFFICIAL_FILES.map((file) => downloadOne(file.name, options)));
  const failed = downloads.find((download) => download.status === 'rejected');
  if (failed) throw failed.reason;
  const sizes = downloads.map((download) => (download.status === 'fulfilled' ? download.value : null));
  const files = Object.fromEntries(OFFICIAL_FILES.map((file, index) => [file.name, sizes[index] ?? null])) as OfficialManifest['files'];
  const lots = files['lots.csv'];
  return {
    downloadedAt: now().toISOString(),
    files,
    csvColumns: lots ? await csvHeader(path.join(options.dir, 'lots.csv')) : [],
  };
}
