import type { EntityManager } from '@mikro-orm/sqlite';
import { addressKey, normaliseAddress } from '../mail/mail-address.js';
import { MailAddress } from '../mail/mail-address.entity.js';
import { MailMessage } from '../mail/mail-message.entity.js';
import { queueMail } from '../mail/outgoing-mail.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { listVarCommunes } from '../reference/territory.js';
import type { AlertCriteria } from './alert-criteria.js';
import type { CriteriaNames } from './alert-format.js';
import { alertLinks, type AlertLinks } from './alert-links.js';
import { takeAddressMail } from './alert-request-limits.js';
import { alertMailGroup } from './alert-rows.js';
import { AlertSubscription, type AlertFrequency } from './alert-subscription.entity.js';
import { hashAlertToken, isWellFormedToken, newAlertToken } from './alert-tokens.js';
import { CONFIRMATION_DAYS, confirmationMail, dataHeldMail, welcomeMail } from './subscription-mails.js';

const DAY_MS = 86_400_000;

/** Subscriptions (confirmed or pending) one address may hold; requests beyond are dropped in silence. */
export const MAX_SUBSCRIPTIONS_PER_ADDRESS = 10;

export interface AlertServiceContext {
  em: EntityManager;
  now: Date;
  urls: { siteUrl: string; hubPublicUrl: string };
}

/**
 * Subscriptions to the e-mail alerts, without an account. Every outcome the public can observe is the same whether
 * or not an address is known (no enumeration): a request always answers "check your mailbox", and only the mailbox
 * learns more. Changes and the mails they cause are committed together (`queueMail` in the same unit of work).
 */
export class AlertSubscriptionService {
  private readonly links: AlertLinks;

  constructor(private readonly ctx: AlertServiceContext) {
    this.links = alertLinks(ctx.urls);
  }

  /** A new pending subscription and its confirmation mail, unless the address was mailed within the window. */
  async subscribe(input: { email: string; criteria: AlertCriteria; frequency: AlertFrequency }): Promise<void> {
    const { now } = this.ctx;
    await this.ctx.em.transactional(async (em) => {
      const email = normaliseAddress(input.email);
      const key = addressKey(email);
      // One mail per address and window (REQUEST_WINDOW_MS), counted in the database across hubs.
      if (!(await takeAddressMail(em, key, now))) return;
      if ((await em.count(AlertSubscription, { emailKey: key })) >= MAX_SUBSCRIPTIONS_PER_ADDRESS) return;
      const confirmToken = newAlertToken();
      em.create(AlertSubscription, {
        email,
        emailKey: key,
        criteria: input.criteria,
        frequency: input.frequency,
        confirmTokenHash: hashAlertToken(confirmToken),
        confirmRequestedAt: now,
        manageToken: newAlertToken(),
        createdAt: now,
        updatedAt: now,
      });
      const names = await loadCriteriaNames(em, input.criteria);
      queueMail(em, confirmationMail({ to: email, criteria: input.criteria, frequency: input.frequency, names, links: this.links, confirmToken, expiresAt: new Date(now.getTime() + CONFIRMATION_DAYS * DAY_MS) }), now);
    });
  }

  /** True when the token is a pending subscription's, still valid (to show the confirmation button). */
  async isPendingConfirmation(token: unknown): Promise<boolean> {
    if (!isWellFormedToken(token)) return false;
    return (await this.pendingByToken(this.ctx.em, token)) !== null;
  }

  /** Confirms the subscription of the token: the alerts start, a mail gives the links to change or stop them. */
  async confirm(token: unknown): Promise<'confirmed' | 'invalid'> {
    if (!isWellFormedToken(token)) return 'invalid';
    const { now } = this.ctx;
    return this.ctx.em.transactional(async (em) => {
      const subscription = await this.pendingByToken(em, token);
      if (!subscription) return 'invalid';
      subscription.confirmedAt = now;
      subscription.confirmTokenHash = null;
      // Someone read a mail sent to this address: it works, whatever bounces it had before.
      const state = await em.findOne(MailAddress, { key: subscription.emailKey });
      if (state) {
        state.failedAt = null;
        state.hardBounces = 0;
      }
      const names = await loadCriteriaNames(em, subscription.criteria);
      queueMail(em, welcomeMail({ to: subscription.email, criteria: subscription.criteria, frequency: subscription.frequency, names, links: this.links, manageToken: subscription.manageToken }), now);
      return 'confirmed';
    });
  }

  async findByManageToken(token: unknown): Promise<AlertSubscription | null> {
    if (!isWellFormedToken(token)) return null;
    return this.ctx.em.findOne(AlertSubscription, { manageToken: token });
  }

  /** New criteria or frequency for the subscription of the token; false when there is none. */
  async update(token: unknown, change: { criteria: AlertCriteria; frequency: AlertFrequency }): Promise<boolean> {
    if (!isWellFormedToken(token)) return false;
    return this.ctx.em.transactional(async (em) => {
      const subscription = await em.findOne(AlertSubscription, { manageToken: token });
      if (!subscription) return false;
      subscription.criteria = change.criteria;
      subscription.frequency = change.frequency;
      subscription.updatedAt = this.ctx.now;
      return true;
    });
  }

  /** Deletes the subscription of the token and what it was told (one-click unsubscribe). Idempotent. */
  async unsubscribe(token: unknown): Promise<void> {
    if (!isWellFormedToken(token)) return;
    await this.ctx.em.transactional(async (em) => {
      const subscription = await em.findOne(AlertSubscription, { manageToken: token });
      if (!subscription) return;
      await em.nativeDelete(MailMessage, { groupKey: alertMailGroup(subscription.id), status: 'PENDING' });
      await em.nativeDelete(AlertSubscription, { id: subscription.id });
      if ((await em.count(AlertSubscription, { emailKey: subscription.emailKey })) === 0) await forgetMails(em, subscription.emailKey);
    });
  }

  /** Deletes everything held about the address of the token: every subscription and alert mail. */
  async forgetAddress(token: unknown): Promise<void> {
    if (!isWellFormedToken(token)) return;
    await this.ctx.em.transactional(async (em) => {
      const subscription = await em.findOne(AlertSubscription, { manageToken: token });
      if (!subscription) return;
      const ids = (await em.find(AlertSubscription, { emailKey: subscription.emailKey }, { fields: ['id'] })).map((one) => one.id);
      await em.nativeDelete(AlertSubscription, { id: { $in: ids } });
      await forgetMails(em, subscription.emailKey);
    });
  }

  /** Mails the address everything held about it (nothing when it was mailed within the window). */
  async requestDataHeld(email: string): Promise<void> {
    const { now } = this.ctx;
    await this.ctx.em.transactional(async (em) => {
      const to = normaliseAddress(email);
      const key = addressKey(to);
      if (!(await takeAddressMail(em, key, now))) return;
      const found = await em.find(AlertSubscription, { emailKey: key }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      const subscriptions = [];
      for (const one of found) subscriptions.push({ criteria: one.criteria, frequency: one.frequency, createdAt: one.createdAt, confirmedAt: one.confirmedAt, manageToken: one.manageToken, mailsSent: await em.count(MailMessage, { groupKey: alertMailGroup(one.id), status: 'SENT' }) });
      const names = await loadCriteriaNames(em, ...found.map((one) => one.criteria));
      queueMail(em, dataHeldMail({ to, subscriptions, names, links: this.links }), now);
    });
  }

  private async pendingByToken(em: EntityManager, token: string): Promise<AlertSubscription | null> {
    const notBefore = new Date(this.ctx.now.getTime() - CONFIRMATION_DAYS * DAY_MS);
    return em.findOne(AlertSubscription, { confirmTokenHash: hashAlertToken(token), confirmedAt: null, confirmRequestedAt: { $gt: notBefore } });
  }
}

/** Deletes the subscriptions never confirmed within CONFIRMATION_DAYS; returns how many. */
export async function purgeUnconfirmedSubscriptions(em: EntityManager, now: Date): Promise<number> {
  const before = new Date(now.getTime() - CONFIRMATION_DAYS * DAY_MS);
  const stale = { confirmedAt: null, confirmRequestedAt: { $lte: before } };
  // A DELETE takes the SQLite write lock even when it matches nothing: looked for first, as most passes find none.
  if (!(await em.findOne(AlertSubscription, stale, { fields: ['id'] }))) return 0;
  return em.nativeDelete(AlertSubscription, stale);
}

/** Deletes the address's alert mails (sent ones keep the recipient for counting until then). */
async function forgetMails(em: EntityManager, key: string): Promise<void> {
  await em.nativeDelete(MailMessage, { recipientKey: key, kind: { $like: 'alert.%' } });
}

/** The names of the communes, buyers and families the criteria name, for mails and pages. */
export async function loadCriteriaNames(em: EntityManager, ...criteria: AlertCriteria[]): Promise<CriteriaNames> {
  const buyers = [...new Set(criteria.flatMap((one) => one.buyers))];
  const families = [...new Set(criteria.flatMap((one) => one.families))];
  const communes = new Map(listVarCommunes().map((commune) => [commune.inseeCode, commune.name]));
  const organisations = buyers.length ? await em.find(Organisation, { slug: { $in: buyers } }, { fields: ['slug', 'name'] }) : [];
  const familyRows = families.length ? await em.find(PurchasingFamily, { slug: { $in: families } }, { fields: ['slug', 'name'] }) : [];
  return {
    communes,
    buyers: new Map(organisations.map((one) => [one.slug, one.name])),
    families: new Map(familyRows.map((one) => [one.slug, one.name])),
  };
}
