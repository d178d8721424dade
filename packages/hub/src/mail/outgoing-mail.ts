import type { EntityManager } from '@mikro-orm/sqlite';
import { addressKey, normaliseAddress } from './mail-address.js';
import { MailMessage } from './mail-message.entity.js';

/** A mail a feature wants sent. Bodies in French; `text` always, `html` when there is a richer version. */
export interface MailToSend {
  /** What it is, `<feature>.<what>` (e.g. `alert.confirmation`): names the .eml file, shows in logs and counts. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. `List-Unsubscribe`. From, To, Subject, Date and Message-ID are set by the worker. */
  headers?: Record<string, string>;
}

/**
 * Queues a mail in the caller's unit of work: it is committed with the change that caused it, or not at all, and
 * the mail worker sends it once the transaction commits (retrying as needed). Never send a mail directly from a
 * request: a failed relay would fail the request, and a rolled-back change would already have been announced.
 */
export function queueMail(em: EntityManager, mail: MailToSend, now: Date): MailMessage {
  const message = em.create(MailMessage, {
    kind: mail.kind,
    recipient: normaliseAddress(mail.to),
    recipientKey: addressKey(mail.to),
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    headers: mail.headers ?? {},
    nextAttemptAt: now,
    // The domain clock, so windows counted on it (e.g. one confirmation mail per address per quarter hour) hold in tests.
    createdAt: now,
    updatedAt: now,
  });
  em.persist(message);
  return message;
}
