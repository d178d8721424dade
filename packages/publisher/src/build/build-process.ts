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
}

export type BuildProcessOutcome = { ok: true } | { ok: false; reason: string; stderrTail: string };

const STDERR_TAIL_CHARS = 4_000;

/** Runs the site build as a child process in its own process group, so a kill reaches Astro's workers too. */
export function runBuildProcess(options: BuildProcessOptions): Promise<BuildProcessOutcome> {
  const { command, killGraceMs = 5_000 } = options;
  return new Promise((resolve) => {
    const log = createWriteStream(options.logFile);
    log.on('error', () => {}); // a log that cannot be written must not fail the build
    const child =
      command.kind === 'argv'
        ? spawn(command.file, command.args, { env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(command.commandLine, { env: options.env, detached: true, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });

    let stderrTail = '';
    let stopReason: string | null = null;
    let killTimer: NodeJS.Timeout | undefined;

    child.stdout.on('data', (chunk: Buffer) => log.write(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      log.write(chunk);
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
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

    const timeout = setTimeout(() => stop(`timed out after ${options.timeoutMs} ms`), options.timeoutMs);
    const onAbort = () => stop('stopped because the publisher is shutting down');
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    let settled = false;
    const finish = (outcome: BuildProcessOutcome) => {
      if (settled) return;
      settled = true;
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
}
