import { randomFillSync } from 'node:crypto';
import { DriverException } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/sqlite';
import { onPostgreSql } from '../db/across-hubs.js';
import { addressKey, normaliseAddress } from '../mail/mail-address.js';
import { dateOf, jsonOf, type Row } from '../shared/row-values.js';
import type { AlertCriteria } from './alert-criteria.js';
import { announcedIds, type AlertReason } from './alert-announcement.entity.js';
import type { AlertFrequency } from './alert-subscription.entity.js';

/**
 * The alert worker's reads and writes as plain SQL rows, for both databases: at 100,000 subscriptions MikroORM's
 * entities and unit of work (hydration, change sets, one rendered mail per entity) were most of the time and all of
 * the memory. Nothing here decides anything: the matching and the mails are the pure rules' and the callers'.
 */

/** Rows per statement: a few hundred keeps every statement under both databases' parameter limits. */
export const ROWS_PER_STATEMENT = 500;

/** A confirmed subscription as the matcher reads it: what the rules need and where its mails go. */
export interface CandidateRow {
  id: string;
  criteria: AlertCriteria;
  confirmedAt: Date;
  email: string;
  frequency: AlertFrequency;
}

/** One thing an alert mail tells: a notice (or a planned purchase, PLANNED) and why. */
export interface AlertMailItem {
  reason: AlertReason;
  reference: string;
  /** What a planned purchase's change touched (PLAN_UPDATED): `PlannedPurchaseInput`'s fields. */
  fields?: string[];
}

/**
 * An item as a mail's payload stores it: a publication, by far the commonest item, as its reference alone (a pass
 * queues tens of thousands of mails telling a few notices each: the reason and the property names were most of each
 * row); the others whole. Payloads stored whole before still read (`mailItemsOf`).
 */
export type StoredAlertMailItem = string | AlertMailItem;

/** What an alert mail stores until the mail worker renders it (`alert-mail-render.ts`). */
export interface AlertMailPayload {
  subscription: string;
  /** Each item as `storedMailItem` makes it; read them with `mailItemsOf`. */
  items: StoredAlertMailItem[];
}

export function storedMailItem(item: AlertMailItem): StoredAlertMailItem {
  if (item.reason === 'PUBLISHED' && !item.fields) return item.reference;
  return { reason: item.reason, reference: item.reference, ...(item.fields ? { fields: item.fields } : {}) };
}

/** The items a payload tells, whole, in their order. */
export function mailItemsOf(payload: AlertMailPayload): AlertMailItem[] {
  return payload.items.map((item) => (typeof item === 'string' ? { reason: 'PUBLISHED' as const, reference: item } : item));
}

/** An alert mail to queue, rendered when sent. `dueAt`: now for an immediate one, the next 07:00 for a digest. */
export interface NewAlertMail {
  kind: string;
  to: string;
  payload: AlertMailPayload;
  dueAt: Date;
}

/** The `groupKey` of a subscription's alert mails: its pending ones are found (and deleted with it) by it. */
export function alertMailGroup(subscriptionId: string): string {
  return `alert:${subscriptionId}`;
}

export function chunked<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** An instant as the database stores it: epoch milliseconds in SQLite, a timestamptz in PostgreSQL. */
export function storedInstant(em: EntityManager, date: Date): number | Date {
  return onPostgreSql(em) ? date : date.getTime();
}

/** One statement in the caller's transaction, values bound (not inlined in the text). */
export async function runRows(em: EntityManager, query: Knex.QueryBuilder | Knex.Raw): Promise<Row[]> {
  const transaction = em.getTransactionContext<Knex.Transaction>();
  try {
    const result = (await (transaction ? query.transacting(transaction) : query)) as unknown;
    return Array.isArray(result) ? (result as Row[]) : ((result as { rows?: Row[] })?.rows ?? []);
  } catch (error) {
    if (error instanceof DriverException) throw error;
    throw em.getDriver().convertException(error as Error);
  }
}

/**
 * SQLite's page cache during a matching pass, in KiB (its default is 2 MiB). A pass inserts tens of thousands of mail
 * rows and index keys at random places of B-trees of several MiB (random ids, group and address keys): with the
 * default cache nearly every insert read its pages again from the file. Measured at 100,000 subscriptions
 * (BENCHMARKS.md, "Alerts"): filing them and queueing the mails took about half the CPU with 32 MiB.
 */
export const PASS_PAGE_CACHE_KIB = 32_768;

/**
 * Runs a matching pass with SQLite's page cache raised to `PASS_PAGE_CACHE_KIB` on its connection, then set back:
 * the hub's other work keeps the default between passes. Nothing on PostgreSQL, whose buffers are the server's.
 */
export async function withPassPageCache<T>(em: EntityManager, pass: () => Promise<T>): Promise<T> {
  if (onPostgreSql(em)) return pass();
  const knex = em.getKnex();
  const [current] = await runRows(em, knex.raw('pragma cache_size'));
  const previous = Number(current?.cache_size);
  await runRows(em, knex.raw(`pragma cache_size = -${PASS_PAGE_CACHE_KIB}`));
  try {
    return await pass();
  } finally {
    if (Number.isInteger(previous)) await runRows(em, knex.raw(`pragma cache_size = ${previous}`));
  }
}

/**
 * Every confirmed subscription, with where its mails go, in the caller's transaction: what the index of this hub is
 * built from (`alert-subscription-index.ts`).
 */
export async function confirmedSubscriptions(em: EntityManager): Promise<CandidateRow[]> {
  const knex = em.getKnex();
  const rows = await runRows(em, knex('alert_subscription').select('id', 'criteria', 'confirmed_at', 'email', 'frequency').whereNotNull('confirmed_at'));
  return rows.map((row) => ({ id: String(row.id), criteria: jsonOf<AlertCriteria>(row.criteria), confirmedAt: dateOf(row.confirmed_at), email: String(row.email), frequency: row.frequency as AlertFrequency }));
}

/** How many times a confirmed subscription was added, changed or deleted (`AlertSubscriptionGeneration`). */
export async function subscriptionsGeneration(em: EntityManager): Promise<number> {
  const [row] = await runRows(em, em.getKnex()('alert_subscription_generation').select('generation').where('id', 1));
  return Number(row?.generation ?? 0);
}

/** The subscriptions told of these notices (or planned purchases) for this reason: reference → their ids. */
export async function subscriptionsTold(em: EntityManager, references: readonly string[], reason: AlertReason): Promise<Map<string, Set<string>>> {
  const knex = em.getKnex();
  const told = new Map<string, Set<string>>();
  for (const chunk of chunked([...new Set(references)])) {
    const rows = await runRows(em, knex('alert_announcement').select('reference', 'subscription_ids').whereIn('reference', chunk).where('reason', reason));
    for (const row of rows) {
      const reference = String(row.reference);
      const set = told.get(reference) ?? new Set<string>();
      for (const id of announcedIds(String(row.subscription_ids))) set.add(id);
      told.set(reference, set);
    }
  }
  return told;
}

export interface NewAnnouncement {
  eventId: string;
  reference: string;
  reason: AlertReason;
  occurredAt: Date;
  subscriptionIds: string[];
}

export async function insertAnnouncements(em: EntityManager, announcements: readonly NewAnnouncement[]): Promise<void> {
  const knex = em.getKnex();
  for (const chunk of chunked(announcements, 20)) {
    await runRows(
      em,
      knex('alert_announcement').insert(
        chunk.map((one) => ({
          event_id: one.eventId,
          reference: one.reference,
          reason: one.reason,
          occurred_at: storedInstant(em, one.occurredAt),
          subscription_ids: [...one.subscriptionIds].sort().join(','),
        })),
      ),
    );
  }
}

/** The digests of these subscriptions pending for `dueAt` and not claimed by a mail worker: subscription id → mail. */
export async function pendingDigests(em: EntityManager, subscriptionIds: readonly string[], dueAt: Date): Promise<Map<string, { id: string; payload: AlertMailPayload }>> {
  const knex = em.getKnex();
  const found = new Map<string, { id: string; payload: AlertMailPayload }>();
  for (const chunk of chunked(subscriptionIds)) {
    const rows = await runRows(
      em,
      knex('mail_message')
        .select('id', 'payload')
        .whereIn('group_key', chunk.map(alertMailGroup))
        .where({ kind: 'alert.digest', status: 'PENDING' })
        .andWhere('next_attempt_at', storedInstant(em, dueAt)),
    );
    for (const row of rows) {
      const payload = jsonOf<AlertMailPayload>(row.payload);
      found.set(payload.subscription, { id: String(row.id), payload });
    }
  }
  return found;
}

/**
 * Adds items to a pending digest, if it is still pending for `dueAt` (not claimed by a mail worker meanwhile): false
 * when it is not any more, and the items must go in a new one.
 */
export async function extendDigest(em: EntityManager, id: string, payload: AlertMailPayload, dueAt: Date, now: Date): Promise<boolean> {
  const knex = em.getKnex();
  const due = storedInstant(em, dueAt);
  const query = knex('mail_message')
    .update({ payload: JSON.stringify(payload), updated_at: storedInstant(em, now) })
    .where({ id, status: 'PENDING' })
    .andWhere('next_attempt_at', due);
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const changed = (await (transaction ? query.transacting(transaction) : query)) as unknown;
  return Number(changed) === 1;
}

/**
 * An id for a queued mail that sorts after those queued before it (UUID version 7, RFC 9562: 48 bits of milliseconds,
 * then random bits): the primary key's B-tree then grows at its end instead of at random pages, which is what a pass
 * queueing tens of thousands of mails paid for most.
 */
export function timeOrderedUuid(at: number = Date.now()): string {
  // Random bits drawn 256 ids at a time: one call to the system's generator per id cost more than the insert itself.
  if (randomOffset === RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    randomOffset = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  RANDOM_POOL.copy(bytes, 6, randomOffset + 6, randomOffset + 16);
  randomOffset += 16;
  const time = Math.max(0, Math.floor(at));
  bytes.writeUIntBE(time % 2 ** 48, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const RANDOM_POOL = Buffer.alloc(16 * 256);
let randomOffset = RANDOM_POOL.length;

/** The columns of `mail_message` that differ from one alert mail to another, in the order `insertAlertMails` binds them. */
const MAIL_BOUND_COLUMNS = ['id', 'kind', 'recipient', 'recipient_key', 'payload', 'group_key', 'next_attempt_at'];
/** Those every alert mail of a pass sets alike, written into the statement: no body yet (rendered when sent), pending, never tried. */
const MAIL_CONSTANT_COLUMNS = ['created_at', 'updated_at', 'subject', 'text', 'html', 'headers', 'status', 'attempts', 'last_error', 'sent_at'];
/** Mails per statement: 7 bound values each, far under both databases' limits on parameters. */
const MAILS_PER_STATEMENT = 500;

/**
 * Queues alert mails in the caller's transaction: what to tell, rendered by the mail worker when due. One statement
 * per 500 mails, its text written here (knex's query builder spent more time compiling those inserts than the
 * database took to run them), with only what differs between mails bound: the instant and the empty body are
 * literals, and the ids are time-ordered (`timeOrderedUuid`).
 */
export async function insertAlertMails(em: EntityManager, mails: readonly NewAlertMail[], now: Date): Promise<void> {
  const knex = em.getKnex();
  const postgresql = onPostgreSql(em);
  // Literals of values the hub writes itself (an instant, fixed strings): nothing a user entered goes in the text.
  const instant = postgresql ? `'${now.toISOString()}'::timestamptz` : String(now.getTime());
  const constants = `${instant}, ${instant}, '', '', null, '{}', 'PENDING', 0, null, null`;
  const row = `(${MAIL_BOUND_COLUMNS.map(() => '?').join(', ')}, ${constants})`;
  const columns = [...MAIL_BOUND_COLUMNS, ...MAIL_CONSTANT_COLUMNS].map((column) => `"${column}"`).join(', ');
  const at = now.getTime();
  // In the order of their group key (the subscription's): its index then takes them at neighbouring places.
  const sorted = [...mails].sort((a, b) => (a.payload.subscription < b.payload.subscription ? -1 : a.payload.subscription > b.payload.subscription ? 1 : 0));
  for (const chunk of chunked(sorted, MAILS_PER_STATEMENT)) {
    const values: unknown[] = [];
    for (const mail of chunk) {
      values.push(timeOrderedUuid(at), mail.kind, normaliseAddress(mail.to), addressKey(mail.to), JSON.stringify(mail.payload), alertMailGroup(mail.payload.subscription), storedInstant(em, mail.dueAt));
    }
    await runRows(em, knex.raw(`insert into mail_message (${columns}) values ${chunk.map(() => row).join(', ')}`, values as Knex.RawBinding[]));
  }
}
