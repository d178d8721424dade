import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertSubscription } from '../alerts/alert-subscription.entity.js';
import { openOrm } from '../db/orm.js';
import { addressKey } from '../mail/mail-address.js';
import { MailMessage } from '../mail/mail-message.entity.js';
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
import { Enrollment } from '../trainings/enrollment.entity.js';
import { CREATE_TRAINING, ENROL, SCHEDULE, sessionInput, trainingInput } from '../test-support/training-fixtures.js';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';
import { WebhookEndpointService } from '../webhooks/webhook-endpoint.service.js';

// Several hub processes on one database: on a SQLite file, the case a user meets first (a second `serve`, or the CLI
// writing while `serve` runs), where every write transaction begins IMMEDIATE and waits for the others; on
// PostgreSQL, the way to run at scale. Each outbox event is fanned out once, each delivery is sent by one
// dispatcher, and each passed deadline is closed once. Run by several-hubs.<database>.test.ts.

const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const CREATE = 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }';
const PUBLISH = 'mutation($reference: String!) { publishNotice(reference: $reference) { reference status } }';
const CORRECT = 'mutation($reference: String!, $input: NoticeCorrectionInput!) { correctNotice(reference: $reference, input: $input) { reference } }';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

export function describeSeveralHubs(database: string, createDatabaseUrl: (dir: string) => Promise<string>): void {
describe(`three hub processes on one ${database}`, { timeout: 600_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let orm: MikroORM;
  let receiver: WebhookReceiver;
  let hubs: HubProcess[] = [];
  let token: string;
  let admin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-several-'));
    env = { DATABASE_URL: await createDatabaseUrl(dir), CHARTER_POLICY: 'false', WEBHOOK_POLL_MS: '50', WEBHOOK_TIMEOUT_MS: '5000' };
    const config = parseConfig({ ...env, NODE_ENV: 'test' });
    orm = await openOrm(config);
    await orm.getMigrator().up();
    await seedTerritory(orm.em.fork());
    await createStaffAccount(orm.em.fork(), { email: 'buyer@draguignan.test', name: 'Buyer Draguignan', organisationSiren: SIREN.draguignan, role: 'BUYER', password: PASSWORD });
    await createStaffAccount(orm.em.fork(), { email: 'admin@agglo.test', name: 'Admin Agglo', organisationSiren: SIREN.agglomeration, role: 'ADMIN', password: PASSWORD });
    receiver = await startWebhookReceiver(SECRET);
    await new WebhookEndpointService({ em: orm.em.fork(), actor: null, clock: systemClock, config }).subscribe({ url: receiver.url, secret: SECRET, eventTypes: [] });
    hubs = await Promise.all([0, 1, 2].map(() => startHubProcess(env)));
    const login = await graphql<{ login: { token: string } }>(hubs[0]!.url, LOGIN, { email: 'buyer@draguignan.test', password: PASSWORD });
    token = login.data!.login.token;
    const adminLogin = await graphql<{ login: { token: string } }>(hubs[1]!.url, LOGIN, { email: 'admin@agglo.test', password: PASSWORD });
    admin = adminLogin.data!.login.token;
  });

  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.stop()));
    await receiver?.close();
    await orm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts the alert forms’ limits across the hubs: one address asked for on every hub at once gets one confirmation mail, and one client gets ten requests in all, not ten per hub', async () => {
    const subscribe = (hub: HubProcess, email: string) =>
      fetch(`${hub.url.replace(/\/graphql$/, '')}/alerts/subscribe`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([['email', email], ['keywords', 'toiture']]).toString(),
      });
    const address = 'couvreur.flayosc@exemple.fr';
    const same = await Promise.all(Array.from({ length: 6 }, (_, index) => subscribe(hubs[index % 3]!, address)));
    expect(same.map((response) => response.status)).toEqual(Array<number>(6).fill(303));
    const em = orm.em.fork();
    expect(await em.count(MailMessage, { recipientKey: addressKey(address), kind: 'alert.confirmation' })).toBe(1);
    expect(await em.count(AlertSubscription, { emailKey: addressKey(address) })).toBe(1);

    // Six of the client's ten are spent: of 24 more, spread over the three hubs, four pass (each hub counting alone
    // would let eight more through, 24 in all).
    const spread = await Promise.all(Array.from({ length: 24 }, (_, index) => subscribe(hubs[index % 3]!, `artisan-${index}@exemple.fr`)));
    const statuses = spread.map((response) => response.status);
    expect(statuses.filter((status) => status === 303)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    expect(await orm.em.fork().count(AlertSubscription, { email: { $like: 'artisan-%' } })).toBe(4);
  });

  it('stores every acknowledged write of 300 concurrent mutations spread over the hubs (create, publish, correct, enrol in a 5-seat session), gives 5 seats, and each endpoint receives each event once', async () => {
    // A second endpoint that takes corrections only: exactly once is per endpoint, each numbering its own deliveries.
    const corrections = await startWebhookReceiver(SECRET);
    const config = parseConfig({ ...env, NODE_ENV: 'test' });
    await new WebhookEndpointService({ em: orm.em.fork(), actor: null, clock: systemClock, config }).subscribe({ url: corrections.url, secret: SECRET, eventTypes: ['notice.corrected'] });
    const training = await graphql<{ createTraining: { slug: string } }>(hubs[0]!.url, CREATE_TRAINING, { input: trainingInput() }, admin);
    expect(training.errors).toBeUndefined();
    const startsAt = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
    const scheduled = await graphql<{ scheduleTrainingSession: { id: string } }>(
      hubs[1]!.url,
      SCHEDULE,
      { input: sessionInput(training.data!.createTraining.slug, startsAt, { capacity: 5 }) },
      admin,
    );
    expect(scheduled.errors).toBeUndefined();
    const sessionId = scheduled.data!.scheduleTrainingSession.id;
    const people: string[] = [];
    for (let index = 1; index <= 30; index++) {
      const { member } = await createStaffAccount(orm.em.fork(), { email: `rush${index}@staff.test`, name: `Rush ${index}`, organisationSiren: SIREN.draguignan, role: 'BUYER', password: PASSWORD });
      people.push(member.id);
    }

    // All at once: 90 notices each created, published and corrected, each step on the next hub (270 mutations), and
    // 30 enrolments in the 5-seat session by the admin, each on the next hub.
    const now = new Date();
    const chains = Array.from({ length: 90 }, async (_, index) => {
      const created = await graphql<{ createNotice: { reference: string } }>(hubs[index % 3]!.url, CREATE, { input: noticeInput(now, { title: `Nettoyage des locaux, site ${index + 1}` }) }, token);
      if (!created.data?.createNotice) return [created];
      const reference = created.data.createNotice.reference;
      const published = await graphql<{ publishNotice: { reference: string } }>(hubs[(index + 1) % 3]!.url, PUBLISH, { reference }, token);
      if (!published.data?.publishNotice) return [created, published];
      const input = { reason: 'Erreur dans la désignation du site.', title: `Nettoyage des locaux, bâtiment ${index + 1}` };
      return [created, published, await graphql(hubs[(index + 2) % 3]!.url, CORRECT, { reference, input }, token)];
    });
    const enrolments = people.map((staffMemberId, index) =>
      graphql<{ enrollInTrainingSession: { status: string; queuePosition: number } }>(hubs[index % 3]!.url, ENROL, { sessionId, staffMemberId }, admin),
    );
    const [chained, enrolled] = await Promise.all([Promise.all(chains), Promise.all(enrolments)]);
    const answers = [...chained.flat(), ...enrolled];
    expect(answers.flatMap((answer) => answer.errors ?? []), hubs.map((hub) => hub.output()).join('\n')).toEqual([]);
    expect(answers).toHaveLength(300);

    // Every acknowledged write is stored: the 90 notices published with their one correction, the 30 enrolments.
    const em = orm.em.fork();
    const references = chained.map((steps) => (steps[0]!.data as { createNotice: { reference: string } }).createNotice.reference);
    const notices = await em.find(Notice, { reference: { $in: references } }, { populate: ['corrigenda'] });
    expect(notices.filter((notice) => notice.status === 'PUBLISHED' && notice.corrigenda.length === 1 && notice.title.includes('bâtiment'))).toHaveLength(90);
    // One queue across the hubs: thirty distinct places, and the 5 seats went to the first five.
    const rows = enrolled.map((answer) => answer.data!.enrollInTrainingSession);
    expect(rows.map((row) => row.queuePosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    for (const row of rows) expect(row.status).toBe(row.queuePosition <= 5 ? 'REGISTERED' : 'WAITLISTED');
    expect(await em.count(Enrollment, { session: sessionId, status: 'REGISTERED' })).toBe(5);
    expect(await em.count(Enrollment, { session: sessionId })).toBe(30);

    const events = await em.find(OutboxEvent, {}, { fields: ['id', 'type'] });
    expect(events.filter((event) => event.type === 'notice.published')).toHaveLength(90);
    expect(events.filter((event) => event.type === 'notice.corrected')).toHaveLength(90);
    await eventually(
      async () => (await orm.em.fork().count(OutboxEvent, { dispatchedAt: null })) === 0 && (await orm.em.fork().count(WebhookDelivery, { status: { $ne: 'SUCCEEDED' } })) === 0,
      { timeoutMs: 120_000, what: 'every event fanned out and delivered' },
    );
    // Stopped, the hubs send nothing more: what the receivers got is all they will ever get.
    await Promise.all(hubs.map((hub) => hub.stop()));
    await corrections.close();
    const deliveries = await orm.em.fork().find(WebhookDelivery, {}, { populate: ['endpoint'] });
    const endpoints = [
      { each: receiver, expected: events },
      { each: corrections, expected: events.filter((event) => event.type === 'notice.corrected') },
    ];
    for (const { each, expected } of endpoints) {
      const mine = deliveries.filter((delivery) => delivery.endpoint.getEntity().url === each.url);
      // One delivery, so one webhook-id, per event and endpoint, numbered 1, 2, 3… for the endpoint.
      expect(mine.map((delivery) => delivery.event.id).sort()).toEqual(expected.map((event) => event.id).sort());
      expect(mine.map((delivery) => delivery.sequence!).sort((a, b) => a - b)).toEqual(mine.map((_, index) => index + 1));
      // Each webhook-id reached the receiver as many times as attempts were recorded for it: a repeat is only ever a
      // recorded retry with the same id (none expected here), never a second hub sending it while the first did.
      const timesSent = new Map<string, number>();
      for (const request of each.requests) timesSent.set(String(request.headers['webhook-id']), (timesSent.get(String(request.headers['webhook-id'])) ?? 0) + 1);
      const miscounted = mine.filter((delivery) => timesSent.get(delivery.id) !== delivery.attempts);
      expect(miscounted.map((delivery) => `${delivery.id}: sent ${timesSent.get(delivery.id)}, attempts ${delivery.attempts}`)).toEqual([]);
      expect([...timesSent.keys()].sort()).toEqual(mine.map((delivery) => delivery.id).sort());
      // The receiver, verifying signatures and dropping repeated ids, acted on each event once.
      const verified = [...new Map(each.received.map((delivery) => [delivery.id, delivery.payload.type])).values()];
      expect(verified.sort()).toEqual(expected.map((event) => event.type).sort());
    }
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
    // Stopping a hub aborts the delivery it has on its way, which the receiver may already have taken: it is then
    // sent again later (at least once, by design). The publications' deliveries are let finish first, so that the
    // next test's receiver counts only its own repeats; the deadlines' events, made with no hub running, wait for it.
    await eventually(
      async () => (await orm.em.fork().count(OutboxEvent, { dispatchedAt: null })) === 0 && (await orm.em.fork().count(WebhookDelivery, { status: { $ne: 'SUCCEEDED' } })) === 0,
      { timeoutMs: 60_000, what: 'the publications to be delivered before the hub stops' },
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

  it('when the hub sending a delivery is SIGKILLed mid-request, another sends it after the lease with the same webhook-id: the one repeat tolerated, by design', async () => {
    // Three fresh hubs (the earlier ones were stopped) find the deliveries of the deadline test waiting. The
    // receiver holds the first request without answering; the hub that sent it, the endpoint's lease holder, dies.
    // A lease as short as a 5 s request allows (WEBHOOK_TIMEOUT_MS + 2 s), so the survivors take over within seconds.
    receiver.setMode({ kind: 'hang' });
    const before = receiver.requests.length;
    hubs = await Promise.all([0, 1, 2].map(() => startHubProcess({ ...env, WEBHOOK_TIMEOUT_MS: '5000', WEBHOOK_LEASE_MS: '7000' })));
    await eventually(() => receiver.requests.length > before, { timeoutMs: 30_000, what: 'a request to hang' });
    const hungId = String(receiver.requests[before]!.headers['webhook-id']);
    const endpoint = await orm.em.fork().findOneOrFail(WebhookEndpoint, { url: receiver.url });
    const holderPid = Number(endpoint.dispatchLeaseOwner!.split(':')[1]);
    const holder = hubs.find((hub) => hub.child.pid === holderPid);
    expect(holder, `lease held by ${endpoint.dispatchLeaseOwner}`).toBeDefined();
    const leaseExpiresAt = endpoint.dispatchLeaseExpiresAt!.getTime();
    await holder!.kill();
    receiver.setMode({ kind: 'answer', status: 204 });

    const total = await orm.em.fork().count(WebhookDelivery, {});
    await eventually(async () => (await orm.em.fork().count(WebhookDelivery, { status: 'SUCCEEDED' })) === total, {
      timeoutMs: 60_000,
      what: 'every delivery to succeed after the lease',
    });
    await Promise.all(hubs.map((hub) => hub.stop()));
    const after = receiver.requests.slice(before).map((request) => ({ id: String(request.headers['webhook-id']), at: Number(request.headers['webhook-timestamp']) * 1000 }));
    const repeats = after.filter((request) => request.id === hungId);
    // Sent again by a survivor only once the dead hub's lease ran out, never before (webhook-timestamp is in whole
    // seconds), and the dead hub recorded nothing: the delivery succeeded at its first recorded attempt.
    expect(repeats).toHaveLength(2);
    expect(repeats[1]!.at).toBeGreaterThanOrEqual(leaseExpiresAt - 1000);
    expect((await orm.em.fork().findOneOrFail(WebhookDelivery, { id: hungId })).attempts).toBe(1);
    // Every other delivery of this run went once, and the receiver acted on each webhook-id once.
    const others = after.filter((request) => request.id !== hungId).map((request) => request.id);
    expect(new Set(others).size).toBe(others.length);
    const verified = receiver.received.map((delivery) => delivery.id);
    expect(new Set(verified).size).toBe(verified.length);
    expect(verified).toContain(hungId);
  });
});
}
