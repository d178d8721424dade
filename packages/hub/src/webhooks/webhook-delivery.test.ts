import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { eventually } from '../test-support/eventually.js';
import { noticeInput, startTestHub, type TestHub, type TestHubOptions } from '../test-support/test-hub.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';
import { startDeadlineScheduler } from '../notices/deadline-scheduler.js';
import { MAX_ATTEMPTS } from './retry-schedule.js';
import { createEndpoint, outboxEvents, publishNotice, storedDeliveries, storedEndpoint } from './webhook-test-helpers.js';

const SECOND = 1_000;
const running: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const resource of running.splice(0).reverse()) await resource.close();
});

/** A hub with its dispatcher, a receiver subscribed to every event, and the tokens the tests need. */
async function setUp(options: TestHubOptions = { webhooks: true }) {
  const hub = await startTestHub(options);
  running.push(hub);
  const receiver = await startWebhookReceiver();
  running.push(receiver);
  const [admin, buyer, lorgues] = await Promise.all([hub.login('admin@agglo.test'), hub.login('buyer@draguignan.test'), hub.login('buyer@lorgues.test')]);
  const endpoint = await createEndpoint(hub, admin, { url: receiver.url, description: 'test receiver' });
  receiver.setSecret(endpoint.secret);
  return { hub, receiver, admin, buyer, lorgues, endpoint };
}

async function attemptsMade(hub: TestHub, count: number, index = 0) {
  return eventually(async () => {
    const delivery = (await storedDeliveries(hub))[index];
    return delivery && delivery.attempts >= count ? delivery : null;
  }, { what: `attempt ${count}` });
}

function gapsAfterEachAttempt(delivery: Awaited<ReturnType<typeof storedDeliveries>>[number]): number[] {
  // The gap the dispatcher chose after each failure: from that attempt to the next one's due time (or the next attempt).
  return delivery.log.slice(1).map((attempt, index) => (attempt.at.getTime() - delivery.log[index]!.at.getTime()) / SECOND);
}

function received(receiver: WebhookReceiver) {
  return receiver.received.map((message) => `${message.payload.type} ${String(message.payload.data.reference)}`);
}

describe('webhook deliveries', () => {
  it('delivers a published notice once, signed so the standardwebhooks package verifies it, with the delivery id as webhook-id', async () => {
    const { hub, receiver, buyer, endpoint } = await setUp();
    const reference = await publishNotice(hub, buyer);
    await eventually(() => receiver.received.length === 1, { what: 'the delivery' });
    const [message] = receiver.received;
    expect(message!.payload).toEqual({ type: 'notice.published', timestamp: hub.clock.now().toISOString(), sequence: 1, data: { reference } });
    const [delivery] = await eventually(async () => {
      const deliveries = await storedDeliveries(hub);
      return deliveries[0]?.status === 'SUCCEEDED' ? deliveries : null;
    });
    expect(delivery).toMatchObject({ id: message!.id, endpointId: endpoint.id, attempts: 1, nextAttemptAt: null, deliveredAt: hub.clock.now() });
    expect(delivery!.log).toEqual([expect.objectContaining({ httpStatus: 204, error: null })]);
    // The timestamp is real time, as the receiver's five-minute tolerance expects.
    expect(Math.abs(Number(message!.timestamp) * 1000 - Date.now())).toBeLessThan(60 * SECOND);
    // A forger without the secret cannot produce that signature.
    const forged = new Webhook(`whsec_${Buffer.alloc(32, 9).toString('base64')}`);
    expect(() => forged.verify(message!.body, { 'webhook-id': message!.id, 'webhook-timestamp': message!.timestamp, 'webhook-signature': message!.signature })).toThrow();
    await hub.dispatcher!.drain();
    expect(receiver.requests).toHaveLength(1);
  });

  it('emits nothing for a refused mutation: no event is written and nothing is delivered', async () => {
    const { hub, receiver, buyer, lorgues } = await setUp();
    const draft = await hub.gql('mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }', {
      input: noticeInput(hub.clock.now()),
    }, buyer);
    const reference = draft.data!.createNotice.reference as string;
    const refused = await hub.gql('mutation($r: String!) { publishNotice(reference: $r) { status } }', { r: reference }, lorgues);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tooShort = await hub.gql(
      'mutation($r: String!, $input: NoticeDraftInput!) { updateDraftNotice(reference: $r, input: $input) { reference } }',
      { r: reference, input: { submissionDeadline: new Date(hub.clock.now().getTime() + 2 * 86_400_000).toISOString() } },
      buyer,
    );
    expect(tooShort.errors).toBeUndefined();
    const refusedRule = await hub.gql('mutation($r: String!) { publishNotice(reference: $r) { status } }', { r: reference }, buyer);
    expect(refusedRule.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await hub.dispatcher!.drain();
    expect(await outboxEvents(hub)).toEqual([]);
    expect(await storedDeliveries(hub)).toEqual([]);
    expect(receiver.requests).toEqual([]);

    const published = await publishNotice(hub, buyer);
    await eventually(() => receiver.received.length === 1);
    expect(received(receiver)).toEqual([`notice.published ${published}`]);
  });

  it('keeps the event of a committed mutation even if the process dies before dispatching it, and delivers it after the restart', async () => {
    const { hub, receiver, buyer } = await setUp({ webhooks: false });
    const reference = await publishNotice(hub, buyer);
    // Right after the mutation returned, nothing has been dispatched, yet the event is on disk.
    const [event] = await outboxEvents(hub);
    expect(event).toMatchObject({ type: 'notice.published', payload: { reference }, dispatchedAt: null });
    expect(await storedDeliveries(hub)).toEqual([]);

    await hub.restart({ webhooks: true });
    await eventually(() => receiver.received.length === 1, { what: 'the delivery after the restart' });
    expect(received(receiver)).toEqual([`notice.published ${reference}`]);
    expect((await outboxEvents(hub))[0]!.dispatchedAt).not.toBeNull();
  });

  it('retries a receiver that is down at growing intervals, and delivers once it is back', async () => {
    const { hub, receiver, buyer } = await setUp();
    receiver.setMode({ kind: 'down' });
    const reference = await publishNotice(hub, buyer);
    const first = await attemptsMade(hub, 1);
    expect(first.status).toBe('PENDING');
    expect(first.lastError).toMatch(/socket|ECONNRESET|closed/i);
    expect(first.nextAttemptAt!.getTime() - hub.clock.now().getTime()).toBe(5 * SECOND);
    // Not due yet: a pass sends nothing.
    await hub.dispatcher!.drain();
    expect((await storedDeliveries(hub))[0]!.attempts).toBe(1);

    for (const [attempt, wait] of [[2, 5], [3, 30], [4, 120]] as const) {
      hub.clock.advance(wait * SECOND);
      await attemptsMade(hub, attempt);
    }
    const failing = (await storedDeliveries(hub))[0]!;
    expect(gapsAfterEachAttempt(failing)).toEqual([5, 30, 120]);
    expect(failing.nextAttemptAt!.getTime() - failing.log.at(-1)!.at.getTime()).toBe(600 * SECOND);

    receiver.setMode({ kind: 'answer', status: 200, body: 'ok' });
    hub.clock.advance(600 * SECOND);
    await eventually(() => receiver.received.length === 1, { what: 'the delivery once the receiver is back' });
    const delivered = await eventually(async () => {
      const delivery = (await storedDeliveries(hub))[0]!;
      return delivery.status === 'SUCCEEDED' ? delivery : null;
    });
    expect(delivered).toMatchObject({ attempts: 5, nextAttemptAt: null });
    expect(delivered.log.map((attempt) => attempt.httpStatus)).toEqual([null, null, null, null, 200]);
    expect(delivered.log.at(-1)!.responseExcerpt).toBe('ok');
    expect(received(receiver)).toEqual([`notice.published ${reference}`]);
    // Every attempt carried the same webhook-id, so a receiver that got an earlier one would drop this one.
    expect(new Set(receiver.requests.map((request) => request.headers['webhook-id']))).toEqual(new Set([delivered.id]));
  });

  it('waits as long as the receiver’s Retry-After asks when that is longer than the schedule', async () => {
    const { hub, receiver, buyer } = await setUp();
    receiver.setMode({ kind: 'answer', status: 503, headers: { 'retry-after': '120' }, body: 'maintenance' });
    await publishNotice(hub, buyer);
    const delivery = await attemptsMade(hub, 1);
    expect(delivery.nextAttemptAt!.getTime() - hub.clock.now().getTime()).toBe(120 * SECOND);
    expect(delivery.lastError).toBe('HTTP 503');
    expect(delivery.log[0]).toMatchObject({ httpStatus: 503, responseExcerpt: 'maintenance' });
  });

  it('gives up after eleven attempts over more than a day and marks the delivery failed', async () => {
    const { hub, receiver, buyer } = await setUp();
    receiver.setMode({ kind: 'answer', status: 500 });
    const started = hub.clock.now().getTime();
    await publishNotice(hub, buyer);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const delivery = await attemptsMade(hub, attempt);
      hub.clock.set(delivery.nextAttemptAt!);
    }
    const failed = await eventually(async () => {
      const delivery = (await storedDeliveries(hub))[0]!;
      return delivery.status === 'FAILED' ? delivery : null;
    });
    expect(failed.attempts).toBe(MAX_ATTEMPTS);
    expect(failed.lastError).toMatch(/HTTP 500; gave up after 11 failed attempts/);
    expect(hub.clock.now().getTime() - started).toBeGreaterThan(24 * 3600 * SECOND);
    expect(hub.dispatcherLog.join('\n')).toMatch(/failed for good/);
  });

  it('sends an endpoint its events in the order they happened, holding later ones behind one that is being retried', async () => {
    const { hub, receiver, buyer } = await setUp();
    receiver.setMode({ kind: 'down' });
    const first = await publishNotice(hub, buyer);
    await attemptsMade(hub, 1);
    hub.clock.advance(SECOND);
    const second = await publishNotice(hub, buyer);
    hub.clock.advance(SECOND);
    const third = await publishNotice(hub, buyer);
    await hub.dispatcher!.drain();
    expect((await storedDeliveries(hub)).map((delivery) => [delivery.reference, delivery.attempts])).toEqual([
      [first, 1],
      [second, 0],
      [third, 0],
    ]);

    receiver.setMode({ kind: 'answer', status: 202 });
    hub.clock.advance(5 * SECOND);
    await eventually(() => receiver.received.length === 3, { what: 'the three deliveries' });
    expect(received(receiver)).toEqual([`notice.published ${first}`, `notice.published ${second}`, `notice.published ${third}`]);
  });

  it('disables the endpoint on 410 Gone, with the reason, and fails its pending deliveries', async () => {
    const { hub, receiver, buyer, admin, endpoint } = await setUp();
    receiver.setMode({ kind: 'down' });
    const first = await publishNotice(hub, buyer);
    await attemptsMade(hub, 1);
    const second = await publishNotice(hub, buyer);
    await hub.dispatcher!.drain();

    receiver.setMode({ kind: 'answer', status: 410 });
    hub.clock.advance(5 * SECOND);
    const disabled = await eventually(async () => {
      const stored = await storedEndpoint(hub, endpoint.id);
      return stored.active ? null : stored;
    });
    expect(disabled.disabledReason).toMatch(/410 Gone/);
    expect((await storedDeliveries(hub)).map((delivery) => [delivery.reference, delivery.status, delivery.lastError])).toEqual([
      [first, 'FAILED', expect.stringMatching(/410 Gone/)],
      [second, 'FAILED', expect.stringMatching(/410 Gone/)],
    ]);
    expect(hub.dispatcherLog.join('\n')).toMatch(/disabled: the receiver answered 410 Gone/);

    // A disabled endpoint gets no new deliveries.
    const requestsBefore = receiver.requests.length;
    await publishNotice(hub, buyer);
    await hub.dispatcher!.drain();
    expect(await storedDeliveries(hub)).toHaveLength(2);
    expect(receiver.requests).toHaveLength(requestsBefore);

    const list = await hub.gql('{ webhookEndpoints { id active disabledReason } }', {}, admin);
    expect(list.data!.webhookEndpoints).toEqual([{ id: endpoint.id, active: false, disabledReason: expect.stringMatching(/410 Gone/) }]);
  });

  it('redelivers a failed delivery once the endpoint is active again, with the same webhook-id', async () => {
    const { hub, receiver, buyer, admin, endpoint } = await setUp();
    receiver.setMode({ kind: 'answer', status: 410 });
    const reference = await publishNotice(hub, buyer);
    await eventually(async () => (await storedDeliveries(hub))[0]?.status === 'FAILED');
    const [failed] = await storedDeliveries(hub);
    const REDELIVER = 'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status attemptCount nextAttemptAt attempts { httpStatus } } }';

    const refused = await hub.gql(REDELIVER, { id: failed!.id }, admin);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await storedDeliveries(hub))[0]!.status).toBe('FAILED');

    const reactivated = await hub.gql(
      'mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { active: true }) { active disabledReason } }',
      { id: endpoint.id },
      admin,
    );
    expect(reactivated.data!.updateWebhookEndpoint).toEqual({ active: true, disabledReason: null });
    receiver.setMode({ kind: 'answer', status: 204 });
    const redelivered = await hub.gql(REDELIVER, { id: failed!.id }, admin);
    expect(redelivered.errors).toBeUndefined();
    expect(redelivered.data!.redeliverWebhook).toMatchObject({ id: failed!.id, attemptCount: 1, attempts: [{ httpStatus: 410 }] });
    await eventually(() => receiver.received.length === 1, { what: 'the redelivery' });
    expect(receiver.received[0]!.id).toBe(failed!.id);
    expect(received(receiver)).toEqual([`notice.published ${reference}`]);
    const delivered = await eventually(async () => {
      const delivery = (await storedDeliveries(hub))[0]!;
      return delivery.status === 'SUCCEEDED' ? delivery : null;
    });
    expect(delivered.attempts).toBe(2);

    // A delivered one can be sent again too: the receiver sees the same webhook-id and may drop it.
    await hub.gql(REDELIVER, { id: failed!.id }, admin);
    await eventually(() => receiver.received.length === 2, { what: 'the second redelivery' });
    expect(receiver.received.map((message) => message.id)).toEqual([failed!.id, failed!.id]);
  });

  it('resumes a pending delivery after a restart of the hub', async () => {
    const { hub, receiver, buyer } = await setUp();
    receiver.setMode({ kind: 'down' });
    const reference = await publishNotice(hub, buyer);
    const pending = await attemptsMade(hub, 1);

    await hub.restart();
    receiver.setMode({ kind: 'answer', status: 200 });
    hub.clock.advance(5 * SECOND);
    await eventually(() => receiver.received.length === 1, { what: 'the delivery after the restart' });
    expect(receiver.received[0]!.id).toBe(pending.id);
    expect(received(receiver)).toEqual([`notice.published ${reference}`]);
    const delivered = await eventually(async () => {
      const delivery = (await storedDeliveries(hub))[0]!;
      return delivery.status === 'SUCCEEDED' ? delivery : null;
    });
    expect(delivered.attempts).toBe(2);
  });

  it('counts a receiver that does not answer in time as a failed attempt', async () => {
    const { hub, receiver, buyer } = await setUp({ webhooks: { timeoutMs: 200 } });
    receiver.setMode({ kind: 'hang' });
    await publishNotice(hub, buyer);
    const delivery = await attemptsMade(hub, 1);
    expect(delivery.status).toBe('PENDING');
    expect(delivery.lastError).toBe('no answer within 0.2 s');
    expect(delivery.log[0]).toMatchObject({ httpStatus: null, error: 'no answer within 0.2 s' });
    expect(delivery.log[0]!.durationMs).toBeGreaterThanOrEqual(150);
  });

  it('delivers to an endpoint only the event types it subscribed to, one delivery per matching endpoint, numbered in each endpoint’s own sequence', async () => {
    const { hub, receiver, buyer, admin } = await setUp();
    const cancellations = await startWebhookReceiver();
    running.push(cancellations);
    const onlyCancelled = await createEndpoint(hub, admin, { url: cancellations.url, eventTypes: ['notice.cancelled'] });
    cancellations.setSecret(onlyCancelled.secret);

    const reference = await publishNotice(hub, buyer);
    await eventually(() => receiver.received.length === 1);
    await hub.dispatcher!.drain();
    expect(cancellations.requests).toEqual([]);

    const cancelled = await hub.gql('mutation($r: String!) { cancelNotice(reference: $r, reason: "Besoin disparu") { status } }', { r: reference }, buyer);
    expect(cancelled.errors).toBeUndefined();
    await eventually(() => cancellations.received.length === 1 && receiver.received.length === 2);
    expect(received(cancellations)).toEqual([`notice.cancelled ${reference}`]);
    expect(received(receiver)).toEqual([`notice.published ${reference}`, `notice.cancelled ${reference}`]);
    expect(await storedDeliveries(hub)).toHaveLength(3);
    // Each endpoint numbers its own deliveries: one that filters types sees no gap where it receives nothing.
    expect(cancellations.received.map((message) => message.payload.sequence)).toEqual([1]);
    expect(receiver.received.map((message) => message.payload.sequence)).toEqual([1, 2]);
  });

  it('delivers the notice.closed of a deadline that passes, without any staff action', async () => {
    const { hub, receiver, buyer } = await setUp();
    const reference = await publishNotice(hub, buyer);
    await eventually(() => receiver.received.length === 1);
    const scheduler = startDeadlineScheduler(hub.orm, hub.config, hub.clock, () => undefined, { maxSleepMs: 20 });
    running.push({ close: () => scheduler.stop() });
    hub.clock.advance(40 * 86_400 * SECOND);
    await eventually(() => receiver.received.length === 2, { what: 'the notice.closed delivery' });
    expect(received(receiver)).toEqual([`notice.published ${reference}`, `notice.closed ${reference}`]);
  });

  it('is woken by a commit instead of waiting for its next poll', async () => {
    const { hub, receiver, buyer } = await setUp({ webhooks: { pollMs: 60_000 } });
    // Let the start-up pass finish, so that only a wake-up can send what comes next.
    await hub.dispatcher!.drain();
    const reference = await publishNotice(hub, buyer);
    await eventually(() => receiver.received.length === 1, { timeoutMs: 5_000, what: 'a delivery long before the next poll' });
    expect(received(receiver)).toEqual([`notice.published ${reference}`]);
  });

  it('signs with both secrets for a day after a rotation, then with the new one only', async () => {
    const { hub, receiver, buyer, admin, endpoint } = await setUp();
    const rotated = await hub.gql('mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id } } }', { id: endpoint.id }, admin);
    const newSecret = rotated.data!.rotateWebhookSecret.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(endpoint.secret);

    // The receiver still has the old secret: the delivery verifies.
    await publishNotice(hub, buyer);
    await eventually(() => receiver.received.length === 1);
    expect(receiver.received[0]!.signature.split(' ')).toHaveLength(2);
    // It switches to the new secret: the next one verifies too.
    receiver.setSecret(newSecret);
    await publishNotice(hub, buyer);
    await eventually(() => receiver.received.length === 2);

    hub.clock.advance(24 * 3600 * SECOND + SECOND);
    await publishNotice(hub, await hub.login('buyer@draguignan.test'));
    await eventually(() => receiver.received.length === 3);
    expect(receiver.received[2]!.signature.split(' ')).toHaveLength(1);
  });
});
