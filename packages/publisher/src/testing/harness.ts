import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { parseConfig, type PublisherConfig } from '../config.js';
import { createPublisher, type Publisher, type PublisherOptions } from '../server.js';
import { eventually } from '../../../hub/src/test-support/eventually.js';

// The repository's one polling helper, for the publisher's tests too.
export { eventually };

/** Test support only (not compiled into dist): a real publisher on an ephemeral port, building with a fake site. */

export const FIXTURE_BUILD_SCRIPT = fileURLToPath(new URL('../../test-fixtures/fake-site-build.mjs', import.meta.url));
export const TEST_SECRET = `whsec_${Buffer.from('publisher-tests-secret-of-32-bytes!!').toString('base64')}`;

/**
 * Whether a process still runs. A killed process whose parent died may linger as a zombie when PID 1 does not reap
 * (as in some containers): dead all the same, though `kill(pid, 0)` still finds it.
 */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    if (process.platform === 'linux') return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

const temporaryDirs: string[] = [];

export async function temporaryDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `publisher-${prefix}-`));
  temporaryDirs.push(dir);
  return dir;
}

/** For `afterAll`: removes every folder `temporaryDir` made in this test file. */
export async function removeTemporaryDirs(): Promise<void> {
  await Promise.all(temporaryDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Controls the fake build through flag files (see test-fixtures/fake-site-build.mjs). */
export class FakeBuildControl {
  constructor(readonly dir: string) {}

  async set(flag: 'fail' | 'no-index' | 'hold'): Promise<void> {
    await writeFile(join(this.dir, flag), 'on');
  }

  /** The report of what the next builds left out of the site (`.build-report.json`, see site/README.md). */
  async setLeftOut(leftOut: { page: string; what: string; error: string }[]): Promise<void> {
    await writeFile(join(this.dir, 'left-out'), JSON.stringify({ leftOut }));
  }

  async clear(flag: 'fail' | 'no-index' | 'hold'): Promise<void> {
    await rm(join(this.dir, flag), { force: true });
  }

  /** What the next builds read "from the hub" once started (the fake build shows it on its home page). */
  async setData(text: string): Promise<void> {
    await writeFile(join(this.dir, 'data'), text);
  }

  /** Process ids of the builds started ahead of time so far (each waits for its start signal). */
  async prestartedPids(): Promise<number[]> {
    const names = await readdir(this.dir);
    return names.filter((name) => name.startsWith('prestarted-')).map((name) => Number(name.slice('prestarted-'.length)));
  }

  async buildsStarted(): Promise<number> {
    return Number(await readFile(join(this.dir, 'count'), 'utf8').catch(() => '0'));
  }

  async overlapped(): Promise<boolean> {
    return readFile(join(this.dir, 'overlap'), 'utf8').then(
      () => true,
      () => false,
    );
  }

  /** The shell command line that runs the fake build steered by this folder. */
  commandLine(): string {
    return `FAKE_BUILD_CONTROL='${this.dir}' '${process.execPath}' '${FIXTURE_BUILD_SCRIPT}'`;
  }
}

export interface TestPublisher {
  publisher: Publisher;
  url: string;
  dataDir: string;
  control: FakeBuildControl;
  config: PublisherConfig;
  close(): Promise<void>;
}

export async function startTestPublisher(
  settings: { dataDir?: string; control?: FakeBuildControl; env?: NodeJS.ProcessEnv; options?: PublisherOptions } = {},
): Promise<TestPublisher> {
  const dataDir = settings.dataDir ?? (await temporaryDir('data'));
  const control = settings.control ?? new FakeBuildControl(await temporaryDir('control'));
  const config = parseConfig({
    PUBLISHER_PORT: '0',
    WEBHOOK_SECRET: TEST_SECRET,
    PUBLISHER_DATA_DIR: dataDir,
    PUBLISHER_BUILD_COMMAND: control.commandLine(),
    PUBLISHER_QUIET_MS: '100',
    PUBLISHER_MAX_WAIT_MS: '1000',
    PUBLISHER_LOG_LEVEL: 'silent',
    HUB_URL: 'http://127.0.0.1:9/graphql',
    ...settings.env,
  });
  const publisher = createPublisher(config, { retry: { baseMs: 200, maxMs: 1_000 }, ...settings.options });
  const { url } = await publisher.listen();
  return { publisher, url, dataDir, control, config, close: () => publisher.close() };
}

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

let deliveryCounter = 0;

export function signedDelivery(
  options: { type?: string; id?: string; sentAt?: Date; secret?: string; body?: string } = {},
): Delivery {
  const id = options.id ?? `msg_test_${process.pid}_${++deliveryCounter}`;
  const sentAt = options.sentAt ?? new Date();
  const body =
    options.body ??
    JSON.stringify({ type: options.type ?? 'notice.published', timestamp: sentAt.toISOString(), data: { noticeId: 'n-1' } });
  const signature = new Webhook(options.secret ?? TEST_SECRET).sign(id, sentAt, body);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

export function postWebhook(baseUrl: string, delivery: Delivery): Promise<Response> {
  return fetch(`${baseUrl}/webhooks`, { method: 'POST', headers: delivery.headers, body: delivery.body });
}

/** Waits until no build runs and none is waiting or due for retry. */
export function settled(publisher: Publisher, what = 'the publisher to settle') {
  return eventually(
    () => {
      const status = publisher.status();
      return !status.building && status.eventsWaiting === 0 && status.nextRetryAt === null && status;
    },
    { what },
  );
}
