import type { MikroORM } from '@mikro-orm/sqlite';
import { runAloneAcrossHubs } from '../db/across-hubs.js';
import { queueMail } from '../mail/outgoing-mail.js';
import { parisDateOf, startOfParisDay } from '../shared/paris-calendar.js';
import { alertLinks } from './alert-links.js';
import { AlertMatch } from './alert-match.entity.js';
import { digestMail } from './alert-mails.js';
import { closingSoonFor, type AlertUrls } from './alert-matcher.js';
import { loadAlertNotices } from './alert-notice.js';
import { AlertSubscription } from './alert-subscription.entity.js';

/** The daily digests leave at 07:00, Paris time. */
export const DIGEST_HOUR = 7;
export const DIGEST_BATCH = 200;

const HOUR_MS = 3_600_000;
const PARIS_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' });

/** 07:00 in Paris on the Paris day of `now` (right on daylight-saving days too). Pure. */
export function digestTimeOf(now: Date): Date {
  const guess = new Date(startOfParisDay(parisDateOf(now)).getTime() + DIGEST_HOUR * HOUR_MS);
  const hour = Number(PARIS_HOUR.format(guess));
  return new Date(guess.getTime() + (DIGEST_HOUR - hour) * HOUR_MS);
}

/**
 * From 07:00 Paris time, one digest per daily subscription that has matches from before 07:00 not yet mailed and had
 * no digest since today's 07:00: the matches, the notices it was told of that close within 7 days, then the matches are marked
 * mailed, in the transaction that queues the mail (so a restart never sends a digest twice). Returns how many.
 */
export async function queueDailyDigests(orm: MikroORM, now: Date, urls: AlertUrls, batch = DIGEST_BATCH): Promise<number> {
  const since = digestTimeOf(now);
  if (now < since) return 0;
  // A digest tells what matched before today's 07:00; what matches later waits for tomorrow's.
  const undigested = { mailedAt: null, createdAt: { $lt: since }, subscription: { frequency: 'DAILY' as const, confirmedAt: { $ne: null }, $or: [{ lastDigestAt: null }, { lastDigestAt: { $lt: since } }] } };
  // Looked for without a transaction first: the passes of the rest of the day find nothing and never take the SQLite
  // write lock that every request of every hub on the file waits for.
  if (!(await orm.em.fork().findOne(AlertMatch, undigested, { fields: ['id'] }))) return 0;
  return orm.em.fork().transactional(async (em) => {
    // One pass at a time across hubs: the next one reads the digests this one marked sent, so none leaves twice.
    await runAloneAcrossHubs(em, 'alert-digests');
    const pending = await em.find(AlertMatch, undigested, { fields: ['subscription'], orderBy: { subscription: 'asc' }, limit: batch * 20 });
    const dueIds = [...new Set(pending.map((match) => match.subscription.id))].slice(0, batch);
    if (dueIds.length === 0) return 0;
    const due = await em.find(AlertSubscription, { id: { $in: dueIds } }, { orderBy: { id: 'asc' } });
    const matches = await em.find(AlertMatch, { subscription: { $in: due.map((one) => one.id) }, mailedAt: null, createdAt: { $lt: since } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const notices = await loadAlertNotices(em, matches.map((match) => match.noticeReference));
    const closing = await closingSoonFor(em, due.map((one) => one.id), now);
    const links = alertLinks(urls);
    for (const subscription of due) {
      const own = matches.filter((match) => match.subscription.id === subscription.id);
      const items = own.flatMap((match) => {
        const notice = notices.get(match.noticeReference);
        return notice ? [{ reason: match.reason, notice }] : [];
      });
      const told = new Set(items.map((item) => item.notice.reference));
      if (items.length) {
        queueMail(em, digestMail({ to: subscription.email, manageToken: subscription.manageToken, links, items, closingSoon: (closing.get(subscription.id) ?? []).filter((one) => !told.has(one.reference)), now }), now);
        subscription.mailsSent += 1;
      }
      for (const match of own) match.mailedAt = now;
      subscription.lastDigestAt = now;
    }
    return due.length;
  });
}
