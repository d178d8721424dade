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
import { FakeClock } from '../testing/fake-clock.js';

afterAll(removeTemporaryDirs);

const running: TestPublisher[] = [];

type ClockedPublisher = TestPublisher & { clock: FakeClock };

/** A publisher on a clock the test moves: it starts at the real time, which signatures are dated by. */
async function start(settings: Parameters<typeof startTestPublisher>[0] = {}): Promise<ClockedPublisher> {
  const clock = new FakeClock(Date.now());
  const started = await startTestPublisher({ ...settings, options: { ...settings.options, clock } });
  running.push(started);
  return { ...started, clock };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((publisher) => publisher.close()));
});

/**
 * Moves the clock past the quiet period and the longest wait: a build wrongly scheduled would have started (the
 * scheduler starts it synchronously when its timer fires), and none is running, due or waiting.
 */
async function noBuildFollows(site: ClockedPublisher, builds = 0): Promise<void> {
  await site.clock.advance(site.config.quietMs + site.config.maxWaitMs);
  expect(site.publisher.status()).toMatchObject({ building: false, eventsWaiting: 0, nextBuildAt: null, nextRetryAt: null });
  expect(await site.control.buildsStarted()).toBe(builds);
  expect(site.publisher.status().totals.eventsAccepted).toBe(builds);
}

/** Lets the quiet period after an accepted delivery pass, then waits for the build it started to be online. */
async function buildAfterQuietPeriod(site: ClockedPublisher): Promise<void> {
  await site.clock.advance(site.config.quietMs);
  await settled(site.publisher);
}

describe('POST /webhooks', () => {
  it('a correctly signed delivery is accepted with 202 and leads to a build', async () => {
    const site = await start();
    const response = await postWebhook(site.url, signedDelivery({ id: 'msg_accepted' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'scheduled', webhookId: 'msg_accepted' });
    await site.clock.advance(site.config.quietMs);
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
    await buildAfterQuietPeriod(site);
    const replay = await postWebhook(site.url, delivery);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: 'duplicate', webhookId: 'msg_replayed' });
    await noBuildFollows(site, 1);
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
    await buildAfterQuietPeriod(first);
    await first.close();

    const second = await start({ dataDir: first.dataDir, control: first.control });
    const replay = await postWebhook(second.url, delivery);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ status: 'duplicate' });
    await second.clock.advance(second.config.quietMs + second.config.maxWaitMs);
    expect(second.publisher.status()).toMatchObject({ building: false, eventsWaiting: 0, nextBuildAt: null });
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
