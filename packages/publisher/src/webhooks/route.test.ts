import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  postWebhook,
  settled,
  signedDelivery,
  startTestPublisher,
  type TestPublisher,
  removeTemporaryDirs,
} from '../testing/harness.js';

afterAll(removeTemporaryDirs);

const running: TestPublisher[] = [];

async function start(...args: Parameters<typeof startTestPublisher>) {
  const started = await startTestPublisher(...args);
  running.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((publisher) => publisher.close()));
});

/** Lets any wrongly scheduled build show itself: quiet period and max wait are 0.1 s and 1 s in these tests. */
async function noBuildFollows(site: TestPublisher): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await site.control.buildsStarted()).toBe(0);
  expect(site.publisher.status().totals.eventsAccepted).toBe(0);
}

describe('POST /webhooks', () => {
  it('a correctly signed delivery is accepted with 202 and leads to a build', async () => {
    const site = await start();
    const response = await postWebhook(site.url, signedDelivery({ id: 'msg_accepted' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'scheduled', webhookId: 'msg_accepted' });
    await eventually(() => site.publisher.status().lastSuccess, { what: 'a successful build' });
    expect(await site.control.buildsStarted()).toBe(1);
  });

  it('a delivery signed with another secret is refused as forged and triggers nothing', async () => {
    const site = await start();
    const forged = signedDelivery({ secret: `whsec_${Buffer.from('an attacker guessing the secret!!').toString('base64')}` });
    const response = await postWebhook(site.url, forged);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'webhook_signature_invalid' });
    await noBuildFollows(site);
  });

  it('a body altered after signing is refused as forged', async () => {
    const site = await start();
    const delivery = signedDelivery();
    const response = await postWebhook(site.url, { ...delivery, body: delivery.body.replace('n-1', 'n-2') });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'webhook_signature_invalid' });
    await noBuildFollows(site);
  });

  it('a delivery signed more than five minutes ago is refused as expired and triggers nothing', async () => {
    const site = await start();
    const stale = signedDelivery({ sentAt: new Date(Date.now() - 6 * 60 * 1000) });
    const response = await postWebhook(site.url, stale);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'webhook_timestamp_expired' });
    await noBuildFollows(site);
  });

  it('an unsigned delivery is refused and triggers nothing', async () => {
    const site = await start();
    const response = await fetch(`${site.url}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'notice.published', timestamp: new Date().toISOString(), data: {} }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'webhook_unsigned' });
    await noBuildFollows(site);
  });

  it('a replayed delivery is acknowledged as a duplicate and triggers no second build', async () => {
    const site = await start();
    const delivery = signedDelivery({ id: 'msg_replayed' });
    expect((await postWebhook(site.url, delivery)).status).toBe(202);
    await settled(site.publisher);
    const replay = await postWebhook(site.url, delivery);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: 'duplicate', webhookId: 'msg_replayed' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await site.control.buildsStarted()).toBe(1);
    expect(site.publisher.status().totals.eventsAccepted).toBe(1);
  });

  it('the same delivery sent twice at once is accepted only once', async () => {
    const site = await start();
    const delivery = signedDelivery({ id: 'msg_concurrent' });
    const statuses = (await Promise.all([postWebhook(site.url, delivery), postWebhook(site.url, delivery)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 202]);
  });

  it('remembers deliveries across a restart', async () => {
    const first = await start();
    const delivery = signedDelivery({ id: 'msg_before_restart' });
    expect((await postWebhook(first.url, delivery)).status).toBe(202);
    await settled(first.publisher);
    await first.close();

    const second = await start({ dataDir: first.dataDir, control: first.control });
    const replay = await postWebhook(second.url, delivery);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ status: 'duplicate' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await second.control.buildsStarted()).toBe(1);
  });

  it('answers 415 to a body that is not declared as JSON', async () => {
    const site = await start();
    const delivery = signedDelivery();
    const response = await postWebhook(site.url, {
      ...delivery,
      headers: { ...delivery.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('answers 400 to a body that is not JSON', async () => {
    const site = await start();
    const response = await postWebhook(site.url, signedDelivery({ body: '{"type": "notice.published",' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_json' });
  });

  it('answers 400 to signed JSON that is not an event, and triggers nothing', async () => {
    const site = await start();
    const response = await postWebhook(site.url, signedDelivery({ body: JSON.stringify({ hello: 'world' }) }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_payload' });
    await noBuildFollows(site);
  });

  it('accepts a charset parameter on the JSON content type', async () => {
    const site = await start();
    const delivery = signedDelivery();
    const response = await postWebhook(site.url, {
      ...delivery,
      headers: { ...delivery.headers, 'content-type': 'application/json; charset=utf-8' },
    });
    expect(response.status).toBe(202);
  });
});
