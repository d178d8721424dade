import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import { runAloneAcrossHubs } from '../db/across-hubs.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { queueMail } from '../mail/outgoing-mail.js';
import { Notice } from '../notices/notice.entity.js';
import { matchesCriteria } from './alert-criteria.js';
import { alertLinks } from './alert-links.js';
import { AlertMatch, type AlertReason } from './alert-match.entity.js';
import { immediateAlertMail } from './alert-mails.js';
import { loadAlertNotices, toAlertNotice, type AlertNotice } from './alert-notice.js';
import { AlertProcessedEvent } from './alert-processed-event.entity.js';
import { AlertSubscription } from './alert-subscription.entity.js';

/** The outbox events the alerts tell subscribers about, and why. */
export const ALERT_EVENTS: Readonly<Record<string, AlertReason>> = {
  'notice.published': 'PUBLISHED',
  'notice.corrected': 'CORRECTED',
  'notice.cancelled': 'CANCELLED',
};

/** Events per transaction: each may queue a mail for thousands of subscriptions, and a unit of work holds them all. */
export const MATCH_BATCH = 10;
const CLOSING_SOON_MS = 7 * 86_400_000;

export interface AlertUrls {
  siteUrl: string;
  hubPublicUrl: string;
}

/**
 * Takes the next outbox events about notices that no alert pass has taken yet and, in one transaction, writes what
 * each subscription must be told (`alert_match`, unique per subscription and event), queues the immediate mails and
 * marks the events taken: a notice is told once per subscription and event, even if the hub stops half-way, and
 * with several hubs on one database, since their passes run one after the other.
 * A publication goes to the confirmed subscriptions whose criteria match it (confirmed before it happened); a
 * correction or a cancellation to the subscriptions that were told of the publication. Returns how many events.
 */
export async function matchAlertEvents(orm: MikroORM, now: Date, urls: AlertUrls, batch = MATCH_BATCH): Promise<number> {
  // Looked for without a transaction first: an idle pass never takes the SQLite write lock the requests wait for.
  if ((await eventsNotTaken(orm.em.fork(), 1)).length === 0) return 0;
  return orm.em.fork().transactional(async (em) => {
    // One pass at a time across hubs: the next one, let in at this commit, reads the events this one marked taken.
    await runAloneAcrossHubs(em, 'alert-matching');
    const events = await eventsNotTaken(em, batch);
    if (events.length === 0) return 0;
    const notices = await loadAlertNotices(em, events.map((event) => String(event.payload.reference)));
    const publications = events.filter((event) => ALERT_EVENTS[event.type] === 'PUBLISHED' && notices.has(String(event.payload.reference)));
    const confirmed = publications.length
      ? await em.find(AlertSubscription, { confirmedAt: { $ne: null } }, { fields: ['id', 'criteria', 'frequency', 'confirmedAt'] })
      : [];

    const matches: Array<{ subscription: string; event: OutboxEvent; notice: AlertNotice; reason: AlertReason }> = [];
    for (const event of events) {
      const notice = notices.get(String(event.payload.reference));
      const reason = ALERT_EVENTS[event.type]!;
      if (notice) {
        if (reason === 'PUBLISHED') {
          for (const subscription of confirmed) {
            if (subscription.confirmedAt! <= event.occurredAt && matchesCriteria(subscription.criteria, notice, notice.foldedText)) {
              matches.push({ subscription: subscription.id, event, notice, reason });
            }
          }
        } else {
          const told = await em.find(AlertMatch, { noticeReference: notice.reference, reason: 'PUBLISHED' }, { fields: ['subscription'] });
          for (const subscription of new Set(told.map((match) => match.subscription.id))) matches.push({ subscription, event, notice, reason });
        }
      }
      em.persist(em.create(AlertProcessedEvent, { eventId: event.id, processedAt: now }));
    }

    const immediate = new Map(
      (await findInChunks(em, matches.map((match) => match.subscription), (ids) => em.find(AlertSubscription, { id: { $in: ids }, frequency: 'IMMEDIATE', confirmedAt: { $ne: null } }))).map((one) => [one.id, one]),
    );
    const closing = await closingSoonFor(em, [...immediate.keys()], now);
    const links = alertLinks(urls);
    const rows = matches.map((match) => {
      const subscription = immediate.get(match.subscription);
      if (subscription) {
        queueMail(em, immediateAlertMail({ to: subscription.email, manageToken: subscription.manageToken, links, items: [{ reason: match.reason, notice: match.notice }], closingSoon: (closing.get(subscription.id) ?? []).filter((one) => one.reference !== match.notice.reference), now }), now);
        subscription.mailsSent += 1;
      }
      // createdAt is when the event happened: a digest tells what happened before its 07:00, however late this pass runs.
      return { id: crypto.randomUUID(), createdAt: match.event.occurredAt, updatedAt: now, subscription: match.subscription, eventId: match.event.id, noticeReference: match.notice.reference, reason: match.reason, mailedAt: subscription ? now : null };
    });
    await em.flush();
    for (let start = 0; start < rows.length; start += 500) await em.insertMany(AlertMatch, rows.slice(start, start + 500));
    return events.length;
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

/** For each subscription, the notices it was told of that are still open and close within 7 days, soonest first. */
export async function closingSoonFor(em: EntityManager, subscriptionIds: string[], now: Date): Promise<Map<string, AlertNotice[]>> {
  const result = new Map<string, AlertNotice[]>();
  if (subscriptionIds.length === 0) return result;
  const closing = await em.find(
    Notice,
    { status: 'PUBLISHED', submissionDeadline: { $gt: now, $lte: new Date(now.getTime() + CLOSING_SOON_MS) } },
    { populate: ['lots', 'organisation', 'family', 'corrigenda'], orderBy: { submissionDeadline: 'asc', reference: 'asc' } },
  );
  if (closing.length === 0) return result;
  const byReference = new Map(closing.map((notice) => [notice.reference, toAlertNotice(notice)]));
  const told = await findInChunks(em, subscriptionIds, (ids) =>
    em.find(AlertMatch, { subscription: { $in: ids }, reason: 'PUBLISHED', noticeReference: { $in: [...byReference.keys()] } }, { fields: ['subscription', 'noticeReference'] }),
  );
  for (const match of told) {
    const list = result.get(match.subscription.id) ?? [];
    list.push(byReference.get(match.noticeReference)!);
    result.set(match.subscription.id, list);
  }
  for (const list of result.values()) list.sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
  return result;
}

/** SQLite allows a bounded number of parameters: large `in` lists go in chunks. */
export async function findInChunks<T>(_em: EntityManager, ids: string[], find: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const found: T[] = [];
  for (let start = 0; start < unique.length; start += 500) found.push(...(await find(unique.slice(start, start + 500))));
  return found;
}
