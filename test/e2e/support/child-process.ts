import { spawn, type ChildProcess } from 'node:child_process';

// A Node program run as a child process that a test can kill, freeze and start again, keeping its output for the
// failure messages.

const running = new Set<ChildProcess>();

// A failed or interrupted test file must not leave servers behind on the machine's ports.
process.once('exit', () => {
  for (const child of running) {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
});

export interface ManagedProcess {
  readonly name: string;
  /** Everything it wrote on stdout and stderr, every run included. */
  output(): string;
  running(): boolean;
  /** The process id of the current run, if one is running. */
  pid(): number | undefined;
  /** Starts it, with `extraArgs` after the fixed ones for this run only. */
  start(extraArgs?: string[]): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL: the crash no shutdown handler sees. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: it keeps its sockets (connections are accepted by the kernel) but answers nothing. */
  freeze(): void;
  thaw(): void;
}

export function managedProcess(name: string, args: string[], env: NodeJS.ProcessEnv): ManagedProcess {
  let child: ChildProcess | null = null;
  let log = '';

  const exited = (target: ChildProcess) =>
    target.exitCode !== null || target.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => target.once('exit', () => resolve()));

  return {
    name,
    output: () => log,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    pid() {
      return this.running() ? child?.pid : undefined;
    },
    start(extraArgs = []) {
      if (this.running()) throw new Error(`${name} is already running`);
      const started = spawn(process.execPath, [...args, ...extraArgs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      log += `--- ${name} started (pid ${started.pid})\n`;
      started.stdout?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
      started.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
      started.once('exit', (code, signal) => {
        running.delete(started);
        log += `--- ${name} exited (${signal ?? code})\n`;
      });
      running.add(started);
      child = started;
    },
    async stop(graceMs = 15_000) {
      const target = child;
      if (!target || !this.running()) return;
      target.kill('SIGCONT');
      const timer = setTimeout(() => target.kill('SIGKILL'), graceMs);
      target.kill('SIGTERM');
      await exited(target);
      clearTimeout(timer);
    },
    async kill() {
      const target = child;
      if (!target || !this.running()) return;
      target.kill('SIGKILL');
      await exited(target);
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
  };
}
