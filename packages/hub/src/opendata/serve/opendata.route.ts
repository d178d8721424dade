import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MikroORM } from '@mikro-orm/sqlite';
import type { FastifyInstance } from 'fastify';
import { PUBLIC_STATUSES } from '../../notices/notice-lifecycle.js';
import { Notice } from '../../notices/notice.entity.js';
import type { Clock } from '../../shared/clock.js';
import type { HubConfig } from '../../shared/config.js';
import { exportOpenDataFiles, type ExportFormat, type ExportSummary } from '../export/exporter.js';
import { matchesEtag, openDataFile } from './opendata-files.js';
import { SharedGenerations, type GeneratedFile } from './shared-generations.js';

/**
 * Caches may keep a copy but must ask again each time (the ETag makes that a 304 when nothing changed): a site
 * rebuilt right after a change must never be handed the file from before it.
 */
const CACHE_CONTROL = 'public, no-cache';

/**
 * How long a new export waits for the requests sent with the first one: the site asks for its three files at once,
 * over three connections, and the OCDS package and the CSV are then written from one reading of the notices instead
 * of two (at 50,000 notices, about 6 of the 20 CPU-s the three files cost the hub). Short beside an export's seconds.
 */
const GATHER_MS = 50;

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('base64url');
}

/**
 * GET (and HEAD) /opendata/decp.json, /opendata/ocds.json and /opendata/lots.csv: the official open-data files of
 * every public notice, public and without a token. Each request exports afresh into a temporary file (one page of
 * notices in memory at a time), streams it, and removes it; simultaneous requests share one export, one export runs
 * at a time, and the files asked for together are written together (SharedGenerations): the OCDS package and the
 * CSV from one reading of the notices, which is most of the cost of either.
 *
 * No export is kept for later requests: not every change to what the files say writes an outbox event (an import
 * that only learns a buyer's SIRET, `hub seed`, a deadline passing before the scheduler records it), so nothing would
 * prove a kept file current; and the site asks for the files after each change anyway. An export of 10,000 notices
 * costs about 0.6 s (CSV) to 2 s (OCDS) of CPU; at 50,000, 8 to 12 CPU-s each alone, about 6 of them reading.
 *
 * - 200 with the file, `content-disposition: attachment`, its length and a strong ETag (SHA-256 of the bytes);
 *   `If-None-Match` gets a 304. The OCDS package's `publishedDate` is the time of the export, so its ETag changes
 *   on every export; DECP and CSV keep theirs while the data and the notices' open or closed state stay the same.
 * - 204 No Content, for all three alike, while the hub has no public notice: an OCDS release package must hold at
 *   least one release, so there is no valid empty file to give, and the same answer for all three keeps clients
 *   simple (the site then says there is nothing to download yet).
 * - 500 when the export fails, e.g. a record the official schema refuses (a bug of ours, logged): no partial file.
 */
/**
 * What a DECP file holds and leaves out, for a page that must say why a file is empty: `x-decp-contracts` (contracts
 * written), `x-decp-below-threshold` (awarded lots under 40 k€, which the DECP does not list) and `x-decp-left-out`
 * (awarded lots from the threshold left out, by what is missing: `BUYER_SIRET=6;DURATION=1`, empty when none).
 */
export function decpHeaders(summary: Pick<ExportSummary, 'records' | 'leftOut' | 'belowThreshold'>): Record<string, string> {
  const counts = new Map<string, number>();
  for (const item of summary.leftOut) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return {
    'x-decp-contracts': String(summary.records),
    'x-decp-below-threshold': String(summary.belowThreshold),
    'x-decp-left-out': [...counts].map(([kind, count]) => `${kind}=${count}`).join(';'),
  };
}

export function registerOpenDataRoutes(app: FastifyInstance, orm: MikroORM, config: HubConfig, clock: Clock): void {
  const generations = new SharedGenerations<ExportFormat>(
    async (formats, dir) => {
      const outcomes = new Map<ExportFormat, PromiseSettledResult<GeneratedFile | null>>();
      const publicNotices = await orm.em.fork().count(Notice, { status: { $in: [...PUBLIC_STATUSES] } });
      if (publicNotices === 0) {
        for (const format of formats) outcomes.set(format, { status: 'fulfilled', value: null });
        return outcomes;
      }
      const paths = Object.fromEntries(formats.map((format) => [format, join(dir, `export.${format}`)]));
      const started = performance.now();
      const summaries = await exportOpenDataFiles(orm, paths, { now: clock.now(), ocdsPrefix: config.ocdsPrefix });
      const ms = Math.round(performance.now() - started);
      for (const [format, summary] of summaries) {
        if (summary.status === 'rejected') {
          outcomes.set(format, summary);
          continue;
        }
        const path = paths[format]!;
        const [{ size }, digest] = await Promise.all([stat(path), sha256(path)]);
        const { notices, records, leftOut } = summary.value;
        // `with`: the other files written from the same reading of the notices, whose time `ms` includes.
        app.log.info({ format, notices, records, leftOut: leftOut.length, bytes: size, ms, with: formats.filter((other) => other !== format) }, 'open-data export');
        outcomes.set(format, { status: 'fulfilled', value: { path, size, etag: `"${digest}"`, headers: format === 'decp' ? decpHeaders(summary.value) : {} } });
      }
      return outcomes;
    },
    undefined,
    GATHER_MS,
  );

  app.get<{ Params: { file: string } }>('/opendata/:file', async (request, reply) => {
    const served = openDataFile(request.params.file);
    if (!served) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'No such open-data file: try decp.json, ocds.json or lots.csv' } });

    let lease;
    try {
      lease = await generations.acquire(served.format);
    } catch (error) {
      request.log.error({ err: error, file: request.params.file }, 'open-data export failed');
      return reply
        .code(500)
        .header('cache-control', 'no-store')
        .send({ error: { code: 'INTERNAL_SERVER_ERROR', message: `The export of ${request.params.file} failed: see the hub's log` } });
    }
    reply.header('cache-control', CACHE_CONTROL).header('access-control-allow-origin', '*');
    const { file } = lease;
    if (!file) {
      lease.release();
      return reply.code(204).send();
    }
    reply.header('etag', file.etag);
    for (const [name, value] of Object.entries(file.headers ?? {})) reply.header(name, value);
    if (file.headers && Object.keys(file.headers).length) reply.header('access-control-expose-headers', Object.keys(file.headers).join(', '));
    if (matchesEtag(request.headers['if-none-match'], file.etag)) {
      lease.release();
      return reply.code(304).send();
    }
    return reply
      .header('content-type', served.contentType)
      .header('content-disposition', `attachment; filename="${request.params.file}"`)
      .header('content-length', String(file.size))
      .header('x-content-type-options', 'nosniff')
      .send(lease.stream());
  });
}
