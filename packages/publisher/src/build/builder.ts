import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildCommand } from '../config.js';
import type { ReleaseDetails } from './release-builder.js';
import type { ReleaseItem } from './release-plan.js';
import { startBuildProcess, type BuildProcess } from './build-process.js';
import { activateBuild, buildDir, buildMetadataFile, buildsDir, isFile, pruneBuilds, removeBuild } from './site-swap.js';

export interface BuilderOptions {
  dataDir: string;
  command: BuildCommand;
  hubUrl: string;
  timeoutMs: number;
  now?: () => number;
  /** Complete builds kept on disk, the online one included, for rollback. */
  keepBuilds?: number;
  /** Build logs kept in `logs/`. */
  keepLogs?: number;
  /** How long a build may take to exit after SIGTERM (timeout or shutdown) before it gets SIGKILL. */
  killGraceMs?: number;
  /** Told about housekeeping that failed without harming the build (pruning old builds or logs). */
  onWarning?: (message: string) => void;
  /**
   * Keep the next build started ahead of time (see `waitForStart` in build-process.ts): the command must honour
   * `SITE_BUILD_START=stdin`, as site/scripts/build.mjs does. Saves Astro's start and compilation on each publication.
   */
  prestart?: boolean;
}

export interface BuildRecord {
  id: string;
  reasons: string[];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** How the release was made, when the site renderer made it (release-builder.ts). */
  release?: ReleaseDetails;
}

/** A build's record: from its start and end instants (ms), and how the release was made when there is anything to say. */
export function buildRecordOf(id: string, reasons: string[], started: number, finished: number, release?: ReleaseDetails): BuildRecord {
  return {
    id,
    reasons,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    ...(release ? { release } : {}),
  };
}

export type BuildResult = ({ ok: true } & BuildRecord) | ({ ok: false; reason: string; stderrTail: string } & BuildRecord);

export interface Builder {
  /** Builds the site into a fresh directory and, if it is complete, puts it online. Never rejects. */
  build(reasons: string[], onStart?: (id: string, startedAt: string) => void, items?: readonly ReleaseItem[]): Promise<BuildResult>;
  /** Starts the next build ahead of time, if `prestart` is on and none is waiting yet. */
  prepare(): void;
  /** The build started ahead of time, if any: `ready` once it has compiled and waits for its signal. */
  prepared(): { id: string; ready: boolean } | null;
  /** Kills the running build and the one started ahead of time, if any. */
  abort(): void;
}

/** A build process spawned ahead of time, waiting for its start signal. */
interface PreparedBuild {
  id: string;
  process: BuildProcess;
  controller: AbortController;
}

const logsDir = (dataDir: string) => join(dataDir, 'logs');

/** `2025-11-29T10-15-30-123Z-3fa9`: sortable by age, unique even for two builds in the same millisecond. */
export function newBuildId(at: number): string {
  return `${new Date(at).toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
}

export function createBuilder(options: BuilderOptions): Builder {
  const now = options.now ?? Date.now;
  const keepBuilds = options.keepBuilds ?? 3;
  const keepLogs = options.keepLogs ?? 20;
  let controller: AbortController | null = null;
  let prepared: PreparedBuild | null = null;
  let aborted = false;

  // The build directory is made when the build moves its result in (site/scripts/build.mjs does), so pruning
  // never mistakes the directory of a build waiting for its start for debris.
  function spawn(id: string, waitForStart: boolean, signal: AbortSignal): BuildProcess {
    return startBuildProcess({
      command: options.command,
      env: { ...process.env, SITE_OUT_DIR: buildDir(options.dataDir, id), HUB_URL: options.hubUrl },
      timeoutMs: options.timeoutMs,
      killGraceMs: options.killGraceMs,
      logFile: join(logsDir(options.dataDir), `${id}.log`),
      signal,
      waitForStart,
    });
  }

  async function prepareNext(): Promise<void> {
    if (!options.prestart || aborted || prepared || controller) return;
    await mkdir(logsDir(options.dataDir), { recursive: true });
    await mkdir(buildsDir(options.dataDir), { recursive: true });
    // A build that started meanwhile (it found no spare yet) will prepare the next one when it ends: starting one
    // now would have two builds compete for the processor.
    if (aborted || prepared || controller) return;
    const next = new AbortController();
    const id = newBuildId(now());
    prepared = { id, process: spawn(id, true, next.signal), controller: next };
  }

  function prepare(): void {
    prepareNext().catch((error: unknown) =>
      options.onWarning?.(`could not start the next build ahead of time: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** The build started ahead of time if it still waits for its signal; one that ended meanwhile is discarded. */
  async function takePrepared(): Promise<PreparedBuild | null> {
    const taken = prepared;
    prepared = null;
    if (!taken) return null;
    if (!taken.process.ended) return taken;
    // It ended before being told to start (a crash, or a command that ignores SITE_BUILD_START): whatever it
    // wrote was read at the wrong time.
    await removeBuild(options.dataDir, taken.id).catch(() => {});
    options.onWarning?.('the build started ahead of time ended before its start signal; starting a fresh one');
    return null;
  }

  async function build(reasons: string[], onStart?: (id: string, startedAt: string) => void): Promise<BuildResult> {
    const ready = await takePrepared();
    const started = now();
    const id = ready?.id ?? newBuildId(started);
    const record = (): BuildRecord => buildRecordOf(id, reasons, started, now());
    const outDir = buildDir(options.dataDir, id);
    onStart?.(id, new Date(started).toISOString());
    controller = ready?.controller ?? new AbortController();
    try {
      await mkdir(logsDir(options.dataDir), { recursive: true });
      await mkdir(buildsDir(options.dataDir), { recursive: true });
      const running = ready?.process ?? spawn(id, false, controller.signal);
      running.start();
      const outcome = await running.outcome;
      if (!outcome.ok) {
        await removeBuild(options.dataDir, id);
        return { ok: false, reason: outcome.reason, stderrTail: outcome.stderrTail, ...record() };
      }
      if (!(await isFile(join(outDir, 'index.html')))) {
        await removeBuild(options.dataDir, id);
        return { ok: false, reason: 'the build produced no index.html', stderrTail: '', ...record() };
      }
      const result = record();
      // Metadata marks the directory as complete; pruning treats a directory without it as debris.
      await writeFile(buildMetadataFile(options.dataDir, id), `${JSON.stringify(result, null, 2)}\n`);
      await activateBuild(options.dataDir, id);
      await housekeeping();
      return { ok: true, ...result };
    } catch (error) {
      await removeBuild(options.dataDir, id).catch(() => {});
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: `the publisher could not complete the build: ${message}`, stderrTail: '', ...record() };
    } finally {
      controller = null;
      // Started only now, so it never competes for the processor with the build it follows.
      prepare();
    }
  }

  // The new site is online by now: a failure here is worth a warning, not a failed build.
  async function housekeeping(): Promise<void> {
    try {
      await pruneBuilds(options.dataDir, keepBuilds);
      await pruneLogs(options.dataDir, keepLogs);
    } catch (error) {
      options.onWarning?.(`could not remove old builds or logs: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    build,
    prepare,
    prepared: () => (prepared && !prepared.process.ended ? { id: prepared.id, ready: prepared.process.ready } : null),
    abort: () => {
      aborted = true;
      controller?.abort();
      prepared?.controller.abort();
      prepared = null;
    },
  };
}

async function pruneLogs(dataDir: string, keep: number): Promise<void> {
  const names = (await readdir(logsDir(dataDir))).filter((name) => name.endsWith('.log')).sort();
  for (const name of names.slice(0, Math.max(0, names.length - keep))) {
    await rm(join(logsDir(dataDir), name), { force: true });
  }
}
