import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { reportOverdueAdvice, startOverdueAdviceReporter } from './advice-overdue.js';

const ASK = 'mutation($input: AskAdviceInput!) { askAdvice(input: $input) { id reference dueAt } }';
const ANSWER = 'mutation($id: ID!, $body: String!) { answerAdviceRequest(id: $id, body: $body) { state } }';
const REOPEN = 'mutation($id: ID!, $reason: String!) { reopenAdviceRequest(id: $id, reason: $reason) { dueAt } }';

describe('reporting late answers', () => {
  let hub: TestHub;
  const overdueEvents = async () => (await hub.orm.em.fork().find(OutboxEvent, { type: 'advice.overdue' }, { orderBy: { createdAt: 'asc' } })).map((event) => event.payload);

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
  });
  afterAll(() => hub?.close());

  it('reports a request once its due date has passed, once per due date, and again after a reopening makes it late anew', async () => {
    const asked = await hub.gql(
      ASK,
      { input: { stage: 'ANALYSIS', familySlug: 'nettoyage', subject: 'Offre anormalement basse', question: 'Une offre 40 % sous les autres : que faire ?' } },
      await hub.login('buyer@lorgues.test'),
    );
    const { id, reference, dueAt } = asked.data!.askAdvice;
    expect(dueAt).toBe('2026-12-08T23:00:00.000Z');
    hub.clock.set('2026-12-08T22:59:59Z');
    expect(await reportOverdueAdvice(hub.orm, hub.clock, hub.config.hubPublicUrl)).toEqual([]);
    hub.clock.set('2026-12-08T23:00:00Z');
    expect(await reportOverdueAdvice(hub.orm, hub.clock, hub.config.hubPublicUrl)).toEqual([reference]);
    expect(await reportOverdueAdvice(hub.orm, hub.clock, hub.config.hubPublicUrl)).toEqual([]);
    expect(await overdueEvents()).toEqual([{ requestId: id, reference, organisationId: expect.any(String), expertId: null, dueAt }]);

    const admin = await hub.login('admin@agglo.test');
    const expertId = (await hub.gql('{ me { id } }', {}, admin)).data!.me.id;
    await hub.gql('mutation($id: ID!, $e: ID!) { assignAdviceRequest(id: $id, expertId: $e) { state } }', { id, e: expertId }, admin);
    expect((await hub.gql(ANSWER, { id, body: 'Demandez des précisions par écrit (R2152-3).' }, admin)).data!.answerAdviceRequest.state).toBe('ANSWERED');
    expect(await reportOverdueAdvice(hub.orm, hub.clock, hub.config.hubPublicUrl)).toEqual([]);
    const reopened = await hub.gql(REOPEN, { id, reason: 'Le candidat ne répond pas.' }, await hub.login('buyer@lorgues.test'));
    hub.clock.set(reopened.data!.reopenAdviceRequest.dueAt);
    expect(await reportOverdueAdvice(hub.orm, hub.clock, hub.config.hubPublicUrl)).toEqual([reference]);
    expect((await overdueEvents()).map((payload) => payload.expertId)).toEqual([null, expertId]);
  });

  it('runs by itself in the hub, catching up at start', async () => {
    const asked = await hub.gql(
      ASK,
      { input: { stage: 'NEED', familySlug: 'energie', subject: 'Groupement', question: 'Rejoindre le groupement d’achat d’électricité ?' } },
      await hub.login('buyer@draguignan.test'),
    );
    hub.clock.set(new Date(new Date(asked.data!.askAdvice.dueAt).getTime() + 1));
    const log: string[] = [];
    const reporter = startOverdueAdviceReporter(hub.orm, hub.clock, hub.config.hubPublicUrl, (message) => log.push(message), { everyMs: 20 });
    await reporter.stop();
    expect(log).toEqual([`advice requests overdue: ${asked.data!.askAdvice.reference}`]);
  });
});
