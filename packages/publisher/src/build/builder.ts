import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildCommand } from '../config.js';
import { runBuildProcess } from './build-process.js';
import { activateBuild, buildDir, buildMetadataFile, isFile, pruneBuilds, removeBuild } from './site-swap.js';

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
}

export interface BuildRecord {
  id: string;
  reasons: string[];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

export type BuildResult = ({ ok: true } & BuildRecord) | ({ ok: false; reason: string; stderrTail: string } & BuildRecord);

export interface Builder {
  /** Builds the site into a fresh directory and, if it is complete, puts it online. Never rejects. */
  build(reasons: string[], onStart?: (id: string, startedAt: string) => void): Promise<BuildResult>;
  /** Kills the running build, if any. */
  abort(): void;
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

  async function build(reasons: string[], onStart?: (id: string, startedAt: string) => void): Promise<BuildResult> {
    const started = now();
    const id = newBuildId(started);
    const record = (): BuildRecord => {
      const finished = now();
      return {
        id,
        reasons,
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        durationMs: finished - started,
      };
    };
    const outDir = buildDir(options.dataDir, id);
    onStart?.(id, new Date(started).toISOString());
    controller = new AbortController();
    try {
      await mkdir(outDir, { recursive: true });
      await mkdir(logsDir(options.dataDir), { recursive: true });
      const outcome = await runBuildProcess({
        command: options.command,
        env: { ...process.env, SITE_OUT_DIR: outDir, HUB_URL: options.hubUrl },
        timeoutMs: options.timeoutMs,
        killGraceMs: options.killGraceMs,
        logFile: join(logsDir(options.dataDir), `${id}.log`),
        signal: controller.signal,
      });
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
    abort: () => controller?.abort(),
  };
}

async function pruneLogs(dataDir: string, keep: number): Promise<void> {
  const names = (await readdir(logsDir(dataDir))).filter((name) => name.endsWith('.log')).sort();
  for (const name of names.slice(0, Math.max(0, names.length - keep))) {
    await rm(join(logsDir(dataDir), name), { force: true });
  }
}
