import type { EntityManager, Knex } from '@mikro-orm/sqlite';
import { loadAlertNotices, type AlertNotice } from './alert-notice.js';
import { loadAlertPlans, type AlertPlan } from './alert-plan.js';
import { dateOf, type Row } from '../shared/row-values.js';
import { chunked, runRows, storedInstant, subscriptionsTold } from './alert-rows.js';

/** Past this many kept, the cache starts afresh: a mail worker runs for months, the notices it tells change. */
const MOST_KEPT = 5_000;

type Kept<T> = Map<string, { stamp: string; value: T }>;

/**
 * The notices and planned purchases the alert mails show, kept by a mail worker's renderer from one batch of mails to
 * the next while they do not change. A pass of the alert worker tells the same hundred notices to thousands of
 * subscribers, and the mail worker renders them `MAIL_BATCH` mails at a time: loading them again (lots, buyer, corrigenda) for
 * every batch was most of the rendering. Each batch now reads, in one statement with the subscriptions' tokens, one
 * stamp per notice (its version and last change, its buyer's, its lots' and corrigenda's) and loads again only those
 * whose stamp changed; a kept notice is the same
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
   * What a batch of mails needs, read with one statement (a batch used to run three, which were most of the
   * rendering's CPU at 100,000 subscriptions): these notices and the published ones closing within the window, whom
   * each of those closing was told to (read again only when an announcement of its publication was added), and the
   * links' secret of each subscription still there. `closing`: the published notices closing within the window,
   * soonest deadline first (then by reference), as they are now.
   */
  async forMails(em: EntityManager, request: { references: readonly string[]; subscriptions: readonly string[]; window: ClosingWindow }): Promise<MailBatchSubjects> {
    const read = await readMailBatch(em, request.references, request.subscriptions, request.window);
    const notices = await this.current(this.notices, read.noticeStamps, (stale) => loadAlertNotices(em, stale));
    // Published and closing when read: still so when loaded, unless changed in between (then left for the next batch).
    const closing = read.closing.flatMap((reference) => {
      const notice = notices.get(reference);
      return notice && notice.status === 'PUBLISHED' ? [notice] : [];
    });
    const toldStamps = new Map(closing.flatMap(({ reference }) => (read.toldStamps.has(reference) ? [[reference, read.toldStamps.get(reference)!] as const] : [])));
    const toldOfClosing = await this.current(this.told, toldStamps, (stale) => subscriptionsTold(em, stale, 'PUBLISHED'));
    return { notices, closing, toldOfClosing, closingToldTo: this.bySubscription(toldOfClosing), tokens: read.tokens };
  }

  /** `toldOfClosing` the other way round, made again only when one of its sets is not the one it was made from. */
  private inverted: { from: ReadonlyArray<readonly [string, Set<string>]>; bySubscription: Map<string, Set<string>> } | null = null;

  private bySubscription(toldOfClosing: Map<string, Set<string>>): Map<string, Set<string>> {
    const from = [...toldOfClosing];
    const kept = this.inverted;
    if (kept && kept.from.length === from.length && kept.from.every(([reference, set], index) => from[index]![0] === reference && from[index]![1] === set)) return kept.bySubscription;
    const bySubscription = new Map<string, Set<string>>();
    for (const [reference, subscriptions] of from) {
      for (const subscription of subscriptions) {
        const references = bySubscription.get(subscription);
        if (references) references.add(reference);
        else bySubscription.set(subscription, new Set([reference]));
      }
    }
    this.inverted = { from, bySubscription };
    return bySubscription;
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

/** What `AlertSubjectCache.forMails` gives a batch of mails. */
export interface MailBatchSubjects {
  notices: Map<string, AlertNotice>;
  /** The published notices closing within the window, soonest first. */
  closing: AlertNotice[];
  /** Reference of a notice closing → the subscriptions told of its publication. */
  toldOfClosing: Map<string, Set<string>>;
  /** The same the other way round: subscription → the notices closing it was told of the publication of. */
  closingToldTo: Map<string, Set<string>>;
  /** Subscription id → the links' secret, for those still there and confirmed. */
  tokens: Map<string, string>;
}

/** reference → what changes when anything an alert shows of the notice changes. Deleted notices are not in it. */
async function noticeStamps(em: EntityManager, references: readonly string[]): Promise<Map<string, string>> {
  const knex = em.getKnex();
  const stamps = new Map<string, string>();
  for (const chunk of chunked([...new Set(references)])) {
    const rows = await runRows(em, knex.raw(`select ${NOTICE_STAMP_COLUMNS} from notice n join organisation o on o.id = n.organisation_id where n.reference in (${marks(chunk)})`, chunk));
    for (const row of rows) stamps.set(String(row.ref), noticeStamp(row));
  }
  return stamps;
}

const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * The columns of a notice's stamp (its version and last change, its buyer's, its lots' and corrigenda's), its status
 * and deadline, then those of the other parts of a batch's statement left empty: every part of the union has the
 * same columns (`part`, `ref`, the stamp's, `token`).
 */
const NOTICE_STAMP_COLUMNS = `'notice' as part, n.reference as ref, n.version as version, n.updated_at as changed_at, n.status as status,
  n.submission_deadline as deadline, o.updated_at as organisation_at,
  (select count(*) from lot l where l.notice_id = n.id) as lots,
  (select max(l.updated_at) from lot l where l.notice_id = n.id) as lots_at,
  (select count(*) from corrigendum c where c.notice_id = n.id) as corrigenda,
  cast(null as varchar(64)) as token`;

/** The stamp's other columns, empty in the parts of the union that are not notices (named: a part may come first). */
const EMPTY_STAMP_COLUMNS = 'null as changed_at, null as status, null as deadline, null as organisation_at, null as lots, null as lots_at, null as corrigenda';

const noticeStamp = (row: Row) => [row.version, instant(row.changed_at), instant(row.organisation_at), row.lots, instant(row.lots_at), row.corrigenda].join('|');

/**
 * One statement (several only past `ROWS_PER_STATEMENT` references or subscriptions) for a batch of mails: the stamps
 * of these notices and of the published ones closing within the window, the stamps of the announcements of those
 * closing (how many PUBLISHED rows and the last one's event: rows are written once, never changed), and the tokens
 * of these subscriptions, as the parts of one union.
 */
async function readMailBatch(em: EntityManager, references: readonly string[], subscriptions: readonly string[], window: ClosingWindow) {
  const knex = em.getKnex();
  const noticeStamps = new Map<string, string>();
  const toldStamps = new Map<string, string>();
  const tokens = new Map<string, string>();
  const deadlines = new Map<string, number>();
  const after = storedInstant(em, window.after);
  const until = storedInstant(em, window.until);
  const referenceChunks = chunked([...new Set(references)]);
  const subscriptionChunks = chunked([...new Set(subscriptions)]);
  for (let index = 0; index < Math.max(1, referenceChunks.length, subscriptionChunks.length); index++) {
    const named = referenceChunks[index] ?? [];
    const ids = subscriptionChunks[index] ?? [];
    // The window's parts once, in the first statement: the notices closing soon are read even when the batch names none.
    const first = index === 0;
    const parts: string[] = [];
    const bindings: Knex.RawBinding[] = [];
    if (first || named.length) {
      const where = [...(named.length ? [`n.reference in (${marks(named)})`] : []), ...(first ? [`(n.status = 'PUBLISHED' and n.submission_deadline > ? and n.submission_deadline <= ?)`] : [])];
      parts.push(`select ${NOTICE_STAMP_COLUMNS} from notice n join organisation o on o.id = n.organisation_id where ${where.join(' or ')}`);
      bindings.push(...named, ...(first ? [after, until] : []));
    }
    if (first) {
      parts.push(`select 'told' as part, a.reference as ref, count(*) as version, ${EMPTY_STAMP_COLUMNS}, max(a.event_id) as token from alert_announcement a
        where a.reason = 'PUBLISHED' and a.reference in (select w.reference from notice w where w.status = 'PUBLISHED' and w.submission_deadline > ? and w.submission_deadline <= ?)
        group by a.reference`);
      bindings.push(after, until);
    }
    if (ids.length) {
      parts.push(`select 'token' as part, s.id as ref, null as version, ${EMPTY_STAMP_COLUMNS}, s.manage_token as token from alert_subscription s where s.id in (${marks(ids)}) and s.confirmed_at is not null`);
      bindings.push(...ids);
    }
    for (const row of await runRows(em, knex.raw(parts.join(' union all '), bindings))) {
      const reference = String(row.ref);
      if (row.part === 'token') {
        tokens.set(reference, String(row.token));
      } else if (row.part === 'told') {
        toldStamps.set(reference, `${row.version}|${row.token}`);
      } else {
        noticeStamps.set(reference, noticeStamp(row));
        if (row.status !== 'PUBLISHED' || row.deadline === null || row.deadline === undefined) continue;
        const deadline = dateOf(row.deadline).getTime();
        if (deadline > window.after.getTime() && deadline <= window.until.getTime()) deadlines.set(reference, deadline);
      }
    }
  }
  const closing = [...deadlines].sort(([a, at], [b, bt]) => at - bt || (a < b ? -1 : a > b ? 1 : 0)).map(([reference]) => reference);
  return { noticeStamps, toldStamps, tokens, closing };
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
