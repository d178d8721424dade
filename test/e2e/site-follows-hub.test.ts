import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { publish, publishNew, type PublishedNotice } from './support/notices.js';
import { eventually } from '../../packages/hub/src/test-support/eventually.js';
import { post, signedRequest } from './support/signing.js';
import { isOnSite, openList } from './support/site.js';
import { createDraft, recentDeliveries, type Delivery } from './support/staff.js';
import { startWorld, type World } from './support/world.js';

// The event path end to end, with real processes: the hub (GraphQL, outbox, signed webhooks) and the publisher
// (verification, coalescing, the real site build, the atomic swap, serving) on 127.0.0.1, killed and restarted as
// the faults require. One world for the whole file, since a site build takes seconds; every test starts once the
// hub has nothing left to deliver and the publisher nothing left to build, and compares the publisher's totals with
// what they were then. Nothing here asserts how long anything took: the polls' timeouts only bound a broken run.

const SITE_TIMEOUT = { timeoutMs: 150_000, intervalMs: 250 };

describe('the public site follows the hub through signed webhooks', { timeout: 300_000 }, () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld('site-follows-hub');
  });

  afterAll(async () => {
    if (world?.publisher.process.running()) {
      const { totals, lastSuccess } = await world.publisher.status();
      console.info(`e2e: ${totals.buildsSucceeded} builds succeeded, ${totals.buildsFailed} failed since the last start; last build ${((lastSuccess?.durationMs ?? 0) / 1000).toFixed(1)} s`);
    }
    await world?.stop();
  });

  beforeEach(async () => {
    // A test that failed half-way must not take the next ones with it.
    world.publisher.process.thaw();
    world.publisher.thawRenderer();
    world.hub.process.thaw();
    if (!world.hub.process.running()) await world.hub.start();
    if (!world.publisher.process.running()) await world.publisher.start();
    await world.quiet();
  });

  const newNotice = (title: string) => publishNew(world.hub.graphqlUrl, world.buyerToken, { title });
  const deliveryOf = async (notice: PublishedNotice): Promise<Delivery | undefined> =>
    (await recentDeliveries(world.hub.graphqlUrl, world.adminToken)).find(
      (delivery) => delivery.eventType === 'notice.published' && delivery.eventOccurredAt === notice.publishedAt,
    );
  const buildsSoFar = (totals: { buildsSucceeded: number; buildsFailed: number }) => totals.buildsSucceeded + totals.buildsFailed;

  let firstNotice: PublishedNotice | undefined;

  it('shows a notice published through GraphQL on its own page and on the open list', async () => {
    const before = await world.publisher.status();
    firstNotice = await newNotice('Réfection de la toiture du gymnase des Collettes');

    await eventually(() => isOnSite(world.publisher, firstNotice!.reference, firstNotice!.title), { what: `${firstNotice.reference} on the served site`, ...SITE_TIMEOUT });
    const after = await world.publisher.settled();
    expect(after.current?.id).not.toBe(before.current?.id);
    expect(after.totals.eventsAccepted).toBe(before.totals.eventsAccepted + 1);
    expect((await deliveryOf(firstNotice))?.status).toBe('SUCCEEDED');
  });

  it('answers a forged signature, a stale timestamp and a replayed delivery without building anything', async () => {
    // The replay is the hub's own delivery of a notice: same webhook-id, same body, signed again with the real
    // secret (a request captured and sent again within the five minutes would carry the same signature).
    const notice = firstNotice ?? (await newNotice('Entretien des espaces verts du parc de la Foux'));
    const delivered = await eventually(async () => {
      const delivery = await deliveryOf(notice);
      return delivery?.status === 'SUCCEEDED' && delivery;
    }, { what: 'the hub to have delivered the notice', timeoutMs: 60_000 });
    await world.quiet();
    const before = await world.publisher.status();
    const event = { type: 'notice.published', timestamp: notice.publishedAt, data: { reference: notice.reference } };

    const forger = `whsec_${Buffer.from(randomUUID() + randomUUID()).toString('base64')}`;
    const forged = await post(world.publisher.webhookUrl, signedRequest(forger, `msg_${randomUUID()}`, new Date(), event));
    expect(forged).toEqual({ status: 401, body: expect.objectContaining({ error: 'webhook_signature_invalid' }) });

    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const stale = await post(world.publisher.webhookUrl, signedRequest(world.publisher.secret, `msg_${randomUUID()}`, tenMinutesAgo, event));
    expect(stale).toEqual({ status: 401, body: expect.objectContaining({ error: 'webhook_timestamp_expired' }) });

    const replayed = await post(world.publisher.webhookUrl, signedRequest(world.publisher.secret, delivered.id, new Date(), event));
    expect(replayed).toEqual({ status: 200, body: expect.objectContaining({ status: 'duplicate' }) });

    // Acceptance is decided before the answer, so the totals already tell whether anything was let in.
    const after = await world.publisher.status();
    expect(after.totals).toEqual(before.totals);
    expect(after).toMatchObject({ building: false, running: null, eventsWaiting: 0, nextBuildAt: null });
    expect(after.current?.id).toBe(before.current?.id);
  });

  it('builds at most twice for twenty events that arrive while a release is being made', async () => {
    const titles = Array.from({ length: 20 }, (_, index) => `Fourniture de mobilier scolaire, lot de rentrée n° ${index + 1}`);
    const drafts: string[] = [];
    for (const title of titles) drafts.push(await createDraft(world.hub.graphqlUrl, world.buyerToken, { title }));
    const before = await world.publisher.status();

    // The renderer is held while the events arrive, however slowly the machine delivers them: the first release
    // (if the quiet period ends before the last event) waits in it, and every later event gathers for one more.
    await world.publisher.freezeRenderer();
    try {
      // Drafts make no event; the twenty publications go out together, and the hub delivers their events in order.
      await Promise.all(drafts.map((reference) => publish(world.hub.graphqlUrl, world.buyerToken, reference)));
      await eventually(async () => (await world.publisher.status()).totals.eventsAccepted >= before.totals.eventsAccepted + 20, { what: 'the twenty events to reach the publisher', timeoutMs: 60_000 });
    } finally {
      world.publisher.thawRenderer();
    }
    await world.quiet();
    const after = await world.publisher.status();
    expect(after.totals.eventsAccepted).toBe(before.totals.eventsAccepted + 20);
    const builds = buildsSoFar(after.totals) - buildsSoFar(before.totals);
    expect(builds).toBeGreaterThanOrEqual(1);
    expect(builds).toBeLessThanOrEqual(2);
    expect(after.totals.buildsFailed).toBe(before.totals.buildsFailed);
    const listed = await openList(world.publisher);
    for (const reference of drafts) expect(listed).toContain(reference);
  });

  it('publishes a notice published while the publisher was down once it is back, through the hub’s retry', async () => {
    await world.publisher.process.stop();
    const notice = await newNotice('Maîtrise d’œuvre pour la rénovation de la médiathèque');

    // The hub tried, found nobody, and keeps the delivery for a retry.
    const failed = await eventually(async () => {
      const delivery = await deliveryOf(notice);
      return delivery?.status === 'PENDING' && delivery.attemptCount >= 1 && delivery;
    }, { what: 'a failed first attempt', timeoutMs: 60_000 });
    expect(failed.attempts[0]?.httpStatus).toBeNull();
    expect(failed.attempts[0]?.error).toBeTruthy();

    await world.publisher.start(); // same port, same data directory
    await eventually(() => isOnSite(world.publisher, notice.reference, notice.title), { what: `${notice.reference} on the served site`, ...SITE_TIMEOUT });
    const delivered = await deliveryOf(notice);
    expect(delivered?.status).toBe('SUCCEEDED');
    expect(delivered?.attemptCount).toBeGreaterThanOrEqual(2);
  });

  it('keeps the last good site online while the hub is down during a build, and rebuilds on the next event', async () => {
    const before = await world.publisher.status();
    const during = await newNotice('Travaux de voirie du chemin de Sainte-Roseline');

    // Killed as soon as the publisher holds the event: its build starts after the quiet period (500 ms), and the
    // site build asks the hub for data only once Astro is loaded, later still; so the build finds the hub down.
    await eventually(async () => (await world.publisher.status()).totals.eventsAccepted > before.totals.eventsAccepted, {
      what: 'the publisher to accept the event',
      intervalMs: 10,
    });
    await world.hub.process.kill();

    const failed = await eventually(
      async () => {
        const status = await world.publisher.status();
        return status.totals.buildsFailed > before.totals.buildsFailed && !status.building && status;
      },
      { what: 'the build to fail', ...SITE_TIMEOUT },
    );
    expect(failed.totals.buildsSucceeded).toBe(before.totals.buildsSucceeded);
    expect(failed.lastFailure?.stderrTail).toMatch(/cannot reach the hub/);
    expect(failed.current?.id).toBe(before.current?.id);
    expect((await world.publisher.page('/')).status).toBe(200);
    expect(await openList(world.publisher)).not.toContain(during.reference);
    expect((await world.publisher.page(`/avis/${during.reference}/`)).status).toBe(404);

    await world.hub.start();
    const next = await newNotice('Nettoyage des locaux de la mairie annexe');
    await eventually(
      async () => (await isOnSite(world.publisher, during.reference, during.title)) && isOnSite(world.publisher, next.reference, next.title),
      { what: 'both notices on the served site', ...SITE_TIMEOUT },
    );
    expect((await world.publisher.settled()).lastSuccess?.id).not.toBe(before.lastSuccess?.id);
  });

  it('still delivers the event of a mutation when the hub is killed with SIGKILL right after it returns', async () => {
    const reference = await createDraft(world.hub.graphqlUrl, world.buyerToken, { title: 'Location de bungalows pour le centre de loisirs' });

    // The publisher is frozen (its port still accepts connections, nobody answers), so whatever the hub had done
    // when it died (committed the event, fanned it out, sent the request), it cannot have recorded a delivery:
    // only what it wrote to its database in the mutation's transaction can bring the event out after the restart.
    world.publisher.process.freeze();
    let publishedAt: string;
    try {
      publishedAt = await publish(world.hub.graphqlUrl, world.buyerToken, reference);
      await world.hub.process.kill();
    } finally {
      world.publisher.process.thaw();
    }
    const killedAt = Date.now();
    await world.hub.start();

    const notice = { reference, title: 'Location de bungalows pour le centre de loisirs', publishedAt };
    await eventually(() => isOnSite(world.publisher, reference, notice.title), { what: `${reference} on the served site`, ...SITE_TIMEOUT });
    const delivery = await eventually(async () => {
      const found = await deliveryOf(notice);
      return found?.status === 'SUCCEEDED' && found;
    }, { what: 'the hub to record the delivery', timeoutMs: 60_000 });
    expect(delivery.attempts.length).toBeGreaterThanOrEqual(1);
    // Every attempt on record was made by the restarted hub (to the second, in case the database keeps no more).
    const killedSecond = Math.floor(killedAt / 1000) * 1000;
    for (const attempt of delivery.attempts) expect(Date.parse(attempt.at)).toBeGreaterThanOrEqual(killedSecond);
  });
});
