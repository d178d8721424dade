import { afterEach, describe, expect, it } from 'vitest';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { eventually } from '../test-support/eventually.js';
import { noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { startDeadlineScheduler } from './deadline-scheduler.js';
import { Notice } from './notice.entity.js';
import { NoticeService } from './notice.service.js';

const DAY = 86_400_000;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hubWithBuyer(): Promise<{ hub: TestHub; buyer: string }> {
  const hub = await startTestHub();
  cleanups.push(() => hub.close());
  return { hub, buyer: await hub.login('buyer@draguignan.test') };
}

/** A published notice of Draguignan whose deadline is `days` days from the test clock. */
async function publish(hub: TestHub, buyer: string, days: number): Promise<{ reference: string; deadline: Date }> {
  const deadline = new Date(hub.clock.now().getTime() + days * DAY);
  const created = await hub.gql('mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }', {
    input: noticeInput(hub.clock.now(), { submissionDeadline: deadline.toISOString() }),
  }, buyer);
  expect(created.errors).toBeUndefined();
  const reference = created.data!.createNotice.reference as string;
  const published = await hub.gql('mutation($r: String!) { publishNotice(reference: $r) { status } }', { r: reference }, buyer);
  expect(published.errors).toBeUndefined();
  return { reference, deadline };
}

function startScheduler(hub: TestHub, log: string[] = []) {
  const scheduler = startDeadlineScheduler(hub.orm, hub.config, hub.clock, (message) => log.push(message), { maxSleepMs: 20 });
  cleanups.push(() => scheduler.stop());
  return scheduler;
}

async function stored(hub: TestHub, reference: string) {
  const em = hub.orm.em.fork();
  const notice = await em.findOneOrFail(Notice, { reference });
  const closedEvents = await em.count(OutboxEvent, { type: 'notice.closed', payload: { reference } });
  return { status: notice.status, closedAt: notice.closedAt, closedEvents };
}

describe('the deadline scheduler', () => {
  it('closes a notice when its deadline passes and writes exactly one notice.closed event', async () => {
    const { hub, buyer } = await hubWithBuyer();
    const { reference, deadline } = await publish(hub, buyer, 40);
    const log: string[] = [];
    startScheduler(hub, log);

    hub.clock.set(new Date(deadline.getTime() - 1));
    // A run before the deadline changes nothing.
    expect(await new NoticeService({ em: hub.orm.em.fork(), actor: null, clock: hub.clock, config: hub.config }).closeDueNotices()).toEqual([]);
    expect(await stored(hub, reference)).toEqual({ status: 'PUBLISHED', closedAt: null, closedEvents: 0 });

    hub.clock.set(deadline);
    await eventually(async () => (await stored(hub, reference)).status === 'CLOSED', { what: 'the notice to close' });
    expect(await stored(hub, reference)).toEqual({ status: 'CLOSED', closedAt: deadline, closedEvents: 1 });
    expect(log).toEqual([`closed 1 notice(s) whose deadline passed: ${reference}`]);

    // Later runs find nothing more to close.
    hub.clock.advance(DAY);
    expect(await new NoticeService({ em: hub.orm.em.fork(), actor: null, clock: hub.clock, config: hub.config }).closeDueNotices()).toEqual([]);
    expect((await stored(hub, reference)).closedEvents).toBe(1);
  });

  it('catches up at start every deadline that passed while the hub was down, and only those', async () => {
    const { hub, buyer } = await hubWithBuyer();
    const early = await publish(hub, buyer, 36);
    const later = await publish(hub, buyer, 45);
    const future = await publish(hub, buyer, 90);

    // The hub was down from before the first deadline until after the second.
    hub.clock.set(new Date(later.deadline.getTime() + 3 * DAY));
    await hub.restart();
    startScheduler(hub);

    await eventually(async () => (await stored(hub, later.reference)).status === 'CLOSED', { what: 'the catch-up' });
    expect(await stored(hub, early.reference)).toEqual({ status: 'CLOSED', closedAt: early.deadline, closedEvents: 1 });
    expect(await stored(hub, later.reference)).toEqual({ status: 'CLOSED', closedAt: later.deadline, closedEvents: 1 });
    expect(await stored(hub, future.reference)).toEqual({ status: 'PUBLISHED', closedAt: null, closedEvents: 0 });
  });

  it('does not close again a notice a mutation already closed after its deadline', async () => {
    const { hub, buyer } = await hubWithBuyer();
    const { reference, deadline } = await publish(hub, buyer, 40);
    hub.clock.set(new Date(deadline.getTime() + DAY));
    const token = await hub.login('buyer@draguignan.test');
    const cancelled = await hub.gql('mutation($r: String!) { cancelNotice(reference: $r, reason: "Besoin disparu") { status } }', { r: reference }, token);
    expect(cancelled.errors).toBeUndefined();
    expect(await stored(hub, reference)).toMatchObject({ status: 'CANCELLED', closedEvents: 1 });

    const log: string[] = [];
    const scheduler = startScheduler(hub, log);
    await scheduler.stop();
    expect(await stored(hub, reference)).toMatchObject({ status: 'CANCELLED', closedEvents: 1 });
    expect(log).toEqual([]);
  });
});
