import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import type { BuildCommand } from '../config.js';

export interface BuildProcessOptions {
  command: BuildCommand;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Everything the build prints goes here, for the operator who wants more than the tail. */
  logFile: string;
  /** Aborting kills the build (used on shutdown). */
  signal?: AbortSignal;
  /** How long a build may take to exit after SIGTERM before it gets SIGKILL. */
  killGraceMs?: number;
  /**
   * Start the build ahead of time: it gets `SITE_BUILD_START=stdin`, compiles, and waits for `start()` (a line on
   * its standard input) before reading the hub. The timeout runs from `start()`.
   */
  waitForStart?: boolean;
}

/** A build process: one started ahead of time waits for `start()`; any other is already going. */
export interface BuildProcess {
  /** Lets a build started ahead of time go on and starts the timeout; later calls do nothing. */
  start(): void;
  /** True once the process has ended, whether or not it was started. */
  readonly ended: boolean;
  /** True once a build started ahead of time has compiled and waits for `start()` (it printed READY_MARKER). */
  readonly ready: boolean;
  readonly outcome: Promise<BuildProcessOutcome>;
}

export type BuildProcessOutcome = { ok: true } | { ok: false; reason: string; stderrTail: string };

const STDERR_TAIL_CHARS = 4_000;

/** What site/scripts/build.mjs prints once compiled and waiting for its start signal (READY_LINE in build-gate.ts). */
export const READY_MARKER = 'compiled; waiting for the start signal';

/**
 * Spawns the site build as a child process in its own process group, so a kill reaches Astro's workers too.
 * Unless `waitForStart`, call `start()` at once (it starts the timeout).
 */
export function startBuildProcess(options: BuildProcessOptions): BuildProcess {
  const { command, killGraceMs = 5_000, waitForStart = false } = options;
  let ended = false;
  let started = false;
  let ready = false;
  let startTimeout: () => void = () => {};
  let sendStart: () => void = () => {};
  const outcome = new Promise<BuildProcessOutcome>((resolve) => {
    const log = createWriteStream(options.logFile);
    log.on('error', () => {}); // a log that cannot be written must not fail the build
    const env = waitForStart ? { ...options.env, SITE_BUILD_START: 'stdin' } : options.env;
    const stdin = waitForStart ? 'pipe' : 'ignore';
    const child =
      command.kind === 'argv'
        ? spawn(command.file, command.args, { env, detached: true, stdio: [stdin, 'pipe', 'pipe'] })
        : spawn(command.commandLine, { env, detached: true, shell: true, stdio: [stdin, 'pipe', 'pipe'] });
    // A build that ended before its start signal closed its end of the pipe: writing to it must not throw.
    child.stdin?.on('error', () => {});
    sendStart = () => child.stdin?.end('start\n');
    // stdout and stderr are always pipes (the stdio array above is not narrowed by the compiler).

    let stderrTail = '';
    let stopReason: string | null = null;
    let killTimer: NodeJS.Timeout | undefined;

    child.stdout!.on('data', (chunk: Buffer) => log.write(chunk));
    child.stderr!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
      if (waitForStart && !ready && stderrTail.includes(READY_MARKER)) ready = true;
    });

    const stop = (reason: string) => {
      if (stopReason !== null) return;
      stopReason = reason;
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), killGraceMs);
    };
    const signalGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    };

    let timeout: NodeJS.Timeout | undefined;
    startTimeout = () => {
      timeout = setTimeout(() => stop(`timed out after ${options.timeoutMs} ms`), options.timeoutMs);
    };
    const onAbort = () => stop('stopped because the publisher is shutting down');
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    let settled = false;
    const finish = (outcome: BuildProcessOutcome) => {
      if (settled) return;
      settled = true;
      ended = true;
      clearTimeout(timeout);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      log.end(() => resolve(outcome));
    };

    child.on('error', (error) => finish({ ok: false, reason: `could not start the build: ${error.message}`, stderrTail }));
    child.on('close', (code, signal) => {
      if (stopReason !== null) finish({ ok: false, reason: stopReason, stderrTail });
      else if (code === 0) finish({ ok: true });
      else finish({ ok: false, reason: code !== null ? `exited with code ${code}` : `killed by ${signal}`, stderrTail });
      // Leftover processes of a finished build would keep writing into a directory we may delete.
      signalGroup('SIGKILL');
    });
  });
  return {
    start() {
      if (started || ended) return;
      started = true;
      startTimeout();
      if (waitForStart) sendStart();
    },
    get ended() {
      return ended;
    },
    get ready() {
      return ready && !ended;
    },
    outcome,
  };
}
