import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNew } from './support/notices.js';
import { eventually, GiveUp } from '../../packages/hub/src/test-support/eventually.js';
import { noticePageShows, openList } from './support/site.js';
import { noticeStatus, recentDeliveries } from './support/staff.js';
import { startWorld, type World } from './support/world.js';

// A file of its own: most of this test is waiting for a deadline, which the other end-to-end file's builds can
// use meanwhile (Vitest runs the two files side by side).
//
// How a deadline passes in a real process without waiting weeks: every procedure with a legal minimum response
// time (35 days for an open call, 20 by default for a MAPA) forbids a deadline minutes away, and
// ADAPTED_PROCEDURE_MIN_DAYS=0 is not an escape (the hub's response-time rules refuse fewer than 1 day, and the
// earliest deadline is a midnight anyway). A marché négocié sans publicité has no minimum response time at all: the
// hub lets a buyer publish one with a deadline a minute ahead. So the notice goes through the staff API, the rules
// and the deadline scheduler exactly as any other, with no SQL and no clock trickery; only its procedure is
// chosen for the short deadline. The scheduler looks at the next deadline at least once a minute, so the close
// comes at most about a minute after the deadline.

/** Time for the publication's build to be online before the deadline: a precondition of the test, not a measure. */
const MARGIN_MS = 90_000;
const SITE_TIMEOUT = { timeoutMs: 150_000, intervalMs: 250 };

describe('a notice whose submission deadline passes', { timeout: 400_000 }, () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld('deadline');
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('leaves the open list of the served site without any staff action', async () => {
    const title = 'Marché complémentaire de maintenance des ascenseurs de l’hôtel de ville';
    const notice = await publishNew(world.hub.graphqlUrl, world.buyerToken, {
      title,
      procedure: 'NEGOTIATED_WITHOUT_PUBLICATION',
      submissionDeadline: new Date(Date.now() + MARGIN_MS),
    });

    await eventually(
      async () => {
        if ((await noticeStatus(world.hub.graphqlUrl, notice.reference)) !== 'PUBLISHED') {
          throw new GiveUp(`the deadline passed before the first build was online: the ${MARGIN_MS / 1000} s margin is too short for this machine`);
        }
        return (await noticePageShows(world.publisher, notice.reference, 'Lot unique')) && (await openList(world.publisher)).includes(notice.reference);
      },
      { what: `${notice.reference} on the open list before its deadline`, ...SITE_TIMEOUT },
    );

    // From here on, nobody does anything: the hub's scheduler closes the notice, emits notice.closed, the publisher
    // rebuilds.
    await eventually(async () => (await noticeStatus(world.hub.graphqlUrl, notice.reference)) === 'CLOSED', {
      what: 'the hub to close the notice',
      timeoutMs: MARGIN_MS + 120_000,
      intervalMs: 500,
    });
    await eventually(async () => !(await openList(world.publisher)).includes(notice.reference), { what: `${notice.reference} off the open list`, ...SITE_TIMEOUT });

    // Its page stays online (a closed notice is still public), and the change came from the notice.closed event.
    expect((await world.publisher.page(`/avis/${notice.reference}/`)).status).toBe(200);
    const deliveries = await recentDeliveries(world.hub.graphqlUrl, world.adminToken);
    expect(deliveries.filter((delivery) => delivery.eventType === 'notice.closed').map((delivery) => delivery.status)).toEqual(['SUCCEEDED']);
  });
});
