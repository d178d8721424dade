import type { MikroORM } from '@mikro-orm/sqlite';
import { runAloneAcrossHubs } from '../db/across-hubs.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import type { Clock } from '../shared/clock.js';
import { adviceMailFacts, directionAdmins, overdueMail, queueAdviceMails, recipientOf } from './advice-mails.js';
import { AdviceRequest } from './advice-request.entity.js';

const EVERY_MS = 60_000;

/**
 * Reports each request whose answer is late, once per due date: `advice.overdue` in the outbox and a reminder mail
 * to the expert, or to the direction's admins when there is none (or the expert has left). A request reopened
 * later gets a new due date and, if late again, a new reminder. Returns the references reported. `hubUrl` is where
 * the mails send staff (HUB_PUBLIC_URL).
 */
export async function reportOverdueAdvice(orm: MikroORM, clock: Clock, hubUrl: string): Promise<string[]> {
  // Looked for without a transaction first: a pass with nothing late never takes the SQLite write lock.
  const late = { state: { $in: ['SUBMITTED', 'ASSIGNED'] as AdviceRequest['state'][] }, dueAt: { $lte: clock.now() } };
  if (!(await orm.em.fork().findOne(AdviceRequest, late, { fields: ['id'] }))) return [];
  return orm.em.fork().transactional(async (em) => {
    // Several hubs: one report at a time, and the next reads the reminders this one recorded, so none is sent twice.
    await runAloneAcrossHubs(em, 'advice-overdue');
    const now = clock.now();
    const late = await em.find(
      AdviceRequest,
      { state: { $in: ['SUBMITTED', 'ASSIGNED'] }, dueAt: { $lte: now } },
      { orderBy: [{ dueAt: 'asc' }, { reference: 'asc' }] },
    );
    const reported: string[] = [];
    for (const request of late) {
      if (request.overdueReminderFor?.getTime() === request.dueAt.getTime()) continue;
      request.overdueReminderFor = request.dueAt;
      recordAudit(em, null, 'advice.overdue', { entityType: 'AdviceRequest', entityId: request.id }, { dueAt: request.dueAt.toISOString() });
      recordEvent(
        em,
        'advice.overdue',
        {
          requestId: request.id,
          reference: request.reference,
          organisationId: request.organisation.id,
          expertId: request.expert?.id ?? null,
          dueAt: request.dueAt.toISOString(),
        },
        now,
      );
      const facts = await adviceMailFacts(em, request, hubUrl);
      const expert = request.expert ? await request.expert.loadOrFail() : null;
      const recipients = expert?.active ? [recipientOf(expert)] : await directionAdmins(em);
      queueAdviceMails(em, recipients.map((to) => overdueMail(facts, to, expert?.active === true)), now, null);
      reported.push(request.reference);
    }
    return reported;
  });
}

/** Looks for late requests every minute (and at start, for those that became late while the hub was down). */
export function startOverdueAdviceReporter(orm: MikroORM, clock: Clock, hubUrl: string, log: (message: string) => void, options: { everyMs?: number } = {}) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      const reported = await reportOverdueAdvice(orm, clock, hubUrl);
      if (reported.length) log(`advice requests overdue: ${reported.join(', ')}`);
    } catch (error) {
      log(`overdue advice reporter failed, retrying: ${String(error)}`);
    }
  };
  running = tick();
  const timer = setInterval(() => {
    if (!stopped) running = running.then(tick);
  }, options.everyMs ?? EVERY_MS);
  timer.unref();
  return {
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
