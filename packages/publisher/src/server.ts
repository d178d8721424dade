import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { createBuilder, type BuildRecord } from './build/builder.js';
import { nextFullBuildAt } from './build/full-build-schedule.js';
import { createReleaseBuilder } from './build/release-builder.js';
import type { ReleaseItem } from './build/release-plan.js';
import { DEFAULT_RETRY } from './build/coalescer.js';
import { BuildScheduler, systemClock, type Clock } from './build/scheduler.js';
import { buildDir, buildMetadataFile, pruneBuilds, readCurrentBuildId } from './build/site-swap.js';
import { readLeftOutSections } from './build/site-report.js';
import type { PublisherConfig } from './config.js';
import { registerStaticSite } from './serve/static-site.js';
import { publicStatus, StatusBook, type PublicStatus, type PublisherStatus } from './status.js';
import { DedupeStore } from './webhooks/dedupe-store.js';
import { webhookRoute } from './webhooks/route.js';
import { createWebhookVerifier } from './webhooks/verify.js';

export interface PublisherOptions {
  /** Time as a parameter (scheduling and webhook timestamps); the system clock by default. */
  clock?: Clock;
  /** Delay before the first retry of a failed build, doubling up to maxMs (5 s to 5 min by default). */
  retry?: { baseMs: number; maxMs: number };
}

export interface Publisher {
  /** Opens the data directory and starts serving; resolves with the base URL (the real port when 0 was asked). */
  listen(): Promise<{ url: string }>;
  /** Stops accepting requests, kills a running build, and resolves once everything is closed. */
  close(): Promise<void>;
  /** Schedules a build as if an event had arrived (coalesced with any others). */
  triggerBuild(reason: string): void;
  status(): PublisherStatus;
}

const KEEP_BUILDS = 3;

export function createPublisher(config: PublisherConfig, options: PublisherOptions = {}): Publisher {
  const clock = options.clock ?? systemClock;
  // Per-request lines would drown the build and webhook logs in static asset hits.
  const app: FastifyInstance = Fastify({
    logger: { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: true }),
  });
  const log = app.log;
  const book = new StatusBook();
  // With the site renderer, each event renders only what it changes (release-builder.ts); with an operator's
  // build command, each build is a full one by that command (builder.ts).
  const releaseBuilder = config.renderer
    ? createReleaseBuilder({
        dataDir: config.dataDir,
        hubUrl: config.hubUrl,
        renderer: config.renderer,
        ...(config.searchIndexer ? { searchIndexer: config.searchIndexer } : {}),
        timeoutMs: config.buildTimeoutMs,
        now: () => clock.now(),
        keepBuilds: KEEP_BUILDS,
        onWarning: (message) => log.warn(message),
      })
    : null;
  const builder =
    releaseBuilder ??
    createBuilder({
        dataDir: config.dataDir,
        command: config.buildCommand,
        hubUrl: config.hubUrl,
        timeoutMs: config.buildTimeoutMs,
        now: () => clock.now(),
        keepBuilds: KEEP_BUILDS,
        onWarning: (message) => log.warn(message),
        prestart: config.prestartBuild,
      });
  /** The slow path (a fresh search index) after incremental releases, and the periodic full build. */
  let slowTimer: unknown = null;
  let slowAt: number | null = null;
  let fullTimer: unknown = null;
  /**
   * Incremental releases made so far, and how many of them the search index online covers: the slow path runs
   * until it covers them all. `indexing` while the slow path's indexer runs (beside the releases, which go on).
   */
  let incrementalReleases = 0;
  let indexedReleases = 0;
  /**
   * Events that change only the slow path's pages, followed by the slow path beside the releases (no release of
   * their own: release-builder.ts `followBeside`), and how many of them the slow pages online cover.
   */
  let slowEvents = 0;
  let slowEventsCovered = 0;
  let indexing = false;
  /** Why the slow path's last attempt failed, for `/status`; cleared once one succeeds. */
  let slowPathFailure: { at: string; reason: string } | null = null;

  const scheduler = new BuildScheduler(
    {
      quietMs: config.quietMs,
      maxWaitMs: config.maxWaitMs,
      retryBaseMs: options.retry?.baseMs ?? DEFAULT_RETRY.retryBaseMs,
      retryMaxMs: options.retry?.maxMs ?? DEFAULT_RETRY.retryMaxMs,
    },
    clock,
    async (reasons, items) => {
      // A full build reads the slow pages' data too: it covers the events followed beside it until now.
      const slowEventsBefore = slowEvents;
      const result = await builder.build(
        reasons,
        (id, startedAt) => {
          log.info({ buildId: id, reasons }, 'build started');
          book.buildStarted({ id, startedAt, reasons });
        },
        items,
      );
      if (result.ok && result.release) {
        log.info({ buildId: result.id, release: { ...result.release, renderedRoutes: undefined } }, `${result.release.kind} release`);
        followRelease(result.release.kind, items, slowEventsBefore);
      } else if (!result.ok) {
        forgetIndexes(items);
      }
      const leftOut = result.ok ? await readLeftOutSections(buildDir(config.dataDir, result.id)) : [];
      book.buildFinished(result, leftOut);
      if (result.ok) {
        log.info({ buildId: result.id, durationMs: result.durationMs }, 'build online');
        if (leftOut.length > 0) log.warn({ buildId: result.id, leftOut }, 'the site online leaves out sections the hub refused');
      } else {
        log.error(
          { buildId: result.id, durationMs: result.durationMs, reason: result.reason, stderrTail: result.stderrTail },
          'build failed; the site online (if any) is unchanged',
        );
      }
      return result.ok;
    },
    (error) => log.error({ err: error }, 'build crashed'),
  );

  let state: 'new' | 'listening' | 'closed' = 'new';

  async function listen(): Promise<{ url: string }> {
    if (state !== 'new') throw new Error(`the publisher cannot listen once ${state}`);
    state = 'listening';
    await mkdir(config.dataDir, { recursive: true });
    // Directories left by a build that was killed with the process are debris, not sites.
    await pruneBuilds(config.dataDir, KEEP_BUILDS);
    const current = await readCurrentRecord(config.dataDir);
    if (current) book.restoreCurrent(current, await readLeftOutSections(buildDir(config.dataDir, current.id)));

    const deliveries = await DedupeStore.open(
      { file: join(config.dataDir, 'webhook-deliveries.json'), now: () => clock.now() },
      (message) => log.warn(message),
    );
    const verify = createWebhookVerifier(config.webhookSecret, () => clock.now());
    await app.register(webhookRoute, {
      verify,
      deliveries,
      onEvent: (payload) => {
        book.eventAccepted();
        const event = { type: payload.type, data: payload.data, ...(payload.sequence !== undefined ? { sequence: payload.sequence } : {}) };
        // An event that changes only the slow pages: the slow path now, beside the releases, and no release of its own.
        if (state === 'listening' && releaseBuilder?.followBeside(event)) {
          slowEvents += 1;
          log.info({ type: payload.type }, 'the slow path follows this event beside the releases');
          disarmSlowPath();
          runSlowPath();
          if (!indexing) armSlowPath();
          return;
        }
        scheduler.notify(payload.type, event);
      },
    });
    // Details (build ids, reasons, the build's stderr, which may name files and the hub) only for the operator's
    // token: a reverse proxy on the same machine makes every visitor look local, so the address proves nothing.
    const isOperator = statusTokenCheck(config.statusToken);
    app.get('/status', async (request, reply): Promise<PublisherStatus | PublicStatus> => {
      reply.header('cache-control', 'no-store');
      return isOperator(request.headers.authorization) ? status() : publicStatus(status());
    });
    app.get('/healthz', async () => ({ ok: true }));
    await registerStaticSite(app, { dataDir: config.dataDir });

    await app.listen({ port: config.port, host: config.host });
    builder.prepare();
    armFullBuild();

    // Events accepted after the online build had started may not be in it (the last run stopped first): catch up.
    const latestEvent = deliveries.latestAcceptedAt();
    if (latestEvent !== null && (current === null || latestEvent >= Date.parse(current.startedAt))) {
      triggerBuild('catch-up after restart');
    }
    return { url: baseUrl(app) };
  }

  async function close(): Promise<void> {
    if (state === 'closed') return;
    const wasListening = state === 'listening';
    state = 'closed';
    disarmSlowPath();
    if (fullTimer !== null) clock.clearTimeout(fullTimer);
    fullTimer = null;
    const schedulerClosed = scheduler.close();
    builder.abort();
    await Promise.all([schedulerClosed, wasListening ? app.close() : Promise.resolve()]);
  }

  function triggerBuild(reason: string): void {
    log.info({ reason }, 'build requested');
    scheduler.notify(reason, { full: reason });
  }

  /** What the search index and slow pages online cover after a release, and whether the slow path must follow. */
  function followRelease(kind: 'full' | 'incremental' | 'search', items: readonly ReleaseItem[], slowEventsBefore: number): void {
    if (kind === 'incremental') incrementalReleases += 1;
    const taken: Covered[] = [];
    for (const item of items) {
      if (!('searchIndex' in item) || !item.searchIndex) continue;
      taken.push(coveredBy.get(item.searchIndex.dir) ?? { releases: 0, slowEvents: 0 });
      coveredBy.delete(item.searchIndex.dir);
    }
    if (kind === 'full') {
      indexedReleases = incrementalReleases;
      slowEventsCovered = Math.max(slowEventsCovered, slowEventsBefore);
    } else if (taken.length > 0) {
      indexedReleases = Math.max(indexedReleases, ...taken.map((covered) => covered.releases));
      slowEventsCovered = Math.max(slowEventsCovered, ...taken.map((covered) => covered.slowEvents));
    }
    if (slowPathOwed()) armSlowPath();
    else disarmSlowPath();
  }

  /** Whether releases or events the slow path follows are not covered by the search index and slow pages online. */
  function slowPathOwed(): boolean {
    return indexedReleases < incrementalReleases || slowEventsCovered < slowEvents;
  }

  /** A failed release removed the indexes it brought (release-builder.ts): they cover nothing any more. */
  function forgetIndexes(items: readonly ReleaseItem[]): void {
    for (const item of items) if ('searchIndex' in item && item.searchIndex) coveredBy.delete(item.searchIndex.dir);
    if (slowPathOwed()) armSlowPath();
  }

  /** Whether something is still owed once the indexes made and waiting for their release are taken. */
  function owedOnceTaken(): boolean {
    const waiting = [...coveredBy.values()];
    return (
      Math.max(indexedReleases, ...waiting.map((covered) => covered.releases)) < incrementalReleases ||
      Math.max(slowEventsCovered, ...waiting.map((covered) => covered.slowEvents)) < slowEvents
    );
  }

  /**
   * For each prepared index (and slow pages), the incremental releases made and the events followed beside them when
   * it started (the release it reads, and the hub read after, cover them).
   */
  interface Covered {
    releases: number;
    slowEvents: number;
  }
  const coveredBy = new Map<string, Covered>();

  // Pagefind cannot remove or update a page: after incremental releases the shards of the search index whose notice
  // pages changed are made again (site/scripts/lib/search-shards.mjs), once, within slowPathDelayMs of the first
  // release the index does not cover yet. The indexer runs beside the releases (events do not wait for it); the
  // release after it takes its index, with the slow pages made again.
  function armSlowPath(): void {
    if (slowTimer !== null || state !== 'listening') return;
    slowAt = clock.now() + config.slowPathDelayMs;
    slowTimer = clock.setTimeout(() => {
      slowTimer = null;
      slowAt = null;
      runSlowPath();
    }, config.slowPathDelayMs);
  }

  function runSlowPath(): void {
    if (!releaseBuilder) {
      scheduler.notify('search index', { slow: 'search index after incremental releases' });
      return;
    }
    // One indexer at a time, and none while an index that covers every release made so far waits for the release
    // that takes it: the release after either re-arms the slow path for what its index does not cover.
    if (indexing || !owedOnceTaken()) return;
    indexing = true;
    const covers: Covered = { releases: incrementalReleases, slowEvents };
    releaseBuilder
      .prepareSearchIndex()
      .then((outcome) => {
        indexing = false;
        if (state !== 'listening') return;
        if (outcome === null) {
          // Nothing online to index yet, or the builder is closing.
          return;
        }
        if (outcome.ok) {
          slowPathFailure = null;
          coveredBy.set(outcome.searchIndex.dir, covers);
          scheduler.notify('search index', { slow: 'search index after incremental releases', searchIndex: outcome.searchIndex });
          return;
        }
        // The site online is untouched; try again later unless a full build made it pointless.
        slowPathFailure = { at: new Date(clock.now()).toISOString(), reason: outcome.reason };
        log.warn({ reason: outcome.reason }, 'the slow path (search index, slow pages) made nothing; the site online keeps its own');
        if (slowPathOwed()) armSlowPath();
      })
      .catch((error: unknown) => {
        indexing = false;
        log.error({ err: error }, 'the search index crashed');
      });
  }

  function disarmSlowPath(): void {
    if (slowTimer !== null) clock.clearTimeout(slowTimer);
    slowTimer = null;
    slowAt = null;
  }

  function armFullBuild(): void {
    if (!config.renderer || config.fullBuildAt === null || state !== 'listening') return;
    const at = nextFullBuildAt(clock.now(), config.fullBuildAt);
    fullTimer = clock.setTimeout(() => {
      fullTimer = null;
      triggerBuild('periodic full build');
      armFullBuild();
    }, at - clock.now());
  }

  function status(): PublisherStatus {
    return {
      ...book.report(scheduler.snapshot()),
      nextBuild: builder.prepared(),
      nextSlowPathAt: slowAt === null ? null : new Date(slowAt).toISOString(),
      searchIndexing: releaseBuilder?.searchIndexing() ?? null,
      lastSlowPathFailure: slowPathFailure,
    };
  }

  return { listen, close, triggerBuild, status };
}

/** Whether an `Authorization` header carries the status token; always false when none is configured. */
function statusTokenCheck(token: string | null): (authorization: string | undefined) => boolean {
  if (token === null) return () => false;
  // Hashes have the same length whatever was sent, so the comparison takes the same time too.
  const expected = createHash('sha256').update(token).digest();
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return false;
    return timingSafeEqual(createHash('sha256').update(match[1]!).digest(), expected);
  };
}

async function readCurrentRecord(dataDir: string): Promise<BuildRecord | null> {
  const id = await readCurrentBuildId(dataDir);
  if (id === null) return null;
  try {
    return JSON.parse(await readFile(buildMetadataFile(dataDir, id), 'utf8')) as BuildRecord;
  } catch {
    return null;
  }
}

function baseUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the publisher is not listening on TCP');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
