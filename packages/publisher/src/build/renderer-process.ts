import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** What the site renderer (site/scripts/renderer.mjs) answers for one release. */
export type RendererAnswer =
  | {
      ok: true;
      kind: 'full' | 'incremental' | 'search' | 'prepare-slow';
      routes: number;
      written: number;
      deleted: number;
      phases: Record<string, number>;
      renderedRoutes?: string[];
      /** The files that may differ from the live release's (incremental and slow-path releases). */
      changed?: string[];
    }
  | { ok: false; error: string };

export type RendererRequest =
  | { command: 'full'; outDir: string; now?: string }
  | { command: 'notices'; references: string[]; liveDir: string; outDir: string; recycle?: RecycledRelease; now?: string }
  | { command: 'search'; liveDir: string; outDir: string; recycle?: RecycledRelease; slowPages?: string; searchIndex?: string }
  /** The slow path's pages into `outDir`, beside the releases: the renderer answers other requests meanwhile. */
  | { command: 'prepare-slow'; liveDir: string; outDir: string };

/** An older release the renderer renames into place and brings level with the live one (recycling.ts). */
export interface RecycledRelease {
  dir: string;
  changed: readonly string[];
}

export interface RendererProcessOptions {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Everything the renderer prints on standard error (compilation, each release). */
  logFile: string;
  /** How long compiling the site may take. */
  readyTimeoutMs: number;
}

const STDERR_TAIL_CHARS = 4_000;

/**
 * The publisher's long-lived site renderer: one child process that compiles the site once, holds its data, and
 * renders releases one request at a time. A renderer that dies, or does not answer in time, is killed; the next
 * request starts a fresh one (which holds no data: the plan then asks for a full build).
 */
export class RendererProcess {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  /** The requests sent and not answered yet, by id: a release, and the slow path's pages beside it. */
  private readonly pending = new Map<number, (answer: RendererAnswer) => void>();
  private nextId = 1;
  private stderrTail = '';
  private log: WriteStream | null = null;
  /** Bumped each time a process starts: the data a renderer holds belongs to its generation. */
  generation = 0;

  constructor(private readonly options: RendererProcessOptions) {}

  /** The last lines the renderer wrote on standard error. */
  tail(): string {
    return this.stderrTail;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts the renderer if none runs; resolves once it has compiled the site. */
  start(): Promise<void> {
    if (this.ready) return this.ready;
    this.generation += 1;
    this.stderrTail = '';
    this.log = createWriteStream(this.options.logFile, { flags: 'a' });
    this.log.on('error', () => {});
    const child = spawn(this.options.file, this.options.args, { env: this.options.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stdin!.on('error', () => {});
    child.stderr!.on('data', (chunk: Buffer) => {
      this.log?.write(chunk);
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the site renderer did not compile within ${this.options.readyTimeoutMs} ms`));
        this.stop();
      }, this.options.readyTimeoutMs);
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        let message: { type?: string; id?: number } & Record<string, unknown>;
        try {
          message = JSON.parse(line);
        } catch {
          return;
        }
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve();
          return;
        }
        const answered = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
        if (typeof message.id === 'number') this.pending.delete(message.id);
        answered?.(message as unknown as RendererAnswer);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const why = `the site renderer ended (${code !== null ? `code ${code}` : signal})`;
        reject(new Error(why));
        if (this.child === child) {
          this.child = null;
          this.ready = null;
          this.log?.end();
        }
        const waiting = [...this.pending.values()];
        this.pending.clear();
        for (const resolve of waiting) resolve({ ok: false, error: why });
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    ready.catch(() => {});
    this.ready = ready;
    return ready;
  }

  /**
   * Sends one request and waits for its answer, at most `timeoutMs` (then the renderer is killed). The renderer
   * answers releases one at a time, in order; `prepare-slow` beside them.
   */
  async request(request: RendererRequest, timeoutMs: number): Promise<RendererAnswer> {
    try {
      await this.start();
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const child = this.child;
    if (!child) return { ok: false, error: 'the site renderer is not available' };
    const id = this.nextId++;
    return new Promise<RendererAnswer>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: `the site renderer did not answer within ${timeoutMs} ms` });
        this.stop();
      }, timeoutMs);
      this.pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      child.stdin!.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  /** Kills the renderer and its helpers (Pagefind). */
  stop(): void {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    this.child = null;
    this.ready = null;
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
  }
}
