import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import { runAloneAcrossHubs } from '../db/across-hubs.js';
import type { MailToSend } from '../mail/outgoing-mail.js';
import { Notice } from '../notices/notice.entity.js';
import { alertLinks, type AlertLinks } from './alert-links.js';
import { digestMail, immediateAlertMail, type AlertItem } from './alert-mails.js';
import { loadAlertNotices, toAlertNotice, type AlertNotice } from './alert-notice.js';
import { loadAlertPlans, type AlertPlan } from './alert-plan.js';
import {
  insertMails,
  markMatchesMailed,
  markSubscriptionsMailed,
  publicationsToldTo,
  runRows,
  subscriptionsForMail,
  unmailedMatchesOf,
  type MatchRow,
  type SubscriptionMailRow,
} from './alert-rows.js';

export interface AlertUrls {
  siteUrl: string;
  hubPublicUrl: string;
}

/** Subscriptions mailed per transaction: bounds the memory and how long a pass holds SQLite's write lock. */
export const MAILING_BATCH = 500;
const CLOSING_SOON_MS = 7 * 86_400_000;

/**
 * What one call of the mailing reads once and reuses across its transactions: the notices told (a pass tells the
 * same few notices to thousands of subscribers) and those closing within 7 days.
 */
export class AlertMailingContext {
  readonly links: AlertLinks;
  private readonly notices = new Map<string, AlertNotice | null>();
  private readonly plans = new Map<string, AlertPlan | null>();
  private closing: Map<string, AlertNotice> | null = null;

  constructor(
    urls: AlertUrls,
    readonly now: Date,
  ) {
    this.links = alertLinks(urls);
  }

  async noticesOf(em: EntityManager, references: Iterable<string>): Promise<Map<string, AlertNotice>> {
    const wanted = [...new Set(references)];
    const missing = wanted.filter((reference) => !this.notices.has(reference));
    if (missing.length) {
      const loaded = await loadAlertNotices(em, missing);
      for (const reference of missing) this.notices.set(reference, loaded.get(reference) ?? null);
    }
    const found = new Map<string, AlertNotice>();
    for (const reference of wanted) {
      const notice = this.notices.get(reference);
      if (notice) found.set(reference, notice);
    }
    return found;
  }

  async plansOf(em: EntityManager, references: Iterable<string>): Promise<Map<string, AlertPlan>> {
    const wanted = [...new Set(references)];
    const missing = wanted.filter((reference) => !this.plans.has(reference));
    if (missing.length) {
      const loaded = await loadAlertPlans(em, missing);
      for (const reference of missing) this.plans.set(reference, loaded.get(reference) ?? null);
    }
    const found = new Map<string, AlertPlan>();
    for (const reference of wanted) {
      const plan = this.plans.get(reference);
      if (plan) found.set(reference, plan);
    }
    return found;
  }

  /** Published notices whose deadline falls within the next 7 days, soonest first. */
  async closingSoon(em: EntityManager): Promise<Map<string, AlertNotice>> {
    if (!this.closing) {
      const notices = await em.find(
        Notice,
        { status: 'PUBLISHED', submissionDeadline: { $gt: this.now, $lte: new Date(this.now.getTime() + CLOSING_SOON_MS) } },
        { populate: ['lots', 'organisation', 'family', 'corrigenda'], orderBy: { submissionDeadline: 'asc', reference: 'asc' } },
      );
      this.closing = new Map(notices.map((notice) => [notice.reference, toAlertNotice(notice)]));
    }
    return this.closing;
  }
}

/**
 * Queues one mail per subscription telling its matches (in `matches`, oldest first), with the notices it was told of
 * that close within 7 days and are not in the mail, marks those matches mailed and counts the mail, in the caller's
 * transaction: a restart never sends them twice. Matches whose notice is gone are marked without a mail.
 * Returns the subscriptions mailed.
 */
export async function queueMailsTelling(
  em: EntityManager,
  context: AlertMailingContext,
  subscriptions: readonly SubscriptionMailRow[],
  matches: readonly MatchRow[],
  kind: 'IMMEDIATE' | 'DAILY',
): Promise<string[]> {
  const notices = await context.noticesOf(em, matches.filter((match) => match.reason !== 'PLANNED').map((match) => match.noticeReference));
  const plans = await context.plansOf(em, matches.filter((match) => match.reason === 'PLANNED').map((match) => match.noticeReference));
  const closing = await context.closingSoon(em);
  const told = await publicationsToldTo(em, subscriptions.map((one) => one.id), [...closing.keys()]);
  const bySubscription = new Map<string, MatchRow[]>();
  for (const match of matches) {
    const list = bySubscription.get(match.subscription);
    if (list) list.push(match);
    else bySubscription.set(match.subscription, [match]);
  }
  const mails: MailToSend[] = [];
  const mailed: string[] = [];
  for (const subscription of subscriptions) {
    const items: AlertItem[] = [];
    for (const match of bySubscription.get(subscription.id) ?? []) {
      if (match.reason === 'PLANNED') {
        // Withdrawn since, or already launched (its notice tells the rest): not announced any more.
        const plan = plans.get(match.noticeReference);
        if (plan?.status === 'PUBLISHED') items.push({ reason: 'PLANNED', notice: plan });
      } else {
        const notice = notices.get(match.noticeReference);
        if (notice) items.push({ reason: match.reason, notice });
      }
    }
    if (items.length === 0) continue;
    const inMail = new Set(items.map((item) => item.notice.reference));
    const toldOf = told.get(subscription.id);
    const closingSoon = toldOf ? [...closing.values()].filter((notice) => toldOf.has(notice.reference) && !inMail.has(notice.reference)) : [];
    const input = { to: subscription.email, manageToken: subscription.manageToken, links: context.links, items, closingSoon, now: context.now };
    mails.push(kind === 'IMMEDIATE' ? immediateAlertMail(input) : digestMail(input));
    mailed.push(subscription.id);
  }
  await insertMails(em, mails, context.now);
  await markMatchesMailed(em, matches.map((match) => match.id), context.now);
  await markSubscriptionsMailed(em, mailed, context.now);
  return mailed;
}

/** Confirmed immediate subscriptions with matches not yet mailed, by id, after `afterId`. */
async function immediateSubscriptionsDue(em: EntityManager, afterId: string, limit: number): Promise<string[]> {
  const knex = em.getKnex();
  const rows = await runRows(
    em,
    knex('alert_match as m')
      .distinct('m.subscription_id')
      .join('alert_subscription as s', 's.id', 'm.subscription_id')
      .whereNull('m.mailed_at')
      .andWhere('s.frequency', 'IMMEDIATE')
      .whereNotNull('s.confirmed_at')
      .andWhere('m.subscription_id', '>', afterId)
      .orderBy('m.subscription_id')
      .limit(limit),
  );
  return rows.map((row) => String(row.subscription_id));
}

/**
 * The immediate alerts: for each confirmed immediate subscription with matches not yet mailed, one mail telling all
 * of them — at most one mail per subscription per pass, however many notices the pass matched. Subscriptions go
 * MAILING_BATCH at a time, each batch in its own transaction (mails queued and matches marked together). Returns
 * how many mails were queued.
 */
export async function queueAlertMails(orm: MikroORM, now: Date, urls: AlertUrls, batch = MAILING_BATCH): Promise<number> {
  // Looked for without a transaction first: an idle pass never takes the SQLite write lock the requests wait for.
  if ((await immediateSubscriptionsDue(orm.em.fork(), '', 1)).length === 0) return 0;
  const context = new AlertMailingContext(urls, now);
  let queued = 0;
  let after = '';
  for (;;) {
    const done = await orm.em.fork().transactional(async (em) => {
      await runAloneAcrossHubs(em, 'alert-mailing');
      const ids = await immediateSubscriptionsDue(em, after, batch);
      if (ids.length === 0) return true;
      after = ids.at(-1)!;
      const subscriptions = await subscriptionsForMail(em, ids);
      const matches = await unmailedMatchesOf(em, ids);
      queued += (await queueMailsTelling(em, context, subscriptions, matches, 'IMMEDIATE')).length;
      return ids.length < batch;
    });
    if (done) return queued;
  }
}
