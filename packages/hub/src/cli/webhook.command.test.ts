import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { openOrm } from '../db/orm.js';
import { parseConfig } from '../shared/config.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';
import { runCli } from './run-cli.js';

const SECRET = `whsec_${Buffer.from('territoire-achats-demo-secret-not-for-production').toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const URL = 'http://127.0.0.1:4321/webhooks';

describe('pnpm hub webhook subscribe', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let output: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-webhook-cli-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
    output = [];
    vi.spyOn(console, 'log').mockImplementation((...args) => void output.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args) => void output.push(args.join(' ')));
    expect(await runCli(['migrate'], env)).toBe(0);
    output.length = 0;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  async function endpoints() {
    const orm = await openOrm(parseConfig(env));
    try {
      const em = orm.em.fork();
      return {
        endpoints: await em.find(WebhookEndpoint, {}),
        audit: (await em.find(AuditEntry, { entityType: 'WebhookEndpoint' }, { orderBy: { createdAt: 'asc' } })).map((entry) => entry.action),
      };
    } finally {
      await orm.close();
    }
  }

  it('subscribes a URL with the given secret to every event, and changes nothing when run again', async () => {
    expect(await runCli(['webhook', 'subscribe', '--url', URL, '--secret', SECRET], env)).toBe(0);
    expect(output).toEqual([`Subscribed ${URL} to every event.`]);
    expect(await runCli(['webhook', 'subscribe', '--url', URL, '--secret', SECRET], env)).toBe(0);
    expect(output[1]).toBe(`Updated the subscription of ${URL} to every event.`);
    const { endpoints: stored, audit } = await endpoints();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ url: URL, secret: SECRET, eventTypes: [], active: true, disabledReason: null });
    expect(audit).toEqual(['subscribeWebhookEndpoint.create', 'subscribeWebhookEndpoint.update']);
  });

  it('updates the secret and event types of an existing URL and reactivates it', async () => {
    await runCli(['webhook', 'subscribe', '--url', URL, '--secret', SECRET], env);
    const orm = await openOrm(parseConfig(env));
    const em = orm.em.fork();
    const endpoint = await em.findOneOrFail(WebhookEndpoint, { url: URL });
    Object.assign(endpoint, { active: false, disabledReason: 'the receiver answered 410 Gone' });
    await em.flush();
    await orm.close();

    expect(await runCli(['webhook', 'subscribe', '--url', URL, '--secret', OTHER_SECRET, '--events', 'notice.published, notice.closed'], env)).toBe(0);
    expect(output.at(-1)).toBe(`Updated the subscription of ${URL} to notice.published, notice.closed.`);
    const { endpoints: stored } = await endpoints();
    expect(stored).toEqual([
      expect.objectContaining({ secret: OTHER_SECRET, eventTypes: ['notice.published', 'notice.closed'], active: true, disabledReason: null }),
    ]);
  });

  it.each([
    [['--url', URL], 2, /Missing --secret/],
    [['--secret', SECRET], 2, /Missing --url/],
    [['--url', URL, '--secret', 'hunter2'], 1, /BAD_USER_INPUT: Le secret doit être « whsec_ »/],
    [['--url', URL, '--secret', `whsec_${Buffer.alloc(8).toString('base64')}`], 1, /de 24 à 64 octets/],
    [['--url', 'ftp://127.0.0.1/webhooks', '--secret', SECRET], 1, /BAD_USER_INPUT: L’adresse doit commencer par https/],
    [['--url', URL, '--secret', SECRET, '--events', 'notice.published,notice.exploded'], 1, /Type\(s\) d’événement inconnu\(s\) : notice\.exploded/],
  ])('refuses %j with exit code %i and a message, subscribing nothing', async (args, code, message) => {
    expect(await runCli(['webhook', 'subscribe', ...args], env)).toBe(code);
    expect(output.join('\n')).toMatch(message);
    expect((await endpoints()).endpoints).toEqual([]);
  });
});
