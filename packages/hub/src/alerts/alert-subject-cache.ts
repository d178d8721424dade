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
   * links' secret of each subscription still there (kept whole while no confirmed subscription changes: `tokens`). `closing`: the published notices closing within the window,
   * soonest deadline first (then by reference), as they are now.
   */
  async forMails(em: EntityManager, request: { references: readonly string[]; subscriptions: readonly string[]; window: ClosingWindow }): Promise<MailBatchSubjects> {
    const subscriptions = [...new Set(request.subscriptions)];
    if (!this.tokens && this.tokensReadById >= Math.max(TOKENS_READ_BEFORE_SCAN, this.tokensScanned / LOOKUPS_PER_SCAN)) await this.scanTokens(em);
    const kept = this.tokens;
    // With the kept tokens, the statement reads only their count of changes; without, the batch's tokens.
    const read = await readMailBatch(em, request.references, kept ? [] : subscriptions, request.window);
    let tokens = read.tokens;
    if (kept && read.generation === kept.generation) {
      tokens = new Map();
      for (const id of subscriptions) {
        const token = kept.tokens.get(id);
        if (token !== undefined) tokens.set(id, token);
      }
    } else {
      // A confirmed subscription was added, changed or deleted since the tokens were kept: they are not any more.
      this.tokens = null;
      if (kept) tokens = await readTokens(em, subscriptions);
      this.tokensReadById += subscriptions.length;
    }
    const notices = await this.current(this.notices, read.noticeStamps, (stale) => loadAlertNotices(em, stale));
    // Published and closing when read: still so when loaded, unless changed in between (then left for the next batch).
    const closing = read.closing.flatMap((reference) => {
      const notice = notices.get(reference);
      return notice && notice.status === 'PUBLISHED' ? [notice] : [];
    });
    const toldStamps = new Map(closing.flatMap(({ reference }) => (read.toldStamps.has(reference) ? [[reference, read.toldStamps.get(reference)!] as const] : [])));
    const toldOfClosing = await this.current(this.told, toldStamps, (stale) => subscriptionsTold(em, stale, 'PUBLISHED'));
    return { notices, closing, toldOfClosing, closingToldTo: this.bySubscription(toldOfClosing), tokens };
  }

  /**
   * The links' secret of every confirmed subscription, kept with the count of their changes read in the same
   * statement (`alert_subscription_generation`): while that count is the same, none was added, changed or deleted,
   * and a batch reads the count alone. Read by id, a batch's 200 tokens were 200 rows at random places of the
   * subscriptions' table, most of what rendering cost in the database at 100,000 subscriptions; read whole, once,
   * they cost about what a few batches did.
   */
  private tokens: { generation: number; tokens: Map<string, string> } | null = null;
  /** Tokens read by id since the kept ones were last current (or since the start). */
  private tokensReadById = 0;
  /** How many tokens the last whole read found. */
  private tokensScanned = 0;

  /**
   * Reads every confirmed subscription's token. Done once enough were read by id since the kept ones stopped being
   * current (`LOOKUPS_PER_SCAN` of what the last whole read found, `TOKENS_READ_BEFORE_SCAN` at least): a sending
   * of thousands of mails reads them whole once, a few mails by id, and subscriptions changing while mails are sent
   * cost at most about twice what reading by id would.
   */
  private async scanTokens(em: EntityManager): Promise<void> {
    const rows = await runRows(
      em,
      em.getKnex().raw(`${GENERATION_PART} union all select 'token' as part, s.id as ref, s.manage_token as token from alert_subscription s where s.confirmed_at is not null`),
    );
    const tokens = new Map<string, string>();
    let generation = 0;
    for (const row of rows) {
      if (row.part === 'generation') generation = Number(row.token);
      else tokens.set(String(row.ref), String(row.token));
    }
    this.tokens = { generation, tokens };
    this.tokensScanned = tokens.size;
    this.tokensReadById = 0;
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

/** Tokens read by id that a whole read of them costs about as much as (a row read by id against one in a scan). */
const LOOKUPS_PER_SCAN = 8;
/** Tokens read by id before the first whole read. */
const TOKENS_READ_BEFORE_SCAN = 1_000;

/**
 * The count of changes of the confirmed subscriptions, as a part of a union whose columns are `part`, `ref`, `token`
 * (the count as text in `token`).
 */
const GENERATION_PART = `select 'generation' as part, null as ref, cast(g.generation as varchar(64)) as token from alert_subscription_generation g where g.id = 1`;

/** These subscriptions' tokens, those still there and confirmed. */
async function readTokens(em: EntityManager, subscriptions: readonly string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const chunk of chunked(subscriptions)) {
    const rows = await runRows(em, em.getKnex().raw(`select s.id as ref, s.manage_token as token from alert_subscription s where s.id in (${marks(chunk)}) and s.confirmed_at is not null`, chunk));
    for (const row of rows) tokens.set(String(row.ref), String(row.token));
  }
  return tokens;
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
 * closing (how many PUBLISHED rows and the last one's event: rows are written once, never changed), the count of
 * changes of the confirmed subscriptions (`generation`) and the tokens of these subscriptions, as the parts of one union.
 */
async function readMailBatch(em: EntityManager, references: readonly string[], subscriptions: readonly string[], window: ClosingWindow) {
  const knex = em.getKnex();
  const noticeStamps = new Map<string, string>();
  const toldStamps = new Map<string, string>();
  const tokens = new Map<string, string>();
  const deadlines = new Map<string, number>();
  let generation = 0;
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
      parts.push(`select 'generation' as part, null as ref, null as version, ${EMPTY_STAMP_COLUMNS}, cast(g.generation as varchar(64)) as token from alert_subscription_generation g where g.id = 1`);
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
      } else if (row.part === 'generation') {
        generation = Number(row.token);
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
  return { noticeStamps, toldStamps, tokens, closing, generation };
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
