import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import { runAloneAcrossHubs } from '../db/across-hubs.js';
import { parisDateOf, startOfParisDay } from '../shared/paris-calendar.js';
import { AlertMailingContext, queueMailsTelling, type AlertUrls } from './alert-mailing.js';
import { markDigested, runRows, storedInstant, subscriptionsForMail, unmailedMatchesOf } from './alert-rows.js';

/** The daily digests leave at 07:00, Paris time. */
export const DIGEST_HOUR = 7;
/** Subscriptions digested per transaction. */
export const DIGEST_BATCH = 500;

const HOUR_MS = 3_600_000;
const PARIS_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' });

/** 07:00 in Paris on the Paris day of `now` (right on daylight-saving days too). Pure. */
export function digestTimeOf(now: Date): Date {
  const guess = new Date(startOfParisDay(parisDateOf(now)).getTime() + DIGEST_HOUR * HOUR_MS);
  const hour = Number(PARIS_HOUR.format(guess));
  return new Date(guess.getTime() + (DIGEST_HOUR - hour) * HOUR_MS);
}

/**
 * Confirmed daily subscriptions, by id after `afterId`, with matches from before `since` not yet mailed and no
 * digest since `since`.
 */
async function digestsDue(em: EntityManager, since: Date, afterId: string, limit: number): Promise<string[]> {
  const knex = em.getKnex();
  const at = storedInstant(em, since);
  const rows = await runRows(
    em,
    knex('alert_match as m')
      .distinct('m.subscription_id')
      .join('alert_subscription as s', 's.id', 'm.subscription_id')
      .whereNull('m.mailed_at')
      .andWhere('m.created_at', '<', at)
      .andWhere('s.frequency', 'DAILY')
      .whereNotNull('s.confirmed_at')
      .andWhere((where) => where.whereNull('s.last_digest_at').orWhere('s.last_digest_at', '<', at))
      .andWhere('m.subscription_id', '>', afterId)
      .orderBy('m.subscription_id')
      .limit(limit),
  );
  return rows.map((row) => String(row.subscription_id));
}

/**
 * From 07:00 Paris time, one digest per daily subscription that has matches from before 07:00 not yet mailed and had
 * no digest since today's 07:00: the matches, the notices it was told of that close within 7 days, then the matches
 * are marked mailed, in the transaction that queues the mail (so a restart never sends a digest twice).
 * Subscriptions go DIGEST_BATCH at a time, each batch in its own transaction. Returns how many were digested.
 */
export async function queueDailyDigests(orm: MikroORM, now: Date, urls: AlertUrls, batch = DIGEST_BATCH): Promise<number> {
  const since = digestTimeOf(now);
  if (now < since) return 0;
  // Looked for without a transaction first: the passes of the rest of the day find nothing and never take the SQLite
  // write lock that every request of every hub on the file waits for.
  if ((await digestsDue(orm.em.fork(), since, '', 1)).length === 0) return 0;
  const context = new AlertMailingContext(urls, now);
  let digested = 0;
  let after = '';
  for (;;) {
    const done = await orm.em.fork().transactional(async (em) => {
      // One pass at a time across hubs: the next one reads the digests this one marked sent, so none leaves twice.
      await runAloneAcrossHubs(em, 'alert-digests');
      const ids = await digestsDue(em, since, after, batch);
      if (ids.length === 0) return true;
      after = ids.at(-1)!;
      const subscriptions = await subscriptionsForMail(em, ids);
      // A digest tells what matched before today's 07:00; what matches later waits for tomorrow's.
      const matches = await unmailedMatchesOf(em, ids, since);
      await queueMailsTelling(em, context, subscriptions, matches, 'DAILY');
      await markDigested(em, ids, now);
      digested += ids.length;
      return ids.length < batch;
    });
    if (done) return digested;
  }
}
