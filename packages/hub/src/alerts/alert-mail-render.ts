import type { EntityManager } from '@mikro-orm/sqlite';
import type { MailRenderer, MailRenderers, PayloadMail, RenderedMail } from '../mail/mail-renderer.js';
import { jsonOf } from '../shared/row-values.js';
import { isPlanReason, planStillTold } from './alert-changes.js';
import { alertLinks, type AlertLinks } from './alert-links.js';
import { digestMail, immediateAlertMail, type AlertItem } from './alert-mails.js';
import { mailItemsOf, type AlertMailPayload } from './alert-rows.js';
import { AlertSubjectCache } from './alert-subject-cache.js';

export interface AlertUrls {
  siteUrl: string;
  hubPublicUrl: string;
}

const CLOSING_SOON_MS = 7 * 86_400_000;

/** The mail worker's renderers for the alerts' mails (kinds `alert.*` stored as payloads). */
export function alertMailRenderers(urls: AlertUrls): MailRenderers {
  return { alert: alertMailRenderer(urls) };
}

/**
 * Renders alert mails when they are sent, from what the matcher stored (`AlertMailPayload`): the notices as they are
 * now, the subscription's links, and the notices it was told of that close within 7 days and are not in the mail.
 * A mail whose subscription is gone, or whose every item is (a notice deleted, a planned purchase withdrawn or
 * launched since), is not to be sent (null).
 */
export function alertMailRenderer(urls: AlertUrls): MailRenderer {
  const links = alertLinks(urls);
  // The renderer's own: the notices it shows, kept from one batch to the next while they do not change.
  const cache = new AlertSubjectCache();
  return (em, mails, now) => renderAlertMails(em, links, mails, now, cache);
}

async function renderAlertMails(em: EntityManager, links: AlertLinks, mails: readonly PayloadMail[], now: Date, cache: AlertSubjectCache): Promise<Map<string, RenderedMail | null>> {
  const payloads = mails.map((mail) => {
    const payload = jsonOf<AlertMailPayload>(mail.payload);
    return { mail, subscription: payload.subscription, items: mailItemsOf(payload) };
  });
  const items = payloads.flatMap((one) => one.items);
  const window = { after: now, until: new Date(now.getTime() + CLOSING_SOON_MS) };
  const { notices, closing, closingToldTo, tokens } = await cache.forMails(em, {
    references: items.filter((item) => !isPlanReason(item.reason)).map((item) => item.reference),
    subscriptions: payloads.map((one) => one.subscription),
    window,
  });
  const plans = await cache.plansOf(em, items.filter((item) => isPlanReason(item.reason)).map((item) => item.reference));
  const rendered = new Map<string, RenderedMail | null>();
  for (const { mail, subscription, items: told } of payloads) {
    const manageToken = tokens.get(subscription);
    const lines: AlertItem[] = [];
    for (const item of told) {
      const { reason } = item;
      if (isPlanReason(reason)) {
        // Announced or changed, then withdrawn since (the withdrawal tells it) or launched (its notice does): not told any more.
        const plan = plans.get(item.reference);
        if (plan && planStillTold(reason, plan.status)) lines.push({ reason, notice: plan, ...(item.fields ? { fields: item.fields } : {}) });
      } else {
        const notice = notices.get(item.reference);
        if (notice) lines.push({ reason, notice });
      }
    }
    if (!manageToken || lines.length === 0) {
      rendered.set(mail.id, null);
      continue;
    }
    // Looked up by subscription (one lookup a mail), not in each closing notice's set of thousands.
    const toldClosing = closingToldTo.get(subscription);
    const inMail = toldClosing ? new Set(lines.map((item) => item.notice.reference)) : null;
    const closingSoonToldOf = toldClosing && inMail ? closing.filter((notice) => toldClosing.has(notice.reference) && !inMail.has(notice.reference)) : [];
    const input = { to: mail.recipient, manageToken, links, items: lines, closingSoon: closingSoonToldOf, now };
    const built = mail.kind === 'alert.digest' ? digestMail(input) : immediateAlertMail(input);
    rendered.set(mail.id, { subject: built.subject, text: built.text, html: built.html ?? null, headers: built.headers ?? {} });
  }
  return rendered;
}
