import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { fanOutEvents } from './outbox-fan-out.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { CREATE_ENDPOINT, createEndpoint, publishNotice } from './webhook-test-helpers.js';

const ENDPOINT_FIELDS = 'id url eventTypes active description disabledReason createdAt updatedAt';
const ENDPOINTS = `{ webhookEndpoints { ${ENDPOINT_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { ${ENDPOINT_FIELDS} } }`;
const DELIVERIES = `query($endpointId: ID, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
  webhookDeliveries(endpointId: $endpointId, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id endpointId endpointUrl eventId eventType eventOccurredAt status attemptCount nextAttemptAt lastError createdAt deliveredAt attempts { at httpStatus error durationMs responseExcerpt } } }
  }
}`;

describe('webhook endpoints through the API', () => {
  let hub: TestHub;
  let admin: string;
  let buyer: string;
  let viewer: string;

  beforeAll(async () => {
    hub = await startTestHub();
    [admin, buyer, viewer] = await Promise.all([hub.login('admin@agglo.test'), hub.login('buyer@draguignan.test'), hub.login('viewer@draguignan.test')]);
  });
  afterAll(() => hub?.close());

  async function counts() {
    const em = hub.orm.em.fork();
    return {
      endpoints: await em.count(WebhookEndpoint, {}),
      deliveries: await em.count(WebhookDelivery, {}),
      attempts: await em.count(WebhookAttempt, {}),
      audit: await em.count(AuditEntry, {}),
    };
  }

  it('an admin creates an endpoint and sees its whsec_ secret once, in that answer only', async () => {
    const result = await hub.gql(CREATE_ENDPOINT, {
      input: { url: 'https://publisher.example/webhooks', eventTypes: ['notice.published', 'notice.closed'], description: ' Site public ' },
    }, admin);
    expect(result.errors).toBeUndefined();
    const { secret, endpoint } = result.data!.createWebhookEndpoint;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toEqual({
      id: expect.any(String),
      url: 'https://publisher.example/webhooks',
      eventTypes: ['notice.published', 'notice.closed'],
      active: true,
      description: 'Site public',
      disabledReason: null,
    });

    // Nothing readable afterwards carries it: not the endpoint type, not the list, not the audit log.
    const listed = await hub.gql(ENDPOINTS, {}, admin);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));
    const asSecret = await hub.gql('{ webhookEndpoints { secret } }', {}, admin);
    expect(asSecret.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const audit = await hub.orm.em.fork().find(AuditEntry, { entityId: endpoint.id });
    expect(audit.map((entry) => entry.action)).toEqual(['createWebhookEndpoint']);
    expect(JSON.stringify(audit.map((entry) => entry.details))).not.toContain(secret.slice(6));
  });

  it('has no field in the schema that could return a secret, other than the creation and rotation answers', async () => {
    const result = await hub.gql(`{
      endpoint: __type(name: "WebhookEndpoint") { fields { name } }
      delivery: __type(name: "WebhookDelivery") { fields { name } }
      attempt: __type(name: "WebhookAttempt") { fields { name } }
    }`);
    const names = [result.data!.endpoint, result.data!.delivery, result.data!.attempt].flatMap((type: any) => type.fields.map((field: any) => field.name));
    expect(names.filter((name: string) => /secret/i.test(name))).toEqual([]);
  });

  it('refuses every webhook field to buyers, viewers and anonymous clients, and changes nothing', async () => {
    const before = await counts();
    const operations = [
      ENDPOINTS,
      '{ webhookEventTypes }',
      '{ webhookDeliveries { totalCount } }',
      `mutation { createWebhookEndpoint(input: { url: "https://evil.example/hook" }) { secret } }`,
      'mutation { rotateWebhookSecret(id: "x") { secret } }',
      'mutation { deleteWebhookEndpoint(id: "x") }',
      'mutation { redeliverWebhook(deliveryId: "x") { id } }',
      'mutation { updateWebhookEndpoint(id: "x", input: { active: false }) { id } }',
    ];
    for (const operation of operations) {
      expect((await hub.gql(operation, {}, buyer)).errors?.[0]?.extensions?.code, operation).toBe('FORBIDDEN');
      expect((await hub.gql(operation, {}, viewer)).errors?.[0]?.extensions?.code, operation).toBe('FORBIDDEN');
      expect((await hub.gql(operation)).errors?.[0]?.extensions?.code, operation).toBe('UNAUTHENTICATED');
    }
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['url', { url: 'ftp://publisher.example/webhooks' }, /https/],
    ['url', { url: 'not a url' }, /adresse web absolue/],
    ['url', { url: 'https://user:secret@publisher.example/webhooks' }, /mot de passe/],
    ['eventTypes', { url: 'https://ok.example/webhooks', eventTypes: ['notice.published', 'notice.deleted'] }, /notice\.deleted/],
    ['description', { url: 'https://ok.example/webhooks', description: 'x'.repeat(501) }, /500/],
  ])('refuses a bad %s, naming it, and creates nothing', async (field, input, message) => {
    const before = await counts();
    const result = await hub.gql(CREATE_ENDPOINT, { input }, admin);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('refuses a second endpoint with the same URL', async () => {
    await createEndpoint(hub, admin, { url: 'https://twice.example/webhooks' });
    const before = await counts();
    const again = await hub.gql(CREATE_ENDPOINT, { input: { url: 'https://twice.example/webhooks' } }, admin);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(await counts()).toEqual(before);
  });

  it('lists the event types an endpoint may choose', async () => {
    const result = await hub.gql('{ webhookEventTypes }', {}, admin);
    expect(result.data!.webhookEventTypes).toEqual(expect.arrayContaining(['notice.published', 'notice.corrected', 'notice.cancelled', 'notice.closed', 'notice.awarded', 'lot.unsuccessful', 'organisation.updated']));
  });

  it('an admin changes the URL and event types, pauses and resumes an endpoint', async () => {
    const { id } = await createEndpoint(hub, admin, { url: 'https://change.example/webhooks' });
    const changed = await hub.gql(UPDATE, { id, input: { url: 'https://changed.example/hook', eventTypes: ['notice.cancelled'], description: 'Archive' } }, admin);
    expect(changed.data!.updateWebhookEndpoint).toMatchObject({ url: 'https://changed.example/hook', eventTypes: ['notice.cancelled'], description: 'Archive', active: true });

    const paused = await hub.gql(UPDATE, { id, input: { active: false } }, admin);
    expect(paused.data!.updateWebhookEndpoint).toMatchObject({ active: false, disabledReason: expect.stringMatching(/Paused by an administrator/) });
    const resumed = await hub.gql(UPDATE, { id, input: { active: true, eventTypes: [] } }, admin);
    expect(resumed.data!.updateWebhookEndpoint).toMatchObject({ active: true, disabledReason: null, eventTypes: [] });

    const bad = await hub.gql(UPDATE, { id, input: { eventTypes: ['everything'] } }, admin);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventTypes' });
    const missing = await hub.gql(UPDATE, { id: '00000000-0000-0000-0000-000000000000', input: { active: false } }, admin);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('rotating the secret shows a new one once and keeps the old one signing for a day', async () => {
    const { id, secret } = await createEndpoint(hub, admin, { url: 'https://rotate.example/webhooks' });
    const rotated = await hub.gql('mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id } } }', { id }, admin);
    const fresh = rotated.data!.rotateWebhookSecret.secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(secret);
    const stored = await hub.orm.em.fork().findOneOrFail(WebhookEndpoint, { id });
    expect(stored.signingSecrets(hub.clock.now())).toEqual([fresh, secret]);
    expect(stored.signingSecrets(new Date(hub.clock.now().getTime() + 24 * 3600_000))).toEqual([fresh]);
  });

  it('lists deliveries newest first with their attempts, filtered by endpoint and status, page by page', async () => {
    const first = await createEndpoint(hub, admin, { url: 'https://deliveries-a.example/webhooks' });
    const second = await createEndpoint(hub, admin, { url: 'https://deliveries-b.example/webhooks', eventTypes: ['notice.cancelled'] });
    // No dispatcher here: the fan-out runs by hand, and nothing is sent.
    await fanOutEvents(hub.orm, hub.clock.now());
    const references = [await publishNotice(hub, buyer), await publishNotice(hub, buyer)];
    await fanOutEvents(hub.orm, hub.clock.now());

    const page1 = await hub.gql(DELIVERIES, { endpointId: first.id, first: 1 }, admin);
    expect(page1.errors).toBeUndefined();
    const connection = page1.data!.webhookDeliveries;
    expect(connection.totalCount).toBe(2);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(connection.edges[0].node).toMatchObject({
      endpointId: first.id,
      endpointUrl: 'https://deliveries-a.example/webhooks',
      eventType: 'notice.published',
      status: 'PENDING',
      attemptCount: 0,
      attempts: [],
      deliveredAt: null,
    });
    const page2 = await hub.gql(DELIVERIES, { endpointId: first.id, first: 1, after: connection.pageInfo.endCursor }, admin);
    expect(page2.data!.webhookDeliveries.pageInfo.hasNextPage).toBe(false);
    expect(page2.data!.webhookDeliveries.edges).toHaveLength(1);

    expect((await hub.gql(DELIVERIES, { endpointId: second.id }, admin)).data!.webhookDeliveries.totalCount).toBe(0);
    expect((await hub.gql(DELIVERIES, { status: 'SUCCEEDED' }, admin)).data!.webhookDeliveries.totalCount).toBe(0);
    expect(references).toHaveLength(2);
    const tooMany = await hub.gql(DELIVERIES, { first: 101 }, admin);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('deleting an endpoint removes its deliveries and their attempts, and keeps the events', async () => {
    const { id } = await createEndpoint(hub, admin, { url: 'https://delete.example/webhooks' });
    await fanOutEvents(hub.orm, hub.clock.now());
    await publishNotice(hub, buyer);
    await fanOutEvents(hub.orm, hub.clock.now());
    const em = hub.orm.em.fork();
    const [delivery] = await em.find(WebhookDelivery, { endpoint: id });
    em.create(WebhookAttempt, { delivery: delivery!, at: hub.clock.now(), httpStatus: 500, durationMs: 12 });
    await em.flush();

    const removed = await hub.gql('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id }, admin);
    expect(removed.data!.deleteWebhookEndpoint).toBe(true);
    const after = hub.orm.em.fork();
    expect(await after.count(WebhookEndpoint, { id })).toBe(0);
    expect(await after.count(WebhookDelivery, { id: delivery!.id })).toBe(0);
    expect(await after.count(WebhookAttempt, { delivery: delivery!.id })).toBe(0);
    expect(await after.count(OutboxEvent, { id: delivery!.event.id })).toBe(1);
    const audit = await after.find(AuditEntry, { entityId: id }, { orderBy: { createdAt: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual(['createWebhookEndpoint', 'deleteWebhookEndpoint']);

    const again = await hub.gql('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id }, admin);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses to redeliver a delivery that does not exist', async () => {
    const result = await hub.gql('mutation { redeliverWebhook(deliveryId: "00000000-0000-0000-0000-000000000000") { id } }', {}, admin);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
