import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './hub-process.js';

export interface RendererAnswer {
  ok: boolean;
  kind?: string;
  routes?: number;
  written?: number;
  deleted?: number;
  renderedRoutes?: string[];
  /** the files that may differ from the live release's (incremental and slow-path releases) */
  changed?: string[];
  phases?: Record<string, number>;
  error?: string;
}

/** The publisher's long-lived site renderer (site/scripts/renderer.mjs), driven as the publisher drives it. */
export interface SiteRendererProcess {
  send(request: Record<string, unknown>): Promise<RendererAnswer>;
  stop(): Promise<void>;
  output(): string;
}

export async function startSiteRenderer(hubUrl: string): Promise<SiteRendererProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'site/scripts/renderer.mjs')], {
    env: { ...process.env, HUB_URL: hubUrl, SITE_CHART_CACHE_DIR: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  // Answers by request id: `prepare-slow` is answered beside the releases, so not always in the order sent.
  const waiting = new Map<number, (message: RendererAnswer & { type?: string }) => void>();
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    const message = JSON.parse(line) as RendererAnswer & { type?: string; id?: number };
    const key = message.type === 'ready' ? 0 : (message.id ?? -1);
    waiting.get(key)?.(message);
    waiting.delete(key);
  });
  const ended = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const next = (key: number) =>
    new Promise<RendererAnswer & { type?: string }>((resolve, reject) => {
      waiting.set(key, resolve);
      ended.then(() => reject(new Error(`the site renderer ended:\n${stderr}`)));
    });
  const ready = await next(0);
  if (ready.type !== 'ready') throw new Error(`the site renderer did not start: ${JSON.stringify(ready)}\n${stderr}`);
  let id = 0;
  return {
    async send(request) {
      const answer = next(++id);
      child.stdin!.write(`${JSON.stringify({ id, ...request })}\n`);
      return answer;
    },
    async stop() {
      child.stdin!.end();
      await ended;
    },
    output: () => stderr,
  };
}
