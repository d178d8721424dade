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

  it('gives exactly 5 of 30 concurrent enrolments in a 5-seat session spread over the hubs a seat, and the other 25 a place on the waiting list', async () => {
    const created = await graphql<{ createTraining: { slug: string } }>(hubs[0]!.url, CREATE_TRAINING, { input: trainingInput() }, admin);
    expect(created.errors).toBeUndefined();
    const startsAt = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
    const scheduled = await graphql<{ scheduleTrainingSession: { id: string } }>(
      hubs[1]!.url,
      SCHEDULE,
      { input: sessionInput(created.data!.createTraining.slug, startsAt, { capacity: 5 }) },
      admin,
    );
    expect(scheduled.errors).toBeUndefined();
    const sessionId = scheduled.data!.scheduleTrainingSession.id;
    const people: string[] = [];
    for (let index = 1; index <= 30; index++) {
      const { member } = await createStaffAccount(orm.em.fork(), { email: `rush${index}@staff.test`, name: `Rush ${index}`, organisationSiren: SIREN.draguignan, role: 'BUYER', password: PASSWORD });
      people.push(member.id);
    }

    // The admin enrols each of them, all at once, each request on the next hub: three processes count seats together.
    const answers = await Promise.all(
      people.map((staffMemberId, index) =>
        graphql<{ enrollInTrainingSession: { status: string; queuePosition: number } }>(hubs[index % 3]!.url, ENROL, { sessionId, staffMemberId }, admin),
      ),
    );
    expect(answers.flatMap((answer) => answer.errors ?? []), hubs.map((hub) => hub.output()).join('\n')).toEqual([]);
    const enrolments = answers.map((answer) => answer.data!.enrollInTrainingSession);
    expect(enrolments.filter((row) => row.status === 'REGISTERED')).toHaveLength(5);
    expect(enrolments.filter((row) => row.status === 'WAITLISTED')).toHaveLength(25);
    // One queue across the hubs: thirty distinct places, and the seats went to the first five.
    expect(enrolments.map((row) => row.queuePosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    for (const row of enrolments) expect(row.status).toBe(row.queuePosition <= 5 ? 'REGISTERED' : 'WAITLISTED');
    const em = orm.em.fork();
    expect(await em.count(Enrollment, { session: sessionId, status: 'REGISTERED' })).toBe(5);
    expect(await em.count(Enrollment, { session: sessionId })).toBe(30);
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
    const deliveries = await orm.em.fork().find(WebhookDelivery, {}, { fields: ['id', 'attempts'] });
    expect(deliveries).toHaveLength(events.length);
    // Exactly once per webhook-id: with no hub dying or freezing, no endpoint lease runs out, so no delivery is sent
    // twice (a repeat with the same webhook-id only follows a lease expiry, see the SIGKILL test below).
    const timesSent = new Map<string, number>();
    for (const request of receiver.requests) timesSent.set(String(request.headers['webhook-id']), (timesSent.get(String(request.headers['webhook-id'])) ?? 0) + 1);
    expect([...timesSent.entries()].filter(([, times]) => times !== 1)).toEqual([]);
    expect([...timesSent.keys()].sort()).toEqual(deliveries.map((delivery) => delivery.id).sort());
    expect(deliveries.every((delivery) => delivery.attempts === 1)).toBe(true);
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

  it('when the hub sending a delivery is SIGKILLed mid-request, another sends it after the lease with the same webhook-id: the one repeat tolerated, by design', async () => {
    // Three fresh hubs (the earlier ones were stopped) find the deliveries of the deadline test waiting. The
    // receiver holds the first request without answering; the hub that sent it, the endpoint's lease holder, dies.
    const timeoutMs = 5000;
    receiver.setMode({ kind: 'hang' });
    const before = receiver.requests.length;
    hubs = await Promise.all([0, 1, 2].map(() => startHubProcess({ ...env, WEBHOOK_TIMEOUT_MS: String(timeoutMs) })));
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
