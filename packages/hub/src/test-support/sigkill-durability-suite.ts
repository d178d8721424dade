import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../db/orm.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { Notice } from '../notices/notice.entity.js';
import { seedTerritory } from '../seed/territory.seed.js';
import { systemClock } from '../shared/clock.js';
import { parseConfig } from '../shared/config.js';
import { createStaffAccount } from '../staff/staff-account.service.js';
import { eventually } from './eventually.js';
import { graphql, startHubProcess, type HubProcess } from './hub-process.js';
import { noticeInput, PASSWORD, SIREN } from './test-hub.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity.js';
import { WebhookEndpointService } from '../webhooks/webhook-endpoint.service.js';

// A hub killed with SIGKILL (a crash, the OOM killer, a pulled plug of the container) while requests write: what it
// acknowledged must be stored with its outbox event, and what it did not acknowledge either committed whole (the
// write and its event) or not at all. Run by sigkill-durability.<database>.test.ts.

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const CREATE = 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }';
const PUBLISH = 'mutation($reference: String!) { publishNotice(reference: $reference) { reference status } }';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

/** Hubs killed in a row, each while writers are busy. */
const KILLS = 4;
/** Concurrent writers, each creating then publishing notices one after the other. */
const WRITERS = 6;
/** Publications acknowledged in a round before its hub is killed. */
const PER_ROUND = 12;

interface Acknowledged {
  created: string[];
  published: string[];
}

/**
 * Writers create and publish notices on `hub` until it is killed; each reference is noted once the hub answered
 * without error. `killing.set` is set before the kill: from then on a refused or cut request ends its writer (not
 * acknowledged), before then it fails the test. Resolves when every writer has stopped.
 */
function writeUntilKilled(hub: HubProcess, token: string, acknowledged: Acknowledged, round: number, killing: { set: boolean }): Promise<void> {
  const writer = async (writerIndex: number) => {
    for (let count = 1; ; count++) {
      try {
        const input = noticeInput(new Date(), { title: `Travaux de voirie, tour ${round}, équipe ${writerIndex}, lot ${count}` });
        const created = await graphql<{ createNotice: { reference: string } }>(hub.url, CREATE, { input }, token);
        if (created.errors || !created.data) throw new Error(`createNotice answered ${JSON.stringify(created.errors)}`);
        acknowledged.created.push(created.data.createNotice.reference);
        const published = await graphql<{ publishNotice: { reference: string } }>(hub.url, PUBLISH, { reference: created.data.createNotice.reference }, token);
        if (published.errors || !published.data) throw new Error(`publishNotice answered ${JSON.stringify(published.errors)}`);
        acknowledged.published.push(published.data.publishNotice.reference);
      } catch (error) {
        if (!killing.set) throw error;
        return;
      }
      if (killing.set) return;
    }
  };
  return Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index + 1))).then(() => undefined);
}

export function describeSigkillDurability(database: string, createDatabaseUrl: (dir: string) => Promise<string>): void {
  describe(`a hub SIGKILLed during writes on a ${database}`, { timeout: 600_000 }, () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let orm: MikroORM;
    let receiver: WebhookReceiver;
    let hub: HubProcess | undefined;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'hub-sigkill-'));
      // A short receiver timeout and lease, so the lease of a killed hub's endpoint runs out within seconds.
      env = { DATABASE_URL: await createDatabaseUrl(dir), CHARTER_POLICY: 'false', WEBHOOK_POLL_MS: '50', WEBHOOK_TIMEOUT_MS: '2000', WEBHOOK_LEASE_MS: '5000' };
      const config = parseConfig({ ...env, NODE_ENV: 'test' });
      orm = await openOrm(config);
      await orm.getMigrator().up();
      await seedTerritory(orm.em.fork());
      await createStaffAccount(orm.em.fork(), { email: 'buyer@draguignan.test', name: 'Buyer Draguignan', organisationSiren: SIREN.draguignan, role: 'BUYER', password: PASSWORD });
      receiver = await startWebhookReceiver(SECRET);
      await new WebhookEndpointService({ em: orm.em.fork(), actor: null, clock: systemClock, config }).subscribe({ url: receiver.url, secret: SECRET, eventTypes: [] });
    });

    afterAll(async () => {
      await hub?.kill();
      await receiver?.close();
      await orm?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it(`keeps every acknowledged write and its outbox event through ${KILLS} SIGKILLs mid-write, loses no event and sends none under two webhook-ids`, async () => {
      const acknowledged: Acknowledged = { created: [], published: [] };
      let token: string | undefined;
      for (let round = 1; round <= KILLS; round++) {
        hub = await startHubProcess(env);
        // A token is a row: the one of the first hub is good for the next ones.
        if (!token) {
          const login = await graphql<{ login: { token: string } }>(hub.url, LOGIN, { email: 'buyer@draguignan.test', password: PASSWORD });
          token = login.data!.login.token;
        }
        const target = acknowledged.published.length + PER_ROUND;
        const killing = { set: false };
        const writing = writeUntilKilled(hub, token, acknowledged, round, killing);
        // Killed while the writers are at work: requests on their way, transactions open, deliveries being sent.
        await Promise.race([
          eventually(() => acknowledged.published.length >= target, { timeoutMs: 120_000, what: `${PER_ROUND} more publications acknowledged` }),
          writing.then(() => Promise.reject(new Error('the writers stopped before the kill'))),
        ]);
        killing.set = true;
        await hub.kill();
        await writing;
      }
      expect(acknowledged.published.length).toBeGreaterThanOrEqual(KILLS * PER_ROUND);

      // Every acknowledged write is stored, each publication with exactly one event.
      const em = orm.em.fork();
      expect(await em.count(Notice, { reference: { $in: acknowledged.created } })).toBe(acknowledged.created.length);
      expect(await em.count(Notice, { reference: { $in: acknowledged.published }, status: 'PUBLISHED' })).toBe(acknowledged.published.length);
      // And the writes in flight at each kill committed whole or not at all: every published notice, acknowledged or
      // not, has its one notice.published event, and no event names a notice that is not published.
      const events = await em.find(OutboxEvent, {}, { fields: ['id', 'type', 'payload'] });
      const publishedEvents = events.filter((event) => event.type === 'notice.published').map((event) => String(event.payload.reference)).sort();
      const publishedNotices = (await em.find(Notice, { status: 'PUBLISHED' }, { fields: ['reference'] })).map((notice) => notice.reference).sort();
      expect(publishedEvents).toEqual(publishedNotices);
      expect(publishedNotices).toEqual(expect.arrayContaining(acknowledged.published));

      // A last hub delivers what the killed ones left: every event once to the endpoint, under one webhook-id.
      hub = await startHubProcess(env);
      await eventually(async () => (await orm.em.fork().count(WebhookDelivery, { status: 'SUCCEEDED' })) === events.length, {
        timeoutMs: 120_000,
        what: `the ${events.length} events to be delivered`,
      });
      await hub.stop();
      const deliveries = await orm.em.fork().find(WebhookDelivery, {}, { fields: ['id', 'event'] });
      expect(deliveries.map((delivery) => delivery.event.id).sort()).toEqual(events.map((event) => event.id).sort());
      // A request cut by a kill may have reached the receiver: it is sent again with the same webhook-id, which the
      // receiver drops. Counted by webhook-id, the receiver acted on each event once.
      const firstOfEachId = new Map(receiver.received.map((delivery) => [delivery.id, delivery.payload] as const));
      expect([...firstOfEachId.keys()].sort()).toEqual(deliveries.map((delivery) => delivery.id).sort());
      const publications = [...firstOfEachId.values()].filter((payload) => payload.type === 'notice.published').map((payload) => String(payload.data.reference));
      expect(publications.sort()).toEqual(publishedNotices);
    });
  });
}
