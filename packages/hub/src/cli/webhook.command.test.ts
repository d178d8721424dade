import { describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';
import { cliSandbox } from './testing/cli-sandbox.js';

const SECRET = `whsec_${Buffer.from('territoire-achats-demo-secret-not-for-production').toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const URL = 'http://127.0.0.1:4321/webhooks';

describe('pnpm hub webhook subscribe', () => {
  const cli = cliSandbox({ prefix: 'hub-webhook-cli-', setUp: [['migrate']] });

  const endpoints = () =>
    cli.read(async (em) => ({
      endpoints: await em.find(WebhookEndpoint, {}),
      audit: (await em.find(AuditEntry, { entityType: 'WebhookEndpoint' }, { orderBy: { createdAt: 'asc' } })).map((entry) => entry.action),
    }));

  it('subscribes a URL with the given secret to every event, and changes nothing when run again', async () => {
    expect(await cli.run(['webhook', 'subscribe', '--url', URL, '--secret', SECRET])).toBe(0);
    expect(cli.output).toEqual([`Subscribed ${URL} to every event.`]);
    expect(await cli.run(['webhook', 'subscribe', '--url', URL, '--secret', SECRET])).toBe(0);
    expect(cli.output[1]).toBe(`Updated the subscription of ${URL} to every event.`);
    const { endpoints: stored, audit } = await endpoints();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ url: URL, secret: SECRET, eventTypes: [], active: true, disabledReason: null });
    expect(audit).toEqual(['subscribeWebhookEndpoint.create', 'subscribeWebhookEndpoint.update']);
  });

  it('updates the secret and event types of an existing URL and reactivates it', async () => {
    await cli.run(['webhook', 'subscribe', '--url', URL, '--secret', SECRET]);
    await cli.read(async (em) => {
      const endpoint = await em.findOneOrFail(WebhookEndpoint, { url: URL });
      Object.assign(endpoint, { active: false, disabledReason: 'the receiver answered 410 Gone' });
      await em.flush();
    });

    expect(await cli.run(['webhook', 'subscribe', '--url', URL, '--secret', OTHER_SECRET, '--events', 'notice.published, notice.closed'])).toBe(0);
    expect(cli.output.at(-1)).toBe(`Updated the subscription of ${URL} to notice.published, notice.closed.`);
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
    expect(await cli.run(['webhook', 'subscribe', ...args])).toBe(code);
    expect(cli.output.join('\n')).toMatch(message);
    expect((await endpoints()).endpoints).toEqual([]);
  });
});
