import { expect } from 'vitest';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { noticeInput, type TestHub } from '../test-support/test-hub.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

export const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes active description disabledReason } }
}`;

/** Creates an endpoint through the API as the admin; returns its id and the secret shown once. */
export async function createEndpoint(hub: TestHub, admin: string, input: { url: string; eventTypes?: string[]; description?: string }) {
  const result = await hub.gql(CREATE_ENDPOINT, { input }, admin);
  expect(result.errors).toBeUndefined();
  const created = result.data!.createWebhookEndpoint as { secret: string; endpoint: { id: string } };
  return { id: created.endpoint.id, secret: created.secret };
}

/** A buyer of Draguignan drafts and publishes a notice; returns its reference. */
export async function publishNotice(hub: TestHub, buyer: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await hub.gql(
    'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }',
    { input: noticeInput(hub.clock.now(), overrides) },
    buyer,
  );
  expect(created.errors).toBeUndefined();
  const reference = created.data!.createNotice.reference as string;
  const published = await hub.gql('mutation($r: String!) { publishNotice(reference: $r) { status } }', { r: reference }, buyer);
  expect(published.errors).toBeUndefined();
  return reference;
}

/** The deliveries as stored, oldest event first, with their attempts. */
export async function storedDeliveries(hub: TestHub) {
  const em = hub.orm.em.fork();
  const deliveries = await em.find(WebhookDelivery, {}, { orderBy: [{ event: { occurredAt: 'asc' } }, { event: { createdAt: 'asc' } }], populate: ['event'] });
  const attempts = await em.find(WebhookAttempt, {}, { orderBy: [{ at: 'asc' }, { createdAt: 'asc' }] });
  return deliveries.map((delivery) => ({
    id: delivery.id,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
    lastError: delivery.lastError,
    deliveredAt: delivery.deliveredAt,
    endpointId: delivery.endpoint.id,
    eventType: delivery.eventType,
    reference: delivery.event.getEntity().payload.reference as string,
    log: attempts.filter((attempt) => attempt.delivery.id === delivery.id),
  }));
}

export async function storedEndpoint(hub: TestHub, id: string) {
  return hub.orm.em.fork().findOneOrFail(WebhookEndpoint, { id });
}

export async function outboxEvents(hub: TestHub) {
  return hub.orm.em.fork().find(OutboxEvent, {}, { orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }] });
}
