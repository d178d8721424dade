import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import { runAloneAcrossHubs } from '../db/across-hubs.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { matchesCriteria, type MatchableNotice } from './alert-criteria.js';
import type { AlertReason } from './alert-announcement.entity.js';
import { changeOf, isPlanReason, planStillTold } from './alert-changes.js';
import { nextDigestTime } from './alert-digest.js';
import { noticeKeys } from './alert-keys.js';
import { subscriptionIndex } from './alert-subscription-index.js';
import { loadAlertNotices } from './alert-notice.js';
import { loadAlertPlans } from './alert-plan.js';
import { AlertProcessedEvent } from './alert-processed-event.entity.js';
import {
  extendDigest,
  insertAlertMails,
  insertAnnouncements,
  pendingDigests,
  storedMailItem,
  subscriptionsTold,
  withPassPageCache,
  type AlertMailItem,
  type CandidateRow,
  type NewAlertMail,
  type NewAnnouncement,
  type StoredAlertMailItem,
} from './alert-rows.js';

/** The outbox events the alerts tell subscribers about, and why. */
export const ALERT_EVENTS: Readonly<Record<string, AlertReason>> = {
  'notice.published': 'PUBLISHED',
  'notice.corrected': 'CORRECTED',
  'notice.cancelled': 'CANCELLED',
  'planned-purchase.published': 'PLANNED',
  'planned-purchase.updated': 'PLAN_UPDATED',
  'planned-purchase.withdrawn': 'PLAN_WITHDRAWN',
};

/** Events per transaction. */
export const MATCH_BATCH = 100;
interface TakenEvent {
  event: OutboxEvent;
  /** The notice, or the planned purchase (PLANNED). */
  notice: MatchableNotice & { reference: string; foldedText: string };
  reason: AlertReason;
  /** What a planned purchase's change touched (PLAN_UPDATED). */
  fields?: string[];
}

/**
 * Takes the next outbox events about notices that no alert pass has taken yet and, in one transaction, queues the
 * mails that tell them, records which subscriptions each was told to (`alert_announcement`, one row per event) and
 * marks the events taken: a notice is told once per subscription and event, even if the hub stops half-way, and
 * with several hubs on one database, since their passes run one after the other.
 * A publication goes to the confirmed subscriptions (confirmed before it happened) whose criteria match it, found
 * through the index of their criteria (`alert-keys.ts`); a planned purchase published in the forward plan, the same
 * way to those that asked for planned purchases too; a correction or a cancellation to the subscriptions that were
 * told of the publication; a planned purchase's change or withdrawal to those told of it (`alert-changes.ts`).
 * Each immediate subscription gets one mail per pass telling all that concerns it; a daily one's items join its
 * digest pending for the 07:00 that follows each event (a new one if none). The mails hold what to tell, not their text: the mail
 * worker renders them when it sends them (`alert-mail-render.ts`). Returns how many events.
 */
export async function matchAlertEvents(orm: MikroORM, now: Date, batch = MATCH_BATCH): Promise<number> {
  // Looked for without a transaction first: an idle pass never takes the SQLite write lock the requests wait for.
  if ((await eventsNotTaken(orm.em.fork(), 1)).length === 0) return 0;
  return orm.em.fork().transactional((em) => withPassPageCache(em, () => matchEvents(orm, em, now, batch)));
}

/** One pass, in the caller's transaction. */
async function matchEvents(orm: MikroORM, em: EntityManager, now: Date, batch: number): Promise<number> {
  // One pass at a time across hubs: the next one, let in at this commit, reads the events this one marked taken.
  await runAloneAcrossHubs(em, 'alert-matching');
  const events = await eventsNotTaken(em, batch);
  if (events.length === 0) return 0;
  const isPlan = (event: OutboxEvent) => isPlanReason(ALERT_EVENTS[event.type]!);
  const notices = await loadAlertNotices(em, events.filter((event) => !isPlan(event)).map((event) => String(event.payload.reference)));
  const plans = await loadAlertPlans(em, events.filter(isPlan).map((event) => String(event.payload.reference)));
  const taken: TakenEvent[] = [];
  for (const event of events) {
    const reference = String(event.payload.reference);
    const reason = ALERT_EVENTS[event.type]!;
    // A plan withdrawn or launched before this pass is not announced, nor its changes, any more.
    const plan = plans.get(reference);
    const notice = isPlanReason(reason) ? (plan && planStillTold(reason, plan.status) ? plan : undefined) : notices.get(reference);
    const fields = reason === 'PLAN_UPDATED' && Array.isArray(event.payload.fields) ? event.payload.fields.map(String) : undefined;
    if (notice) taken.push({ event, notice, reason, ...(fields ? { fields } : {}) });
  }

  const index = await subscriptionIndex(orm, em);
  const { subscriptions: rows, confirmedAtMs } = index;
  const told = new Told(rows.length);
  const announcements: NewAnnouncement[] = [];
  const announce = ({ event, notice: { reference }, reason, fields }: TakenEvent, found: readonly number[]) => {
    // One item for every subscription told of the event: thousands of them, the same thing told. In the order of
    // their slots, which is their ids' (`SubscriptionIndex.subscriptions`).
    const slots = Int32Array.from(found).sort();
    const item = { reason, reference, occurredAt: event.occurredAt, ...(fields ? { fields } : {}) };
    for (const slot of slots) told.add(slot, item);
    announcements.push({ eventId: event.id, reference, reason, occurredAt: event.occurredAt, subscriptionIds: Array.from(slots, (slot) => rows[slot]!.id) });
  };

  const announced = taken.filter(({ reason }) => changeOf(reason) === null);
  // Each notice meets, in memory, the subscriptions filed under one of its keys, and the rules decide among them.
  // A subscription filed under several of a notice's keys meets it once: each is marked with the last notice it met
  // (a number per subscription, rather than a set of up to 100,000 per notice).
  const metBy = new Int32Array(rows.length).fill(-1);
  for (const [position, one] of announced.entries()) {
    const { notice, reason } = one;
    const occurredAt = one.event.occurredAt.getTime();
    const matched: number[] = [];
    for (const key of noticeKeys(notice, notice.foldedText)) {
      const inKey = index.filedUnder(key);
      if (!inKey) continue;
      for (const slot of inKey) {
        if (metBy[slot] === position) continue;
        metBy[slot] = position;
        if (confirmedAtMs[slot]! > occurredAt) continue;
        const { criteria } = rows[slot]!;
        if (reason === 'PLANNED' && !criteria.includePlanned) continue;
        if (matchesCriteria(criteria, notice, notice.foldedText)) matched.push(slot);
      }
    }
    announce(one, matched);
  }

  // A change goes to those told of what it changes (the publication, the planned purchase), in an earlier pass or
  // in this one (published and corrected within the batch: both told, in this order).
  for (const toldOf of ['PUBLISHED', 'PLANNED'] as const) {
    const changes = taken.filter(({ reason }) => changeOf(reason) === toldOf);
    if (changes.length === 0) continue;
    const references = changes.map(({ notice }) => notice.reference);
    const before = await subscriptionsTold(em, references, toldOf);
    for (const announcement of announcements) {
      if (announcement.reason !== toldOf || !references.includes(announcement.reference)) continue;
      const set = before.get(announcement.reference) ?? new Set<string>();
      for (const id of announcement.subscriptionIds) set.add(id);
      before.set(announcement.reference, set);
    }
    for (const change of changes) announce(change, index.slotsOf(before.get(change.notice.reference) ?? []));
  }

  await insertAnnouncements(em, announcements.filter((one) => one.subscriptionIds.length > 0));
  await queueMails(em, rows, told, now);
  await em.insertMany(AlertProcessedEvent, events.map((event) => ({ eventId: event.id, processedAt: now })));
  return events.length;
}

/**
 * What each subscription is told in a pass, in the order the events came, with when each event happened: by the
 * subscription's slot in the index (an array a pass fills, rather than a map by id: half a million items at
 * 100,000 subscriptions), and the slots in the order they were first told something.
 */
class Told {
  readonly slots: number[] = [];
  private readonly items: Array<Array<AlertMailItem & { occurredAt: Date }> | undefined>;

  constructor(size: number) {
    this.items = new Array(size);
  }

  add(slot: number, item: AlertMailItem & { occurredAt: Date }): void {
    const items = this.items[slot];
    if (items) items.push(item);
    else {
      this.items[slot] = [item];
      this.slots.push(slot);
    }
  }

  /** What the subscription at this slot is told (none: an empty list). */
  of(slot: number): ReadonlyArray<AlertMailItem & { occurredAt: Date }> {
    return this.items[slot] ?? [];
  }
}

/**
 * One mail per immediate subscription told something; for a daily one, each item joins its digest pending for the
 * 07:00 that follows the event (`nextDigestTime`), or a new digest. Counted from the event, not from this pass: a
 * pass that runs after 07:00 still puts what happened before in that morning's digest.
 */
async function queueMails(em: EntityManager, subscriptions: readonly CandidateRow[], told: Told, now: Date): Promise<void> {
  const mails: NewAlertMail[] = [];
  const digests = new Map<number, Map<string, { subscription: CandidateRow; items: StoredAlertMailItem[] }>>();
  // The items of a pass are a few events' told to thousands: each event's stored item and digest time, once.
  const stored = new Map<AlertMailItem, StoredAlertMailItem>();
  const storedItem = (item: AlertMailItem) => stored.get(item) ?? (stored.set(item, storedMailItem(item)), stored.get(item)!);
  const dueTimes = new Map<number, number>();
  const dueTime = (occurredAt: Date) => dueTimes.get(occurredAt.getTime()) ?? (dueTimes.set(occurredAt.getTime(), nextDigestTime(occurredAt).getTime()), dueTimes.get(occurredAt.getTime())!);
  // In the order of their slots, which is their ids' (`SubscriptionIndex.subscriptions`): the order the mails are inserted in.
  for (const slot of Int32Array.from(told.slots).sort()) {
    const subscription = subscriptions[slot]!;
    const items = told.of(slot);
    if (subscription.frequency === 'IMMEDIATE') {
      const [only] = items;
      const kind = items.length === 1 && only ? `alert.${only.reason.toLowerCase()}` : 'alert.immediate';
      mails.push({ kind, to: subscription.email, payload: { subscription: subscription.id, items: items.map(storedItem) }, dueAt: now });
      continue;
    }
    for (const item of items) {
      const due = dueTime(item.occurredAt);
      const ofDue = digests.get(due) ?? new Map<string, { subscription: CandidateRow; items: StoredAlertMailItem[] }>();
      digests.set(due, ofDue);
      const entry = ofDue.get(subscription.id) ?? { subscription, items: [] };
      ofDue.set(subscription.id, entry);
      entry.items.push(storedItem(item));
    }
  }
  for (const [due, ofDue] of digests) {
    const dueAt = new Date(due);
    const pending = await pendingDigests(em, [...ofDue.keys()], dueAt);
    for (const { subscription, items } of ofDue.values()) {
      const digest = pending.get(subscription.id);
      if (digest && (await extendDigest(em, digest.id, { subscription: subscription.id, items: [...digest.payload.items, ...items] }, dueAt, now))) continue;
      mails.push({ kind: 'alert.digest', to: subscription.email, payload: { subscription: subscription.id, items }, dueAt });
    }
  }
  await insertAlertMails(em, mails, now);
}

/**
 * Builds this hub's index of the confirmed subscriptions, or checks that the one it keeps is current, in its own
 * transaction (the benchmark times it apart); returns how many subscriptions it holds.
 */
export function indexAlertSubscriptions(orm: MikroORM): Promise<number> {
  return orm.em.fork().transactional(async (em) => {
    await runAloneAcrossHubs(em, 'alert-matching');
    return (await subscriptionIndex(orm, em)).subscriptions.length;
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
