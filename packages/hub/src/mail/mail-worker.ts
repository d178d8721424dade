import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { MailAddress } from './mail-address.entity.js';
import { MailMessage } from './mail-message.entity.js';
import { HARD_BOUNCES_BEFORE_FAILED, nextMailAttempt } from './mail-retry.js';
import { rendererFamily, type MailRenderers, type PayloadMail, type RenderedMail } from './mail-renderer.js';
import { createMailTransport, type MailTransport } from './mail-transport.js';
import { classifySendFailure } from './send-failure.js';
import { withoutAddresses } from './mail-address.js';
import { startQueueWorker } from '../db/queue-worker.js';

export interface MailWorkerLog {
  /** Where a demo mail was written; never an address. */
  info(message: string): void;
  warn(message: string): void;
}

export interface MailWorkerOptions {
  pollMs?: number;
  /** Defaults to the transport of SMTP_URL. */
  transport?: MailTransport;
  /** Who renders the mails stored as payloads, by kind family (the alerts': `alertMailRenderers`). */
  renderers?: MailRenderers;
}

export interface MailWorker {
  /** Looks for due mails now rather than at the next poll. */
  wake(): void;
  /** Resolves once a pass finds no mail due. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Mails read (and rendered) per pass. The alerts' renderer runs one statement per pass whatever its size (the notices'
 * stamps, those closing soon, the subscriptions' links): at 100,000 subscriptions, 50 a pass made that statement
 * most of the rendering left (BENCHMARKS.md, "Alerts"). A pass's mails are sent one after the other right after
 * their rendering, each claimed just before it is sent.
 */
export const MAIL_BATCH = 200;

/** How long a worker's claim on a mail lasts: far longer than a send (nodemailer's timeouts are 2 minutes at most). */
export const MAIL_CLAIM_MS = 10 * 60_000;

/**
 * Claims a due mail for this worker: moves its next attempt MAIL_CLAIM_MS later, if it is still the one this worker
 * read. One conditional UPDATE: SQLite runs it under the write lock; PostgreSQL locks the row, and a second worker's
 * UPDATE, once the first commits, finds the attempt moved and changes nothing. The worker that claimed it records the
 * outcome (sent, or the next attempt of the retry schedule) right after; if its hub dies first, the mail is due again
 * when the claim runs out (at least once).
 */
export async function claimMail(em: EntityManager, message: MailMessage, now: Date): Promise<boolean> {
  const seen = message.nextAttemptAt;
  if (!seen) return false;
  const claimed = await em.nativeUpdate(
    MailMessage,
    { id: message.id, status: 'PENDING', nextAttemptAt: seen },
    { nextAttemptAt: new Date(now.getTime() + MAIL_CLAIM_MS) },
  );
  return claimed === 1;
}

/**
 * Sends the mail outbox (`mail_message`): each due mail once, oldest first; on a failure that may pass, again on the
 * retry schedule (`mail-retry.ts`); on a hard bounce (5xx), never again, and after HARD_BOUNCES_BEFORE_FAILED of them
 * in a row the address is marked failed and its next mails are suppressed. Sent mails keep no body.
 *
 * At least once: a mail whose sending was not recorded (the hub stopped meanwhile) is sent again after a restart.
 * Several hub processes on one database share the queue: before sending, a worker claims the mail (`claimMail`),
 * and a mail claimed by another is passed over; the claim of a hub that died runs out after MAIL_CLAIM_MS.
 */
export function startMailWorker(orm: MikroORM, config: HubConfig, clock: Clock, log: MailWorkerLog, options: MailWorkerOptions = {}): MailWorker {
  const pollMs = options.pollMs ?? config.mail.pollMs;
  const transport = options.transport ?? createMailTransport(config.mail.transport);
  const renderers = options.renderers ?? {};
  const domain = config.mail.from.match(/@([^>\s]+)>?$/)?.[1] ?? 'localhost';
  /** The mail as stored, or as its renderer makes it now; null: not to send any more; undefined: not rendered. */
  type Content = RenderedMail | null | undefined;
  const sendOne = async (em: EntityManager, message: MailMessage, content: Content): Promise<void> => {
    const address = await em.findOne(MailAddress, { key: message.recipientKey });
    const now = clock.now();
    if (address?.failedAt || content === null) {
      message.status = 'SUPPRESSED';
      message.nextAttemptAt = null;
      if (content === null) message.lastError = 'Rien à envoyer : ce que le courriel devait dire n’existe plus.';
      emptyBodies(message);
      await em.flush();
      return;
    }
    message.attempts += 1;
    try {
      if (!content) throw new Error(`no renderer gave the ${message.kind} mail to send`);
      const result = await transport.send({
        id: message.id,
        kind: message.kind,
        from: config.mail.from,
        to: message.recipient,
        subject: content.subject,
        text: content.text,
        html: content.html,
        headers: content.headers,
        date: now,
        messageId: `<${message.id}@${domain}>`,
      });
      message.status = 'SENT';
      message.sentAt = clock.now();
      message.nextAttemptAt = null;
      message.lastError = null;
      emptyBodies(message);
      if (address) address.hardBounces = 0;
      if (result.file) log.info(`mail ${message.kind} written to ${result.file}`);
    } catch (error) {
      const failure = classifySendFailure(error);
      message.lastError = failure.reason;
      if (failure.kind === 'hard-bounce') {
        message.status = 'FAILED';
        message.nextAttemptAt = null;
        emptyBodies(message);
        const state = address ?? em.create(MailAddress, { key: message.recipientKey });
        state.hardBounces += 1;
        state.lastBounceAt = now;
        if (state.hardBounces >= HARD_BOUNCES_BEFORE_FAILED && !state.failedAt) {
          state.failedAt = now;
          log.warn(`mail ${message.id} (${message.kind}) refused for good; the address is marked failed after ${state.hardBounces} refusals`);
        } else {
          log.warn(`mail ${message.id} (${message.kind}) refused for good: ${failure.reason}`);
        }
      } else {
        const next = nextMailAttempt(message.attempts, now);
        message.nextAttemptAt = next;
        if (!next) {
          message.status = 'FAILED';
          emptyBodies(message);
          log.warn(`mail ${message.id} (${message.kind}) given up after ${message.attempts} attempts: ${failure.reason}`);
        } else {
          log.warn(`mail ${message.id} (${message.kind}) not sent, next attempt at ${next.toISOString()}: ${failure.reason}`);
        }
      }
    }
    await em.flush();
  };

  /** One pass over the due mails; true when it sent (or tried) something, so another may find more. */
  const pass = async (): Promise<boolean> => {
    const em = orm.em.fork();
    const due = await em.find(
      MailMessage,
      { status: 'PENDING', nextAttemptAt: { $lte: clock.now() } },
      { orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }], limit: MAIL_BATCH },
    );
    const rendered = await renderPayloads(em, due);
    for (const message of due) {
      if (loop.stopped) break;
      if (!(await claimMail(em, message, clock.now()))) continue;
      const stored = { subject: message.subject, text: message.text, html: message.html, headers: message.headers };
      await sendOne(em, message, message.payload ? rendered.get(message.id) : stored);
    }
    return due.length > 0;
  };

  /** The payload mails of a pass, each family's at once; a renderer that fails leaves its mails to the retries. */
  const renderPayloads = async (em: EntityManager, due: readonly MailMessage[]): Promise<Map<string, RenderedMail | null>> => {
    const byFamily = new Map<string, PayloadMail[]>();
    for (const message of due) {
      if (!message.payload) continue;
      const family = rendererFamily(message.kind);
      const list = byFamily.get(family) ?? [];
      list.push({ id: message.id, kind: message.kind, recipient: message.recipient, payload: message.payload });
      byFamily.set(family, list);
    }
    const rendered = new Map<string, RenderedMail | null>();
    for (const [family, mails] of byFamily) {
      const renderer = renderers[family];
      if (!renderer) continue;
      try {
        for (const [id, mail] of await renderer(em, mails, clock.now())) rendered.set(id, mail);
      } catch (error) {
        log.warn(`mail worker could not render ${mails.length} ${family} mail(s), retried later: ${withoutAddresses(String(error))}`);
      }
    }
    return rendered;
  };

  const loop = startQueueWorker(orm, 'mail', {
    pollMs,
    pass,
    onError: (error) => log.warn(`mail worker pass failed, retrying at the next poll: ${withoutAddresses(String(error))}`),
    onStopped: () => transport.close(),
    log: (message) => log.warn(message),
  });
  return loop;
}

function emptyBodies(message: MailMessage): void {
  message.text = '';
  message.html = null;
  message.headers = {};
  message.payload = null;
}
