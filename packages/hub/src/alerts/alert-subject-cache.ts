import type { EntityManager } from '@mikro-orm/sqlite';
import { loadAlertNotices, type AlertNotice } from './alert-notice.js';
import { loadAlertPlans, type AlertPlan } from './alert-plan.js';
import { dateOf } from '../shared/row-values.js';
import { chunked, runRows, storedInstant, subscriptionsTold } from './alert-rows.js';

/** Past this many kept, the cache starts afresh: a mail worker runs for months, the notices it tells change. */
const MOST_KEPT = 5_000;

type Kept<T> = Map<string, { stamp: string; value: T }>;

/**
 * The notices and planned purchases the alert mails show, kept by a mail worker's renderer from one batch of mails to
 * the next while they do not change. A pass of the alert worker tells the same hundred notices to thousands of
 * subscribers, and the mail worker renders them 50 mails at a time: loading them again (lots, buyer, corrigenda) for
 * every batch was most of the rendering. Each batch now reads one stamp per notice (its version and last change, its
 * buyer's, its lots' and corrigenda's) and loads again only those whose stamp changed; a kept notice is the same
 * object from batch to batch, so its rendered block is kept too (`alert-mails.ts` renders each block once per object).
 * Likewise whom each notice closing soon was told to.
 */
export class AlertSubjectCache {
  private readonly notices: Kept<AlertNotice> = new Map();
  private readonly plans: Kept<AlertPlan> = new Map();
  private readonly told: Kept<Set<string>> = new Map();

  async noticesOf(em: EntityManager, references: readonly string[]): Promise<Map<string, AlertNotice>> {
    return this.current(this.notices, await noticeStamps(em, references), (stale) => loadAlertNotices(em, stale));
  }

  /**
   * These notices, and the published ones whose deadline falls after `closing.after` and by `closing.until`, with
   * one read of their stamps: a batch of mails used to read its notices' stamps, then the list of those closing
   * soon, then their stamps. `closing`: those references, soonest deadline first (then by reference).
   */
  async noticesAndClosing(em: EntityManager, references: readonly string[], closing: ClosingWindow): Promise<{ notices: Map<string, AlertNotice>; closing: string[] }> {
    const { stamps, closing: closingSoon } = await noticeStampsAndClosing(em, references, closing);
    return { notices: await this.current(this.notices, stamps, (stale) => loadAlertNotices(em, stale)), closing: closingSoon };
  }

  async plansOf(em: EntityManager, references: readonly string[]): Promise<Map<string, AlertPlan>> {
    return this.current(this.plans, await planStamps(em, references), (stale) => loadAlertPlans(em, stale));
  }

  /**
   * The subscriptions told of these notices' publication (for the "closing soon" section), read again only when an
   * announcement of one is added: every batch read them whole before, thousands of ids per notice for 50 mails.
   */
  async publicationToldOf(em: EntityManager, references: readonly string[]): Promise<Map<string, Set<string>>> {
    return this.current(this.told, await announcementStamps(em, references), (stale) => subscriptionsTold(em, stale, 'PUBLISHED'));
  }

  private async current<T>(kept: Kept<T>, stamps: Map<string, string>, load: (references: string[]) => Promise<Map<string, T>>): Promise<Map<string, T>> {
    const stale = [...stamps].filter(([reference, stamp]) => kept.get(reference)?.stamp !== stamp).map(([reference]) => reference);
    if (stale.length) {
      if (kept.size + stale.length > MOST_KEPT) kept.clear();
      const loaded = await load(stale);
      for (const reference of stale) {
        const value = loaded.get(reference);
        if (value) kept.set(reference, { stamp: stamps.get(reference)!, value });
        else kept.delete(reference);
      }
    }
    const found = new Map<string, T>();
    for (const reference of stamps.keys()) {
      const entry = kept.get(reference);
      if (entry) found.set(reference, entry.value);
    }
    return found;
  }
}

const instant = (value: unknown) => (value instanceof Date ? String(value.getTime()) : String(value ?? ''));

/** Published notices whose deadline is after `after` and by `until` (the "closing soon" section of the mails). */
export interface ClosingWindow {
  after: Date;
  until: Date;
}

/** reference → what changes when anything an alert shows of the notice changes. Deleted notices are not in it. */
async function noticeStamps(em: EntityManager, references: readonly string[]): Promise<Map<string, string>> {
  return (await noticeStampsAndClosing(em, references, null)).stamps;
}

/** The stamps of these notices and of those closing within the window, if one; those closing, soonest first. */
async function noticeStampsAndClosing(em: EntityManager, references: readonly string[], window: ClosingWindow | null): Promise<{ stamps: Map<string, string>; closing: string[] }> {
  const knex = em.getKnex();
  const stamps = new Map<string, string>();
  const deadlines = new Map<string, number>();
  const chunks = chunked([...new Set(references)]);
  // With a window, one statement at least: the notices closing soon are read even when the batch names none.
  if (window && chunks.length === 0) chunks.push([]);
  for (const chunk of chunks) {
    const rows = await runRows(
      em,
      knex('notice as n')
        .join('organisation as o', 'o.id', 'n.organisation_id')
        .select(
          'n.reference',
          'n.version',
          'n.updated_at',
          'n.status',
          'n.submission_deadline',
          'o.updated_at as organisation_at',
          knex.raw('(select count(*) from lot l where l.notice_id = n.id) as lots'),
          knex.raw('(select max(l.updated_at) from lot l where l.notice_id = n.id) as lots_at'),
          knex.raw('(select count(*) from corrigendum c where c.notice_id = n.id) as corrigenda'),
        )
        .where((query) => {
          if (chunk.length) void query.whereIn('n.reference', chunk);
          if (window) {
            void query.orWhere((closing) =>
              closing
                .where('n.status', 'PUBLISHED')
                .andWhere('n.submission_deadline', '>', storedInstant(em, window.after))
                .andWhere('n.submission_deadline', '<=', storedInstant(em, window.until)),
            );
          }
        }),
    );
    for (const row of rows) {
      const reference = String(row.reference);
      stamps.set(reference, [row.version, instant(row.updated_at), instant(row.organisation_at), row.lots, instant(row.lots_at), row.corrigenda].join('|'));
      if (!window || row.status !== 'PUBLISHED' || row.submission_deadline === null || row.submission_deadline === undefined) continue;
      const deadline = dateOf(row.submission_deadline).getTime();
      if (deadline > window.after.getTime() && deadline <= window.until.getTime()) deadlines.set(reference, deadline);
    }
  }
  const closing = [...deadlines].sort(([a, at], [b, bt]) => at - bt || (a < b ? -1 : a > b ? 1 : 0)).map(([reference]) => reference);
  return { stamps, closing };
}

/** reference → how many PUBLISHED announcements it has and the last one's event: rows are written once, never changed. */
async function announcementStamps(em: EntityManager, references: readonly string[]): Promise<Map<string, string>> {
  const knex = em.getKnex();
  const stamps = new Map<string, string>();
  for (const chunk of chunked([...new Set(references)])) {
    const rows = await runRows(
      em,
      knex('alert_announcement')
        .select('reference', knex.raw('count(*) as announcements'), knex.raw('max(event_id) as last_event'))
        .whereIn('reference', chunk)
        .where('reason', 'PUBLISHED')
        .groupBy('reference'),
    );
    for (const row of rows) stamps.set(String(row.reference), `${row.announcements}|${row.last_event}`);
  }
  return stamps;
}

async function planStamps(em: EntityManager, references: readonly string[]): Promise<Map<string, string>> {
  const knex = em.getKnex();
  const stamps = new Map<string, string>();
  for (const chunk of chunked([...new Set(references)])) {
    const rows = await runRows(
      em,
      knex('planned_purchase as p')
        .join('organisation as o', 'o.id', 'p.organisation_id')
        .select('p.reference', 'p.version', 'p.updated_at', 'o.updated_at as organisation_at')
        .whereIn('p.reference', chunk),
    );
    for (const row of rows) stamps.set(String(row.reference), [row.version, instant(row.updated_at), instant(row.organisation_at)].join('|'));
  }
  return stamps;
}
