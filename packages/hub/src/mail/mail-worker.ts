import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import { listenForCommitsCreating } from '../events/outbox-commit-listener.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { MailAddress } from './mail-address.entity.js';
import { MailMessage } from './mail-message.entity.js';
import { HARD_BOUNCES_BEFORE_FAILED, nextMailAttempt } from './mail-retry.js';
import { createMailTransport, type MailTransport } from './mail-transport.js';
import { classifySendFailure } from './send-failure.js';
import { withoutAddresses } from './mail-address.js';
import { startPollingLoop } from '../shared/polling-loop.js';

export interface MailWorkerLog {
  /** Where a demo mail was written; never an address. */
  info(message: string): void;
  warn(message: string): void;
}

export interface MailWorkerOptions {
  pollMs?: number;
  /** Defaults to the transport of SMTP_URL. */
  transport?: MailTransport;
}

export interface MailWorker {
  /** Looks for due mails now rather than at the next poll. */
  wake(): void;
  /** Resolves once a pass finds no mail due. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const BATCH = 50;

/**
 * Sends the mail outbox (`mail_message`): each due mail once, oldest first; on a failure that may pass, again on the
 * retry schedule (`mail-retry.ts`); on a hard bounce (5xx), never again, and after HARD_BOUNCES_BEFORE_FAILED of them
 * in a row the address is marked failed and its next mails are suppressed. Sent mails keep no body.
 *
 * At least once: a mail whose sending was not recorded (the hub stopped meanwhile) is sent again after a restart.
 * PostgreSQL, when it comes: claim the due rows `FOR UPDATE SKIP LOCKED` so several workers share the queue; SQLite
 * has one writer and one hub process.
 */
export function startMailWorker(orm: MikroORM, config: HubConfig, clock: Clock, log: MailWorkerLog, options: MailWorkerOptions = {}): MailWorker {
  const pollMs = options.pollMs ?? config.mail.pollMs;
  const transport = options.transport ?? createMailTransport(config.mail.transport);
  const domain = config.mail.from.match(/@([^>\s]+)>?$/)?.[1] ?? 'localhost';
  const sendOne = async (em: EntityManager, message: MailMessage): Promise<void> => {
    const address = await em.findOne(MailAddress, { key: message.recipientKey });
    const now = clock.now();
    if (address?.failedAt) {
      message.status = 'SUPPRESSED';
      message.nextAttemptAt = null;
      emptyBodies(message);
      await em.flush();
      return;
    }
    message.attempts += 1;
    try {
      const result = await transport.send({
        id: message.id,
        kind: message.kind,
        from: config.mail.from,
        to: message.recipient,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
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
      { orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }], limit: BATCH },
    );
    for (const message of due) {
      if (loop.stopped) break;
      await sendOne(em, message);
    }
    return due.length > 0;
  };

  const loop = startPollingLoop({
    pollMs,
    pass,
    onError: (error) => log.warn(`mail worker pass failed, retrying at the next poll: ${withoutAddresses(String(error))}`),
    onStopped: () => transport.close(),
  });
  const listener = listenForCommitsCreating(orm, MailMessage, loop.wake);

  return {
    wake: loop.wake,
    drain: loop.drain,
    async stop() {
      const stopping = loop.stop();
      listener.detach();
      await stopping;
    },
  };
}

function emptyBodies(message: MailMessage): void {
  message.text = '';
  message.html = null;
  message.headers = {};
}
