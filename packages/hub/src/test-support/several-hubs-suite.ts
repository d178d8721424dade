import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../db/orm.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { startDeadlineScheduler } from '../notices/deadline-scheduler.js';
import { Notice } from '../notices/notice.entity.js';
import { seedTerritory } from '../seed/territory.seed.js';
import { fixedClock, systemClock } from '../shared/clock.js';
import { parseConfig } from '../shared/config.js';
import { createStaffAccount } from '../staff/staff-account.service.js';
import { eventually } from '../test-support/eventually.js';
import { graphql, startHubProcess, type HubProcess } from '../test-support/hub-process.js';
import { noticeInput, PASSWORD, SIREN } from '../test-support/test-hub.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity.js';
import { WebhookEndpointService } from '../webhooks/webhook-endpoint.service.js';

// Several hub processes on one database: on a SQLite file, the case a user meets first (a second `serve`, or the CLI
// writing while `serve` runs), where every write transaction begins IMMEDIATE and waits for the others; on
// PostgreSQL, the way to run at scale. Each outbox event is fanned out once, each delivery is sent by one
// dispatcher, and each passed deadline is closed once. Run by several-hubs.<database>.test.ts.

const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const CREATE = 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }';
const PUBLISH = 'mutation($reference: String!) { publishNotice(reference: $reference) { reference status } }';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

export function describeSeveralHubs(database: string, createDatabaseUrl: (dir: string) => Promise<string>): void {
describe(`three hub processes on one ${database}`, { timeout: 600_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let orm: MikroORM;
  let receiver: WebhookReceiver;
  let hubs: HubProcess[] = [];
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-several-'));
    env = { DATABASE_URL: await createDatabaseUrl(dir), CHARTER_POLICY: 'false', WEBHOOK_POLL_MS: '50', WEBHOOK_TIMEOUT_MS: '5000' };
    const config = parseConfig({ ...env, NODE_ENV: 'test' });
    orm = await openOrm(config);
    await orm.getMigrator().up();
    await seedTerritory(orm.em.fork());
    await createStaffAccount(orm.em.fork(), { email: 'buyer@draguignan.test', name: 'Buyer Draguignan', organisationSiren: SIREN.draguignan, role: 'BUYER', password: PASSWORD });
    receiver = await startWebhookReceiver(SECRET);
    await new WebhookEndpointService({ em: orm.em.fork(), actor: null, clock: systemClock, config }).subscribe({ url: receiver.url, secret: SECRET, eventTypes: [] });
    hubs = await Promise.all([0, 1, 2].map(() => startHubProcess(env)));
    const login = await graphql<{ login: { token: string } }>(hubs[0]!.url, LOGIN, { email: 'buyer@draguignan.test', password: PASSWORD });
    token = login.data!.login.token;
  });

  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.stop()));
    await receiver?.close();
    await orm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges and stores all of 60 concurrent create-and-publish pairs spread over the hubs, and the receiver gets each event once', async () => {
    const now = new Date();
    const answers = await Promise.all(
      Array.from({ length: 60 }, async (_, index) => {
        const created = await graphql<{ createNotice: { reference: string } }>(
          hubs[index % 3]!.url,
          CREATE,
          { input: noticeInput(now, { title: `Entretien des espaces verts, secteur ${index + 1}` }) },
          token,
        );
        if (!created.data?.createNotice) return created;
        return graphql(hubs[(index + 1) % 3]!.url, PUBLISH, { reference: created.data.createNotice.reference }, token);
      }),
    );
    expect(answers.flatMap((answer) => answer.errors ?? []), hubs.map((hub) => hub.output()).join('\n')).toEqual([]);
    const references = answers.map((answer) => (answer.data as { publishNotice: { reference: string } }).publishNotice.reference);
    expect(new Set(references).size).toBe(60);

    const em = orm.em.fork();
    expect(await em.count(Notice, { reference: { $in: references }, status: 'PUBLISHED' })).toBe(60);
    const events = await em.find(OutboxEvent, {}, { fields: ['id', 'type'] });
    expect(events.filter((event) => event.type === 'notice.published')).toHaveLength(60);

    await eventually(async () => (await orm.em.fork().count(WebhookDelivery, { status: 'SUCCEEDED' })) === events.length, {
      timeoutMs: 60_000,
      what: `${events.length} deliveries to succeed`,
    });
    // Stopped, the hubs send nothing more: what the receiver got is all it will ever get.
    await Promise.all(hubs.map((hub) => hub.stop()));
    expect(await orm.em.fork().count(WebhookDelivery, {})).toBe(events.length);
    const ids = receiver.requests.map((request) => String(request.headers['webhook-id']));
    expect(ids).toHaveLength(events.length);
    expect(new Set(ids).size).toBe(events.length);
    expect(receiver.received.map((delivery) => delivery.payload.type).sort()).toEqual(events.map((event) => event.type).sort());
  });

  it('closes each passed deadline once when three schedulers, each on its own connection, wake together', async () => {
    const config = parseConfig({ ...env, NODE_ENV: 'test' });
    const started = new Date();
    // Published through the rules by a hub (a marché négocié sans publicité may close minutes after publication).
    const hub = await startHubProcess(env);
    const references = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const input = noticeInput(started, {
          title: `Maintenance urgente, tranche ${index + 1}`,
          procedure: 'NEGOTIATED_WITHOUT_PUBLICATION',
          submissionDeadline: new Date(started.getTime() + 10 * 60_000).toISOString(),
        });
        const created = await graphql<{ createNotice: { reference: string } }>(hub.url, CREATE, { input }, token);
        const published = await graphql<{ publishNotice: { reference: string } }>(hub.url, PUBLISH, { reference: created.data!.createNotice.reference }, token);
        expect(published.errors).toBeUndefined();
        return published.data!.publishNotice.reference;
      }),
    );
    await hub.stop();

    const clock = fixedClock(new Date(started.getTime() + 11 * 60_000));
    const orms = await Promise.all([0, 1, 2].map(() => openOrm(config)));
    const logs: string[] = [];
    const schedulers = orms.map((each, index) => startDeadlineScheduler(each, config, clock, (message) => logs.push(`${index}: ${message}`)));
    try {
      await eventually(async () => (await orm.em.fork().count(Notice, { reference: { $in: references }, status: 'CLOSED' })) === references.length, {
        timeoutMs: 30_000,
        what: 'the schedulers to close the 20 notices',
      });
    } finally {
      await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
      await Promise.all(orms.map((each) => each.close()));
    }
    expect(logs.filter((line) => line.includes('failed'))).toEqual([]);
    const closed = await orm.em.fork().find(OutboxEvent, { type: 'notice.closed' });
    expect(closed.map((event) => event.payload.reference).sort()).toEqual([...references].sort());
  });
});
}
