import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../../db/orm.js';
import { Notice } from '../../notices/notice.entity.js';
import { parseConfig } from '../../shared/config.js';
import { eventually } from '../../test-support/eventually.js';
import { HUB_CLI, startHubProcess, type HubProcess } from '../../test-support/hub-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test-support/webhook-receiver.js';
import { createTestDatabaseUrl } from '../../test-support/postgresql.js';

const run = promisify(execFile);
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const CALL = join(import.meta.dirname, '../fixtures/boamp/boamp-16-186394.xml');

// Operators import while the site is live: `hub import` in its own process, on the database a running `hub serve`
// writes to (its webhook dispatcher and deadline scheduler), must wait for the write lock, not fail with SQLITE_BUSY.
describe('an import while the hub serves the same database', { timeout: 180_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let hub: HubProcess;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-while-serving-'));
    env = { PATH: process.env.PATH, DATABASE_URL: await createTestDatabaseUrl(join(dir, 'hub.sqlite')), NODE_ENV: 'test', LOG_LEVEL: 'warn', WEBHOOK_POLL_MS: '20' };
    await run(process.execPath, [HUB_CLI, 'migrate'], { env });
    await run(process.execPath, [HUB_CLI, 'seed'], { env });
    // A subscribed endpoint: serve's dispatcher writes a delivery for every event the import commits.
    receiver = await startWebhookReceiver(SECRET);
    await run(process.execPath, [HUB_CLI, 'webhook', 'subscribe', '--url', receiver.url, '--secret', SECRET], { env });
    hub = await startHubProcess(env);
  });

  afterAll(async () => {
    await hub?.stop();
    await receiver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports twenty BOAMP notices, each in its own transaction with its outbox event, while serve writes, and exits 0', async () => {
    // Twenty distinct calls (their IDWEB differs): each file commits a notice and an event that serve's dispatcher
    // then writes about, so the two processes take turns at the write lock twenty times.
    const text = readFileSync(CALL, 'utf8');
    const files = Array.from({ length: 20 }, (_, index) => {
      const file = join(dir, `call-${index}.xml`);
      writeFileSync(file, text.replaceAll('16-186394', `16-9${String(index).padStart(5, '0')}`));
      return file;
    });
    const result = await run(process.execPath, [HUB_CLI, 'import', ...files], { env }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(result.stderr, result.stdout).not.toMatch(/SQLITE_BUSY|failed/);
    expect('code' in result ? result.code : 0).toBe(0);
    expect(result.stdout.match(/1 created/g)).toHaveLength(20);
    const orm = await openOrm(parseConfig(env));
    try {
      expect(await orm.em.fork().count(Notice, { sourceSystem: 'BOAMP' })).toBe(20);
    } finally {
      await orm.close();
    }
    // Serve kept working beside it: every import's event reached the receiver.
    await eventually(() => receiver.received.filter((hook) => hook.payload.type === 'opendata.imported').length === 20, { timeoutMs: 30_000, what: 'the twenty import events' });
    expect(hub.child.exitCode).toBeNull();
  });
});
