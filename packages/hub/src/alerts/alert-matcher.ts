import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import { runAloneAcrossHubs } from '../db/across-hubs.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { matchesCriteria, type AlertCriteria, type MatchableNotice } from './alert-criteria.js';
import { noticeKeys, subscriptionKeys } from './alert-keys.js';
import type { AlertReason } from './alert-match.entity.js';
import { loadAlertNotices } from './alert-notice.js';
import { loadAlertPlans } from './alert-plan.js';
import { AlertProcessedEvent } from './alert-processed-event.entity.js';
import { insertMatches, insertSubscriptionKeys, subscriptionsFiledUnder, subscriptionsToldOf, unindexedSubscriptions, type NewMatch } from './alert-rows.js';

/** The outbox events the alerts tell subscribers about, and why. */
export const ALERT_EVENTS: Readonly<Record<string, AlertReason>> = {
  'notice.published': 'PUBLISHED',
  'notice.corrected': 'CORRECTED',
  'notice.cancelled': 'CANCELLED',
  'planned-purchase.published': 'PLANNED',
};

/** Events per transaction. The memory does not grow with it: subscriptions are read, and matches written, in chunks. */
export const MATCH_BATCH = 100;
/** Subscriptions filed in the index at a time. */
export const SUBSCRIPTION_CHUNK = 5_000;
const MATCHES_BEFORE_WRITE = 5_000;

interface TakenEvent {
  event: OutboxEvent;
  /** The notice, or the planned purchase (PLANNED). */
  notice: MatchableNotice & { reference: string; foldedText: string };
  reason: AlertReason;
}

/**
 * Takes the next outbox events about notices that no alert pass has taken yet and, in one transaction, writes what
 * each subscription must be told (`alert_match`, unique per subscription and event, not yet mailed) and marks the
 * events taken: a notice is told once per subscription and event, even if the hub stops half-way, and with several
 * hubs on one database, since their passes run one after the other. The mails are queued afterwards from the
 * matches (`queueAlertMails`, `queueDailyDigests`).
 * A publication goes to the confirmed subscriptions (confirmed before it happened) whose criteria match it, found
 * through the index of their criteria (`alert-keys.ts`); a planned purchase published in the forward plan, the same
 * way to those that asked for planned purchases too; a correction or a cancellation to the subscriptions that were
 * told of the publication. Returns how many events.
 */
export async function matchAlertEvents(orm: MikroORM, now: Date, batch = MATCH_BATCH): Promise<number> {
  // Looked for without a transaction first: an idle pass never takes the SQLite write lock the requests wait for.
  if ((await eventsNotTaken(orm.em.fork(), 1)).length === 0) return 0;
  return orm.em.fork().transactional(async (em) => {
    // One pass at a time across hubs: the next one, let in at this commit, reads the events this one marked taken.
    await runAloneAcrossHubs(em, 'alert-matching');
    const events = await eventsNotTaken(em, batch);
    if (events.length === 0) return 0;
    const isPlan = (event: OutboxEvent) => ALERT_EVENTS[event.type] === 'PLANNED';
    const notices = await loadAlertNotices(em, events.filter((event) => !isPlan(event)).map((event) => String(event.payload.reference)));
    const plans = await loadAlertPlans(em, events.filter(isPlan).map((event) => String(event.payload.reference)));
    const taken: TakenEvent[] = [];
    for (const event of events) {
      const reference = String(event.payload.reference);
      // A plan withdrawn or launched before this pass is not announced any more.
      const plan = plans.get(reference);
      const notice = isPlan(event) ? (plan?.status === 'PUBLISHED' ? plan : undefined) : notices.get(reference);
      if (notice) taken.push({ event, notice, reason: ALERT_EVENTS[event.type]! });
    }
    const pending: NewMatch[] = [];
    const keep = async (match: NewMatch) => {
      pending.push(match);
      if (pending.length >= MATCHES_BEFORE_WRITE) await insertMatches(em, pending.splice(0), now);
    };

    await fileSubscriptions(em);
    const criteriaCache = new Map<string, AlertCriteria>();
    for (const { event, notice, reason } of taken) {
      if (reason !== 'PUBLISHED' && reason !== 'PLANNED') continue;
      // Only the subscriptions filed under a key of the notice may match it; the rules decide among them.
      for (const subscription of await subscriptionsFiledUnder(em, noticeKeys(notice, notice.foldedText), event.occurredAt, criteriaCache)) {
        if (reason === 'PLANNED' && !subscription.criteria.includePlanned) continue;
        if (matchesCriteria(subscription.criteria, notice, notice.foldedText)) {
          await keep({ subscription: subscription.id, eventId: event.id, noticeReference: notice.reference, reason, occurredAt: event.occurredAt });
        }
      }
    }
    // Written before the changes are matched: a notice published and corrected within the batch is told corrected.
    await insertMatches(em, pending.splice(0), now);
    for (const { event, notice, reason } of taken) {
      if (reason === 'PUBLISHED' || reason === 'PLANNED') continue;
      for (const subscription of await subscriptionsToldOf(em, notice.reference)) {
        await keep({ subscription, eventId: event.id, noticeReference: notice.reference, reason, occurredAt: event.occurredAt });
      }
    }
    await insertMatches(em, pending, now);
    await em.insertMany(AlertProcessedEvent, events.map((event) => ({ eventId: event.id, processedAt: now })));
    return events.length;
  });
}

/**
 * Files in the index (`alert_subscription_key`) the confirmed subscriptions that are not: confirmed or changed since
 * the last pass. In the caller's transaction; returns how many.
 */
export async function fileSubscriptions(em: EntityManager): Promise<number> {
  let filed = 0;
  for (;;) {
    const subscriptions = await unindexedSubscriptions(em, SUBSCRIPTION_CHUNK);
    if (subscriptions.length === 0) return filed;
    await insertSubscriptionKeys(em, subscriptions.flatMap((one) => subscriptionKeys(one.criteria).map((key) => ({ subscription: one.id, key }))));
    filed += subscriptions.length;
  }
}

/** Files every confirmed subscription not yet in the index, in its own transaction (the benchmark times it apart). */
export function indexAlertSubscriptions(orm: MikroORM): Promise<number> {
  return orm.em.fork().transactional(async (em) => {
    await runAloneAcrossHubs(em, 'alert-matching');
    return fileSubscriptions(em);
  });
}

/** The oldest outbox events about notices that no alert pass has taken yet. */
function eventsNotTaken(em: EntityManager, limit: number): Promise<OutboxEvent[]> {
  return em
    .createQueryBuilder(OutboxEvent, 'e')
    .select(['e.id', 'e.type', 'e.payload', 'e.occurredAt'])
    .where({ type: { $in: Object.keys(ALERT_EVENTS) } })
    .andWhere('not exists (select 1 from alert_processed_event p where p.event_id = e.id)')
    .orderBy({ occurredAt: 'asc', createdAt: 'asc', id: 'asc' })
    .limit(limit)
    .getResultList();
}
