import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertProcessedEvent } from '../alerts/alert-processed-event.entity.js';
import { recordEvent } from '../events/domain-events.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { MailMessage } from '../mail/mail-message.entity.js';
import { queueMail } from '../mail/outgoing-mail.js';
import { systemClock } from '../shared/clock.js';
import { parseConfig, type HubConfig } from '../shared/config.js';
import { eventually } from '../test-support/eventually.js';
import { startHubProcess } from '../test-support/hub-process.js';
import { createTestPostgreSqlDatabase } from '../test-support/postgresql.js';
import { startWebhookReceiver } from '../test-support/webhook-receiver.js';
import { WebhookEndpointService } from '../webhooks/webhook-endpoint.service.js';
import { openOrm } from './orm.js';
import { notifyOtherHubs, wakeAcrossHubs } from './wake-ups.js';

const SECRET = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;

/** The hub's LISTEN connections on this database (their last statement is the LISTEN). */
async function listeningConnections(orm: MikroORM): Promise<number> {
  const rows = await orm.em.getConnection().execute<Array<{ count: string }>>(
    `select count(*) as count from pg_stat_activity where datname = current_database() and query like 'listen territoire_achats_%'`,
  );
  return Number(rows[0]!.count);
}

/** Queues one mail as any feature does: in a transaction, announced after the commit. */
async function queueOneMail(orm: MikroORM, subject: string): Promise<string> {
  return orm.em.fork().transactional(async (em) => queueMail(em, { kind: 'test.wake-up', to: 'agent@commune.test', subject, text: 'Réveil.' }, new Date()).id);
}

/** Writes one outbox event as any service does: in a transaction, announced after the commit. */
async function writeEvent(orm: MikroORM, reference: string): Promise<void> {
  await orm.em.fork().transactional(async (em) => recordEvent(em, 'notice.published', { reference }, new Date()));
}

describe('wake-ups across hubs on PostgreSQL (LISTEN/NOTIFY)', { timeout: 300_000 }, () => {
  let env: NodeJS.ProcessEnv;
  let config: HubConfig;
  let orm: MikroORM;

  beforeAll(async () => {
    env = { DATABASE_URL: await createTestPostgreSqlDatabase(), CHARTER_POLICY: 'false' };
    config = parseConfig({ ...env, NODE_ENV: 'test' });
    orm = await openOrm(config);
    await orm.getMigrator().up();
  });
  afterAll(async () => {
    await orm?.close();
  });

  it('wakes a listener when another process commits an outbox event, and not for its own announcements', async () => {
    const other = await openOrm(config);
    let wakes = 0;
    const listener = wakeAcrossHubs(orm, 'outbox', () => (wakes += 1), () => undefined);
    try {
      // Once listening it looks once, for what was committed before.
      await eventually(() => wakes === 1, { what: 'the wake-up on connection' });
      wakes = 0;
      // Its own NOTIFY, queued before the other's: were it not left out, it would arrive first.
      await notifyOtherHubs(orm, 'outbox');
      await writeEvent(other, 'REF-1');
      await eventually(() => wakes > 0, { what: 'the other process’s commit to wake the listener' });
      expect(wakes).toBe(1);
    } finally {
      await listener.close();
      await other.close();
    }
  });

  it('a hub polling only once a minute delivers, within seconds, an event another process committed', async () => {
    const receiver = await startWebhookReceiver(SECRET);
    await new WebhookEndpointService({ em: orm.em.fork(), actor: null, clock: systemClock, config }).subscribe({ url: receiver.url, secret: SECRET, eventTypes: [] });
    const hub = await startHubProcess({ ...env, WEBHOOK_POLL_MS: '60000' });
    try {
      // Its dispatcher listens (its first pass, at start, found nothing to send).
      await eventually(
        async () => (await listeningConnections(orm)) > 0,
        { timeoutMs: 30_000, what: 'the hub to LISTEN' },
      );
      // What was waiting before it started (the previous test's event) goes at once.
      await eventually(() => receiver.received.length === 1, { timeoutMs: 20_000, what: 'the waiting event to be delivered' });
      expect(receiver.received[0]!.payload.data).toEqual({ reference: 'REF-1' });
      // Its next poll is a minute away: only the NOTIFY can bring this one within 20 s.
      await writeEvent(orm, 'REF-2');
      await eventually(() => receiver.received.length === 2, { timeoutMs: 20_000, what: `the event to reach the receiver:\n${hub.output()}` });
      expect(receiver.received[1]!.payload.data).toEqual({ reference: 'REF-2' });
    } finally {
      await hub.stop();
      await receiver.close();
    }
  });

  it('a hub whose mail and alert workers poll once a minute sends within seconds a mail another process queued, and takes up an event another process committed, over one LISTEN connection', async () => {
    const mailDir = mkdtempSync(join(tmpdir(), 'hub-wake-mail-'));
    const hub = await startHubProcess({ ...env, WEBHOOK_POLL_MS: '60000', MAIL_POLL_MS: '60000', SMTP_URL: `file:${mailDir}` });
    try {
      await eventually(async () => (await listeningConnections(orm)) > 0, { timeoutMs: 30_000, what: 'the hub to LISTEN' });
      // What was queued before it listened goes at its first passes.
      const before = await queueOneMail(orm, 'Avant');
      await eventually(async () => (await orm.em.fork().findOneOrFail(MailMessage, before)).status === 'SENT', { timeoutMs: 20_000, what: 'the first mail to leave' });
      // Their next polls are a minute away: only the NOTIFY can bring these within 20 s.
      const after = await queueOneMail(orm, 'Après');
      await eventually(async () => (await orm.em.fork().findOneOrFail(MailMessage, after)).status === 'SENT', { timeoutMs: 20_000, what: `the mail to leave:\n${hub.output()}` });
      await writeEvent(orm, 'REF-3');
      const event = (await orm.em.fork().find(OutboxEvent, { type: 'notice.published' })).find((row) => row.payload.reference === 'REF-3')!;
      await eventually(async () => (await orm.em.fork().count(AlertProcessedEvent, { eventId: event.id })) === 1, { timeoutMs: 20_000, what: `the alert matcher to take the event:\n${hub.output()}` });
      // The dispatcher, the alert matcher and the mail worker share one connection.
      expect(await listeningConnections(orm)).toBe(1);
    } finally {
      await hub.stop();
      rmSync(mailDir, { recursive: true, force: true });
    }
  });
});
