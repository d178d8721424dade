import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, REPO_ROOT } from '../../site/support/hub-process.js';
import { managedProcess, type ManagedProcess } from './child-process.js';
import { eventually, GiveUp } from '../../../packages/hub/src/test-support/eventually.js';

// The real publisher through its CLI, building the real site with `site/scripts/build.mjs`. Its data directory and
// port survive a restart, as they would under a process supervisor.

const PUBLISHER_CLI = path.join(REPO_ROOT, 'packages/publisher/dist/main.js');

/** What the tests read from `GET /status` (see packages/publisher/src/status.ts). */
export interface PublisherStatus {
  current: { id: string; durationMs: number } | null;
  running: { id: string } | null;
  building: boolean;
  lastSuccess: { id: string; durationMs: number; finishedAt: string } | null;
  lastFailure: { id: string; reason: string; stderrTail: string; finishedAt: string } | null;
  eventsWaiting: number;
  nextBuildAt: string | null;
  nextRetryAt: string | null;
  /** The slow path (search index, indicators, open data) due after incremental releases. */
  nextSlowPathAt: string | null;
  totals: { eventsAccepted: number; buildsSucceeded: number; buildsFailed: number; searchReleases: number };
}

export interface Publisher {
  readonly url: string;
  readonly webhookUrl: string;
  /** A real `whsec_` secret, shared with the hub through `webhook subscribe`. */
  readonly secret: string;
  readonly process: ManagedProcess;
  /** Starts it and waits for /healthz; `buildNow` builds the site at once instead of waiting for an event. */
  start(options?: { buildNow?: boolean }): Promise<void>;
  status(): Promise<PublisherStatus>;
  /** Resolves once nothing is building, waiting or scheduled for a retry. */
  settled(): Promise<PublisherStatus>;
  /** A page of the site online: status and body. */
  page(pathname: string): Promise<{ status: number; body: string }>;
  /**
   * SIGSTOP / SIGCONT to the publisher's site renderer (its own process group, Pagefind included): a release it
   * started waits, and the publisher meanwhile keeps accepting events, as it does during a slow release.
   */
  freezeRenderer(): Promise<void>;
  thawRenderer(): void;
}

export async function createPublisher(dataDir: string, hubUrl: string): Promise<Publisher> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PUBLISHER_PORT: String(port),
    PUBLISHER_HOST: '127.0.0.1',
    PUBLISHER_DATA_DIR: dataDir,
    HUB_URL: hubUrl,
    WEBHOOK_SECRET: secret,
    PUBLISHER_LOG_LEVEL: 'warn',
    // The slow path follows incremental releases after a second rather than 30: settled() waits for it.
    PUBLISHER_SLOW_PATH_DELAY_MS: '1000',
    // Twenty publications sent at once reach the publisher as the hub commits them: on a loaded machine more than
    // the default quiet period (150 ms) apart. A wider one keeps the coalescing test about coalescing, not speed.
    PUBLISHER_QUIET_MS: '500',
  };
  // Never the demo secret: these tests sign with a secret of their own, as a real deployment does.
  delete env.PUBLISHER_DEMO;
  delete env.PUBLISHER_BUILD_COMMAND;
  // The details of /status (building, waiting events, next retry) are for the holder of the status token.
  const statusToken = 'e2e-status-token-0123456789abcdef';
  env.PUBLISHER_STATUS_TOKEN = statusToken;
  const serve = managedProcess('publisher', [PUBLISHER_CLI, 'serve'], env);
  let frozenGroups: number[] = [];

  const status = async (): Promise<PublisherStatus> => {
    const response = await fetch(`${url}/status`, { headers: { authorization: `Bearer ${statusToken}` } });
    if (!response.ok) throw new Error(`/status answered ${response.status}`);
    return (await response.json()) as PublisherStatus;
  };

  return {
    url,
    webhookUrl: `${url}/webhooks`,
    secret,
    process: serve,
    async start({ buildNow = false } = {}) {
      serve.start(buildNow ? ['--build-now'] : []);
      await eventually(async () => {
        if (!serve.running()) throw new GiveUp(`the publisher exited:\n${serve.output()}`);
        return (await fetch(`${url}/healthz`)).ok;
      }, { what: 'the publisher to answer /healthz', timeoutMs: 60_000 });
    },
    status,
    settled: () =>
      eventually(
        async () => {
          const now = await status();
          return (
            !now.building && now.eventsWaiting === 0 && now.nextRetryAt === null && now.nextBuildAt === null && now.nextSlowPathAt === null && now
          );
        },
        { what: 'the publisher to have nothing building, waiting or due for a retry', timeoutMs: 120_000 },
      ),
    async freezeRenderer() {
      const groups = await eventually(() => {
        const publisherPid = serve.pid();
        if (publisherPid === undefined) throw new GiveUp('the publisher is not running');
        const found = childrenOf(publisherPid);
        return found.length > 0 && found;
      }, { what: 'the publisher to have started its site renderer', timeoutMs: 60_000 });
      frozenGroups = groups;
      for (const group of groups) process.kill(-group, 'SIGSTOP');
    },
    thawRenderer() {
      for (const group of frozenGroups) {
        try {
          process.kill(-group, 'SIGCONT');
        } catch {
          // The renderer exited meanwhile: nothing left to wake.
        }
      }
      frozenGroups = [];
    },
    async page(pathname) {
      const response = await fetch(`${url}${pathname}`, { redirect: 'manual' });
      return { status: response.status, body: await response.text() };
    },
  };
}

/**
 * The child processes of `pid`, from Linux's /proc (every thread's list: Node spawns from the main thread, but
 * the kernel files a child under the thread that forked it). The publisher's only children are its site renderer
 * and the build commands, each started as the leader of its own process group.
 */
function childrenOf(pid: number): number[] {
  const tasks = readdirSync(`/proc/${pid}/task`);
  return tasks.flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
      .split(' ')
      .filter((field) => field.trim() !== '')
      .map(Number),
  );
}
