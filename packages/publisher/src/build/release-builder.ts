import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hardLinkTree } from '@territoire-achats/hard-links';
import type { Builder, BuildRecord, BuildResult } from './builder.js';
import { buildRecordOf, newBuildId } from './builder.js';
import {
  EVENT_HANDLING,
  lastSequenceOf,
  planRelease,
  withHandledBeside,
  type PendingEvent,
  type PreparedSearchIndex,
  type ReleaseItem,
  type ReleasePlan,
} from './release-plan.js';
import { startBuildProcess } from './build-process.js';
import { RendererProcess, type RendererAnswer } from './renderer-process.js';
import { changedSince, chooseRecycled, type MadeRelease, type RecycleChoice } from './recycling.js';
import { sparesDir } from './spare-copy.js';
import { activateBuild, buildDir, buildMetadataFile, buildsDir, completeBuildIds, isFile, pruneBuilds, readCurrentBuildId, removeBuild } from './site-swap.js';

export interface ReleaseBuilderOptions {
  dataDir: string;
  hubUrl: string;
  /** The renderer's command: `node site/scripts/renderer.mjs` (site/scripts/renderer.mjs describes it). */
  renderer: { file: string; args: string[] };
  /**
   * The slow path's indexer (`node site/scripts/search-index.mjs`, given a release directory and an output
   * directory): run beside the renderer, so events keep being released while it works.
   */
  searchIndexer?: { file: string; args: string[] };
  timeoutMs: number;
  now?: () => number;
  keepBuilds?: number;
  keepLogs?: number;
  onWarning?: (message: string) => void;
}

/** How a release was made, for `/status` and the release's metadata. */
export interface ReleaseDetails {
  kind: 'full' | 'incremental' | 'search';
  /** Why a full build (the start-up, an unknown event, a failed incremental step, the periodic reconciliation…). */
  why?: string;
  /** Routes rendered (an incremental release renders only those an event may move). */
  routesRendered: number;
  filesWritten: number;
  filesDeleted: number;
  /** The first routes rendered by an incremental release. */
  renderedRoutes?: string[];
  /**
   * How an incremental or slow-path release started as a copy of the live one: an older release recycled (which,
   * and how many changed files were re-linked from the live one), or every file hard-linked.
   */
  copy?: { kind: 'recycled' | 'spare'; from: string; files: number } | { kind: 'hard links' };
  /** Milliseconds per phase (read, routes, link, render, write, search…), in order. */
  phases: Record<string, number>;
}

const SHOWN_ROUTES = 50;
const logsDir = (dataDir: string) => join(dataDir, 'logs');
/** Where the slow path prepares search indexes, apart from the releases (emptied at start-up). */
export const searchIndexesDir = (dataDir: string) => join(dataDir, 'search');

/** How the slow path's indexing ended: an index for the next release, or why there is none (the site is untouched). */
export type SearchIndexOutcome = { ok: true; searchIndex: PreparedSearchIndex } | { ok: false; reason: string };

/** The slow path's work under way, for `/status`. */
export interface SearchIndexing {
  from: string;
  startedAt: string;
  /** Whether the slow pages are being rendered beside the releases too (else the slow-path release renders them). */
  slowPages: boolean;
}

/**
 * Releases through the long-lived site renderer (site/scripts/renderer.mjs): a full build when the plan says so
 * (start-up, restart, unknown event, gap, operator, periodic reconciliation), otherwise an incremental release from
 * the one online. A failed incremental step leaves the site online untouched and is followed at once by a full
 * build in the same call. Same contract as the child-process builder: never rejects, swaps atomically.
 */
export function createReleaseBuilder(options: ReleaseBuilderOptions): Builder & {
  close(): void;
  prepareSearchIndex(): Promise<SearchIndexOutcome | null>;
  searchIndexing(): SearchIndexing | null;
  followBeside(event: PendingEvent): boolean;
} {
  const now = options.now ?? Date.now;
  const keepBuilds = options.keepBuilds ?? 3;
  const keepLogs = options.keepLogs ?? 20;
  const renderer = new RendererProcess({
    file: options.renderer.file,
    args: options.renderer.args,
    env: { ...process.env, HUB_URL: options.hubUrl },
    logFile: join(logsDir(options.dataDir), 'renderer.log'),
    readyTimeoutMs: options.timeoutMs,
  });
  /** The release whose data the renderer holds, and the renderer process that holds it. */
  let held: { id: string; generation: number } | null = null;
  let lastSequence: number | null = null;
  /** Sequences of the events the slow path follows beside the releases (`followBeside`), not yet in `lastSequence`. */
  const handledBeside = new Set<number>();
  let closed = false;
  /** Full builds made so far: a search index started before the last one is obsolete. */
  let generation = 0;
  /** The slow path's indexing, while it runs: it reads `from`, which no release may recycle meanwhile. */
  let indexing: (SearchIndexing & { controller: AbortController }) | null = null;

  /**
   * A copy of the live release made while idle (spare-copy.ts), when the next release could not recycle an older
   * one (the first two after a full build): that release starts from it instead of hard-linking every file while a
   * publication waits.
   */
  let spare: { source: string; dir: string; ready: Promise<boolean>; done: boolean; made: boolean } | null = null;

  /** Releases neither recycled nor pruned: the one the slow path's indexer reads, and the one a spare is copied from. */
  const spared = (): Set<string> => new Set([...(indexing ? [indexing.from] : []), ...(spare ? [spare.source] : [])]);

  /** What this process remembers of the releases it made, for recycling (recycling.ts); forgotten once pruned. */
  const made = new Map<string, MadeRelease>();

  /**
   * An older complete release to make the new one from, if one qualifies: it stops counting as complete (its
   * metadata goes) before the renderer renames it, so a crash meanwhile leaves debris that pruning removes.
   */
  async function takeRecycled(liveId: string): Promise<RecycleChoice | null> {
    // The release the search index is being made from stays as it is (recycling would rename and rewrite it).
    const choice = chooseRecycled(made, liveId, await completeBuildIds(options.dataDir), keepBuilds, spared());
    if (choice) {
      await rm(buildMetadataFile(options.dataDir, choice.id), { force: true });
      made.delete(choice.id);
    }
    return choice;
  }

  /** The spare, brought level with the live release by the renderer, if it is a copy of the live one's line. */
  async function takeSpare(liveId: string): Promise<{ source: string; dir: string; changed: string[] } | null> {
    const taken = spare;
    if (!taken) return null;
    spare = null;
    // Still being made (an event right after a release): finishing it costs less than starting a copy again.
    const changed = (await taken.ready) ? changedSince(made, liveId, taken.source) : null;
    if (changed === null) {
      await rm(taken.dir, { recursive: true, force: true }).catch(() => {});
      return null;
    }
    return { source: taken.source, dir: taken.dir, changed };
  }

  /**
   * After a release, while no publication waits: when the next release would find no older release to recycle, a
   * spare copy of this one is made in the background for it (the spare left over from before is removed).
   */
  function prepareSpare(liveId: string): void {
    const previous = spare;
    const dir = join(sparesDir(options.dataDir), `spare-of-${liveId}`);
    const ready = (async () => {
      if (previous) {
        await previous.ready;
        await rm(previous.dir, { recursive: true, force: true });
      }
      const complete = await completeBuildIds(options.dataDir);
      if (closed || chooseRecycled(made, liveId, complete, keepBuilds, new Set(indexing ? [indexing.from] : [])) !== null) return false;
      await mkdir(sparesDir(options.dataDir), { recursive: true });
      await rm(dir, { recursive: true, force: true });
      await hardLinkTree(buildDir(options.dataDir, liveId), dir);
      return true;
    })().catch(async (error: unknown) => {
      if (!closed) options.onWarning?.(`could not prepare a copy of the release for the next one: ${error instanceof Error ? error.message : String(error)}`);
      await rm(dir, { recursive: true, force: true }).catch(() => {});
      return false;
    });
    const job = { source: liveId, dir, ready, done: false, made: false };
    void ready.then((made) => {
      job.done = true;
      job.made = made;
    });
    spare = job;
  }

  async function render(
    plan: ReleasePlan,
    outDir: string,
    liveId: string | null,
    searchIndex: PreparedSearchIndex | null,
  ): Promise<RendererAnswer & { copy?: ReleaseDetails['copy'] }> {
    if (plan.kind !== 'full' && liveId) {
      const liveDir = buildDir(options.dataDir, liveId);
      // A spare is there only when no older release could be recycled; taken or not, it is used up.
      const fromSpare = await takeSpare(liveId);
      const recycled = fromSpare ? null : await takeRecycled(liveId);
      const copy: ReleaseDetails['copy'] = recycled
        ? { kind: 'recycled', from: recycled.id, files: recycled.changed.length }
        : fromSpare
          ? { kind: 'spare', from: fromSpare.source, files: fromSpare.changed.length }
          : { kind: 'hard links' };
      const recycle = recycled
        ? { recycle: { dir: buildDir(options.dataDir, recycled.id), changed: recycled.changed } }
        : fromSpare
          ? { recycle: { dir: fromSpare.dir, changed: fromSpare.changed } }
          : {};
      const index = searchIndex ? { searchIndex: searchIndex.dir } : {};
      // The slow pages prepared beside the releases go into a slow-path release; an incremental release leaves them
      // for the one after (it has not taken them yet, so they are still waiting).
      const slowPages = plan.kind === 'search' && searchIndex?.slowPages ? { slowPages: searchIndex.slowPages } : {};
      const answer =
        plan.kind === 'incremental'
          ? await renderer.request({ command: 'notices', references: plan.references, liveDir, outDir, ...recycle, ...index }, options.timeoutMs)
          : await renderer.request({ command: 'search', liveDir, outDir, ...recycle, ...index, ...slowPages }, options.timeoutMs);
      return { ...answer, copy };
    }
    return renderer.request({ command: 'full', outDir }, options.timeoutMs);
  }

  async function build(reasons: string[], onStart?: (id: string, startedAt: string) => void, items: readonly ReleaseItem[] = []): Promise<BuildResult> {
    const started = now();
    const id = newBuildId(started);
    const record = (details?: ReleaseDetails): BuildRecord => buildRecordOf(id, reasons, started, now(), details);
    onStart?.(id, new Date(started).toISOString());
    const outDir = buildDir(options.dataDir, id);
    try {
      await mkdir(logsDir(options.dataDir), { recursive: true });
      await mkdir(buildsDir(options.dataDir), { recursive: true });
      const currentId = await readCurrentBuildId(options.dataDir);
      const inStep = held !== null && held.id === currentId && held.generation === renderer.generation && renderer.running;
      let plan = planRelease(items, { rendererInStep: inStep, lastSequence, handledBeside });
      // The newest index the slow path prepared, unless a full build made since has a fresher one.
      const searchIndex = plan.kind === 'full' ? null : latestSearchIndex(items);
      let answer = await render(plan, outDir, currentId, searchIndex);
      if (!answer.ok && plan.kind !== 'full') {
        // The live site is untouched; the renderer's data may not be: rebuild everything.
        options.onWarning?.(`the ${plan.kind} release failed (${answer.error}); falling back to a full build`);
        await removeBuild(options.dataDir, id);
        plan = { kind: 'full', reason: `the ${plan.kind} release failed: ${answer.error}` };
        answer = await render(plan, outDir, currentId, null);
      }
      if (!answer.ok || answer.kind === 'prepare-slow') {
        held = null;
        await removeBuild(options.dataDir, id);
        return { ok: false, reason: answer.ok ? 'the renderer answered a release with prepared pages' : answer.error, stderrTail: renderer.tail(), ...record() };
      }
      if (!(await isFile(join(outDir, 'index.html')))) {
        held = null;
        await removeBuild(options.dataDir, id);
        return { ok: false, reason: 'the build produced no index.html', stderrTail: renderer.tail(), ...record() };
      }
      const details: ReleaseDetails = {
        kind: answer.kind,
        ...(plan.kind === 'full' ? { why: plan.reason } : {}),
        routesRendered: answer.routes,
        filesWritten: answer.written,
        filesDeleted: answer.deleted,
        ...(answer.renderedRoutes ? { renderedRoutes: answer.renderedRoutes.slice(0, SHOWN_ROUTES) } : {}),
        ...(answer.kind !== 'full' && answer.copy ? { copy: answer.copy } : {}),
        phases: answer.phases,
      };
      const result = record(details);
      // Metadata marks the directory as complete; pruning treats a directory without it as debris.
      await writeFile(buildMetadataFile(options.dataDir, id), `${JSON.stringify(result, null, 2)}\n`);
      await activateBuild(options.dataDir, id);
      made.set(id, answer.kind === 'full' || !answer.changed ? { parent: null, changed: null } : { parent: currentId, changed: answer.changed });
      held = { id, generation: renderer.generation };
      if (answer.kind === 'full') {
        // Its own index is fresher than any being made from an older release.
        generation += 1;
        indexing?.controller.abort();
      }
      // A full build read everything, the events the slow path followed beside it included.
      lastSequence =
        plan.kind === 'full'
          ? lastSequenceOf(items, handledBeside.size > 0 ? Math.max(...handledBeside) : null)
          : withHandledBeside(lastSequenceOf(items, lastSequence), handledBeside);
      for (const sequence of handledBeside) if (lastSequence !== null && sequence <= lastSequence) handledBeside.delete(sequence);
      await housekeeping();
      // Not awaited: the release is online; the copy is made while the publisher waits for the next event.
      prepareSpare(id);
      return { ok: true, ...result };
    } catch (error) {
      held = null;
      await removeBuild(options.dataDir, id).catch(() => {});
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: `the publisher could not complete the build: ${message}`, stderrTail: renderer.tail(), ...record() };
    } finally {
      // Taken (moved into the release) or not, the indexes the batch brought are done with.
      for (const item of items) if ('searchIndex' in item && item.searchIndex) await rm(item.searchIndex.dir, { recursive: true, force: true }).catch(() => {});
    }
  }

  /** The newest prepared index among the items, if it is still of this generation (no full build since it started). */
  function latestSearchIndex(items: readonly ReleaseItem[]): PreparedSearchIndex | null {
    const prepared = items.flatMap((item) => ('searchIndex' in item && item.searchIndex ? [item.searchIndex] : []));
    const latest = prepared.sort((a, b) => a.from.localeCompare(b.from)).at(-1);
    return latest && latest.generation === generation ? latest : null;
  }

  /**
   * The slow path's work, off the critical path of events: the search index, made from the release online by a
   * process of its own, and the slow pages (indicators, open-data files…), rendered again by the renderer beside
   * the releases it goes on making (renderer.mjs `prepare-slow`), both while releases go on. The release it reads
   * is kept from recycling meanwhile; a full build made meanwhile stops both (its own index and pages are fresher).
   * Resolves with what was prepared, for the next release to take, or with why there is nothing (whatever was
   * written removed; the site online is untouched); null when there is nothing to index or it already runs.
   */
  async function prepareSearchIndex(): Promise<SearchIndexOutcome | null> {
    if (closed || indexing || !options.searchIndexer) return null;
    const from = await readCurrentBuildId(options.dataDir);
    if (from === null || closed || indexing) return null;
    const startedAt = now();
    const dir = join(searchIndexesDir(options.dataDir), newBuildId(startedAt));
    const controller = new AbortController();
    // The slow pages need a renderer holding data (a release made by it); else the slow-path release makes them.
    const withPages = held !== null && renderer.running && held.generation === renderer.generation;
    const job = { from, startedAt: new Date(startedAt).toISOString(), slowPages: withPages, controller };
    indexing = job;
    const startedIn = generation;
    try {
      await mkdir(searchIndexesDir(options.dataDir), { recursive: true });
      await mkdir(logsDir(options.dataDir), { recursive: true });
      const indexer = startBuildProcess({
        command: { kind: 'argv', file: options.searchIndexer.file, args: [...options.searchIndexer.args, buildDir(options.dataDir, from), dir] },
        env: process.env,
        timeoutMs: options.timeoutMs,
        logFile: join(logsDir(options.dataDir), 'search-index.log'),
        signal: controller.signal,
      });
      indexer.start();
      const slowDir = join(dir, 'slow');
      const pages = withPages
        ? renderer.request({ command: 'prepare-slow', liveDir: buildDir(options.dataDir, from), outDir: slowDir }, options.timeoutMs)
        : Promise.resolve(null);
      const [outcome, made] = await Promise.all([indexer.outcome, pages]);
      const failure = !outcome.ok
        ? `${outcome.reason}\n${outcome.stderrTail}`.trim()
        : made && !made.ok
          ? `the slow pages could not be made: ${made.error}`
          : controller.signal.aborted || generation !== startedIn
            ? 'a full build made meanwhile indexed and rendered everything itself'
            : null;
      if (failure !== null) {
        await rm(dir, { recursive: true, force: true });
        return { ok: false, reason: failure };
      }
      return { ok: true, searchIndex: { dir, from, generation: startedIn, ...(made ? { slowPages: slowDir } : {}) } };
    } catch (error) {
      await rm(dir, { recursive: true, force: true }).catch(() => {});
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    } finally {
      if (indexing === job) indexing = null;
    }
  }

  /**
   * An event that changes only the slow path's pages (release-plan.ts `slow`), followed by the slow path beside the
   * releases rather than by a release that renders them while publications wait: true when the renderer holds the
   * data of the site online (the slow pages can then be prepared beside it) and the event follows the last one seen
   * without a gap, its sequence then counted as seen; false otherwise (the caller hands it to the scheduler, whose
   * plan then says what to do: a full build for a gap or a renderer out of step, else a slow-path release).
   */
  function followBeside(event: PendingEvent): boolean {
    if (closed || !options.searchIndexer || !Object.hasOwn(EVENT_HANDLING, event.type) || EVENT_HANDLING[event.type] !== 'slow') return false;
    if (held === null || !renderer.running || held.generation !== renderer.generation) return false;
    if (event.sequence !== undefined) {
      const last = withHandledBeside(lastSequence, handledBeside);
      if (last !== null && event.sequence > last + 1) return false;
      if (last === null || event.sequence > last) handledBeside.add(event.sequence);
    }
    return true;
  }

  async function housekeeping(): Promise<void> {
    try {
      await pruneBuilds(options.dataDir, keepBuilds, spared());
      const complete = new Set(await completeBuildIds(options.dataDir));
      for (const id of made.keys()) if (!complete.has(id)) made.delete(id);
      const names = (await readdir(logsDir(options.dataDir))).filter((name) => name.endsWith('.log') && name !== 'renderer.log').sort();
      for (const name of names.slice(0, Math.max(0, names.length - keepLogs))) await rm(join(logsDir(options.dataDir), name), { force: true });
    } catch (error) {
      options.onWarning?.(`could not remove old builds or logs: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    build,
    prepareSearchIndex,
    searchIndexing: () => (indexing ? { from: indexing.from, startedAt: indexing.startedAt, slowPages: indexing.slowPages } : null),
    followBeside,
    // The renderer compiles the site once, at start-up, instead of once per build.
    prepare: () => {
      if (closed) return;
      // Indexes a previous run was preparing belong to releases this run will not continue from.
      rm(searchIndexesDir(options.dataDir), { recursive: true, force: true })
        .then(() => rm(sparesDir(options.dataDir), { recursive: true, force: true }))
        .then(() => mkdir(logsDir(options.dataDir), { recursive: true }))
        .then(() => renderer.start())
        .catch((error: unknown) => options.onWarning?.(`the site renderer could not start: ${error instanceof Error ? error.message : String(error)}`));
    },
    // The copy the next release will start from, in `/status` as the next build made ahead of time.
    prepared: () => (spare && !(spare.done && !spare.made) ? { id: `spare-of-${spare.source}`, ready: spare.done } : null),
    abort: () => {
      closed = true;
      indexing?.controller.abort();
      renderer.stop();
    },
    close: () => {
      closed = true;
      indexing?.controller.abort();
      renderer.stop();
    },
  };
}
