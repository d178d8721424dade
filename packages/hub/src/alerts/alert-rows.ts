import { randomUUID } from 'node:crypto';
import { DriverException } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/sqlite';
import { onPostgreSql } from '../db/across-hubs.js';
import { addressKey, normaliseAddress } from '../mail/mail-address.js';
import type { MailToSend } from '../mail/outgoing-mail.js';
import { dateOf, jsonOf, type Row } from '../shared/row-values.js';
import type { AlertCriteria } from './alert-criteria.js';
import type { AlertReason } from './alert-match.entity.js';
import type { AlertFrequency } from './alert-subscription.entity.js';

/**
 * The alert worker's reads and writes as plain SQL rows, for both databases: at 100,000 subscriptions MikroORM's
 * entities and unit of work (hydration, change sets, one rendered mail per entity) were most of the time and all of
 * the memory. Nothing here decides anything: the matching and the mails are the pure rules' and the callers'.
 */

/** Rows per statement: a few hundred keeps every statement under both databases' parameter limits. */
export const ROWS_PER_STATEMENT = 500;

export interface SubscriptionCriteriaRow {
  id: string;
  criteria: AlertCriteria;
  confirmedAt: Date;
}

export interface SubscriptionMailRow {
  id: string;
  email: string;
  manageToken: string;
  frequency: AlertFrequency;
}

export interface MatchRow {
  id: string;
  subscription: string;
  noticeReference: string;
  reason: AlertReason;
  createdAt: Date;
}

export interface NewMatch {
  subscription: string;
  eventId: string;
  noticeReference: string;
  reason: AlertReason;
  /** When the event happened. */
  occurredAt: Date;
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

/** Confirmed subscriptions not filed in the index yet (new, or changed since): their criteria, a bounded number. */
export async function unindexedSubscriptions(em: EntityManager, limit: number): Promise<SubscriptionCriteriaRow[]> {
  const knex = em.getKnex();
  const rows = await runRows(
    em,
    knex('alert_subscription as s')
      .select('s.id', 's.criteria', 's.confirmed_at')
      .whereNotNull('s.confirmed_at')
      .whereNotExists(knex('alert_subscription_key as k').select(knex.raw('1')).whereRaw('k.subscription_id = s.id'))
      .limit(limit),
  );
  return rows.map((row) => ({ id: String(row.id), criteria: jsonOf<AlertCriteria>(row.criteria), confirmedAt: dateOf(row.confirmed_at) }));
}

export async function insertSubscriptionKeys(em: EntityManager, keys: ReadonlyArray<{ subscription: string; key: string }>): Promise<void> {
  const knex = em.getKnex();
  for (const chunk of chunked(keys)) await runRows(em, knex('alert_subscription_key').insert(chunk.map((one) => ({ subscription_id: one.subscription, key: one.key }))));
}

/** Takes subscriptions out of the index (their criteria changed: the matcher files them again; or they go). */
export async function forgetSubscriptionKeys(em: EntityManager, subscriptionIds: readonly string[]): Promise<void> {
  const knex = em.getKnex();
  for (const chunk of chunked(subscriptionIds)) await runRows(em, knex('alert_subscription_key').whereIn('subscription_id', chunk).delete());
}

/**
 * The confirmed subscriptions filed under any of these keys (each once), confirmed by `confirmedBy`: the only ones a
 * notice with these keys may match. `criteriaCache` keeps parsed criteria across the notices of a pass.
 */
export async function subscriptionsFiledUnder(em: EntityManager, keys: readonly string[], confirmedBy: Date, criteriaCache: Map<string, AlertCriteria>): Promise<SubscriptionCriteriaRow[]> {
  const knex = em.getKnex();
  const found = new Map<string, SubscriptionCriteriaRow>();
  for (const chunk of chunked(keys)) {
    const rows = await runRows(
      em,
      knex('alert_subscription as s')
        .select('s.id', 's.criteria', 's.confirmed_at')
        .whereIn('s.id', knex('alert_subscription_key as k').select('k.subscription_id').whereIn('k.key', chunk))
        .whereNotNull('s.confirmed_at')
        .andWhere('s.confirmed_at', '<=', storedInstant(em, confirmedBy)),
    );
    for (const row of rows) {
      const id = String(row.id);
      if (found.has(id)) continue;
      let criteria = criteriaCache.get(id);
      if (!criteria) {
        criteria = jsonOf<AlertCriteria>(row.criteria);
        criteriaCache.set(id, criteria);
      }
      found.set(id, { id, criteria, confirmedAt: dateOf(row.confirmed_at) });
    }
  }
  return [...found.values()];
}

/** The subscriptions that were told of a notice's publication (each once). */
export async function subscriptionsToldOf(em: EntityManager, noticeReference: string): Promise<string[]> {
  const knex = em.getKnex();
  const rows = await runRows(em, knex('alert_match').distinct('subscription_id').where({ notice_reference: noticeReference, reason: 'PUBLISHED' }));
  return rows.map((row) => String(row.subscription_id));
}

/** Writes matches, not yet mailed; `createdAt` is when the event happened (the digests count on it). */
export async function insertMatches(em: EntityManager, matches: readonly NewMatch[], now: Date): Promise<void> {
  const knex = em.getKnex();
  const at = storedInstant(em, now);
  for (const chunk of chunked(matches, 200)) {
    await runRows(
      em,
      knex('alert_match').insert(
        chunk.map((match) => ({
          id: randomUUID(),
          created_at: storedInstant(em, match.occurredAt),
          updated_at: at,
          subscription_id: match.subscription,
          event_id: match.eventId,
          notice_reference: match.noticeReference,
          reason: match.reason,
          mailed_at: null,
        })),
      ),
    );
  }
}

/** The subscriptions, with what a mail to them needs, ordered by id. */
export async function subscriptionsForMail(em: EntityManager, ids: readonly string[]): Promise<SubscriptionMailRow[]> {
  const knex = em.getKnex();
  const found: SubscriptionMailRow[] = [];
  for (const chunk of chunked([...new Set(ids)])) {
    const rows = await runRows(em, knex('alert_subscription').select('id', 'email', 'manage_token', 'frequency').whereIn('id', chunk));
    for (const row of rows) found.push({ id: String(row.id), email: String(row.email), manageToken: String(row.manage_token), frequency: row.frequency as AlertFrequency });
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The matches of these subscriptions not yet mailed (created before `before` when given), oldest first. */
export async function unmailedMatchesOf(em: EntityManager, subscriptionIds: readonly string[], before?: Date): Promise<MatchRow[]> {
  const knex = em.getKnex();
  const found: MatchRow[] = [];
  for (const chunk of chunked(subscriptionIds)) {
    const query = knex('alert_match').select('id', 'subscription_id', 'notice_reference', 'reason', 'created_at').whereIn('subscription_id', chunk).whereNull('mailed_at');
    if (before) query.andWhere('created_at', '<', storedInstant(em, before));
    for (const row of await runRows(em, query)) {
      found.push({ id: String(row.id), subscription: String(row.subscription_id), noticeReference: String(row.notice_reference), reason: row.reason as AlertReason, createdAt: dateOf(row.created_at) });
    }
  }
  return found.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Which of these subscriptions were told of which of these notices' publications: subscription id → references. */
export async function publicationsToldTo(em: EntityManager, subscriptionIds: readonly string[], noticeReferences: readonly string[]): Promise<Map<string, Set<string>>> {
  const told = new Map<string, Set<string>>();
  if (noticeReferences.length === 0) return told;
  const knex = em.getKnex();
  for (const chunk of chunked(subscriptionIds)) {
    const rows = await runRows(em, knex('alert_match').select('subscription_id', 'notice_reference').whereIn('subscription_id', chunk).where('reason', 'PUBLISHED').whereIn('notice_reference', noticeReferences));
    for (const row of rows) {
      const set = told.get(String(row.subscription_id)) ?? new Set<string>();
      set.add(String(row.notice_reference));
      told.set(String(row.subscription_id), set);
    }
  }
  return told;
}

/** Queues mails in the caller's transaction, as `queueMail` would, without an entity per mail. */
export async function insertMails(em: EntityManager, mails: readonly MailToSend[], now: Date): Promise<void> {
  const knex = em.getKnex();
  const at = storedInstant(em, now);
  for (const chunk of chunked(mails, 100)) {
    await runRows(
      em,
      knex('mail_message').insert(
        chunk.map((mail) => ({
          id: randomUUID(),
          created_at: at,
          updated_at: at,
          kind: mail.kind,
          recipient: normaliseAddress(mail.to),
          recipient_key: addressKey(mail.to),
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? null,
          headers: JSON.stringify(mail.headers ?? {}),
          status: 'PENDING',
          attempts: 0,
          next_attempt_at: at,
          last_error: null,
          sent_at: null,
        })),
      ),
    );
  }
}

/** Marks matches mailed (by id: a match written meanwhile by another hub's matcher stays to be told). */
export async function markMatchesMailed(em: EntityManager, matchIds: readonly string[], now: Date): Promise<void> {
  const knex = em.getKnex();
  const at = storedInstant(em, now);
  for (const chunk of chunked(matchIds)) await runRows(em, knex('alert_match').update({ mailed_at: at, updated_at: at }).whereIn('id', chunk));
}

/** Counts a mail to each of these subscriptions. */
export async function markSubscriptionsMailed(em: EntityManager, mailed: readonly string[], now: Date): Promise<void> {
  const knex = em.getKnex();
  const at = storedInstant(em, now);
  for (const chunk of chunked(mailed)) await runRows(em, knex('alert_subscription').update({ mails_sent: knex.raw('mails_sent + 1'), updated_at: at }).whereIn('id', chunk));
}

/** Records that these subscriptions had today's digest (even those whose matches all vanished). */
export async function markDigested(em: EntityManager, subscriptionIds: readonly string[], now: Date): Promise<void> {
  const knex = em.getKnex();
  const at = storedInstant(em, now);
  for (const chunk of chunked(subscriptionIds)) await runRows(em, knex('alert_subscription').update({ last_digest_at: at }).whereIn('id', chunk));
}
