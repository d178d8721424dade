import { Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';

export const MAIL_STATUSES = ['PENDING', 'SENT', 'FAILED', 'SUPPRESSED'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * One mail to send: the mail outbox. A feature writes it in the transaction of the change it reports (see
 * `queueMail`), so a rolled-back change sends nothing and a crash after the commit loses nothing; the mail worker
 * sends it afterwards, with retries. The recipient is personal data: no GraphQL type, no log line, no export ever
 * shows this table; once sent, the bodies are emptied (only what the worker needs to count is kept).
 */
@Entity({ tableName: 'mail_message' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['recipientKey'] })
@Index({ properties: ['groupKey'] })
export class MailMessage extends BaseEntity {
  /** What the mail is, e.g. `alert.confirmation`: in file names, logs and counts, instead of the address. */
  @Property({ type: 'string', length: 60 })
  kind!: string;

  @Property({ type: 'string', length: 320 })
  recipient!: string;

  /** `addressKey(recipient)`: joins with the address's delivery state and finds a person's mails without the address. */
  @Property({ type: 'string', length: 64 })
  recipientKey!: string;

  @Property({ type: 'string', length: 300 })
  subject!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text', nullable: true })
  html: string | null = null;

  /**
   * What a renderer of the mail worker (`MailRenderers`, by kind) turns into the subject, bodies and headers at
   * sending time, for the mails a feature queues by the ten thousand (the alerts): they store what to tell, not the
   * same text ten thousand times. Null for a mail stored rendered; emptied once it is not pending any more.
   */
  @Property({ type: 'json', nullable: true })
  payload: Opt<Record<string, unknown>> | null = null;

  /** What the mail belongs to, for its feature (e.g. `alert:<subscription id>`), to find or merge its pending mails. */
  @Property({ type: 'string', length: 80, nullable: true })
  groupKey: string | null = null;

  /** Extra headers, e.g. List-Unsubscribe. */
  @Property({ type: 'json' })
  headers: Opt<Record<string, string>> = {};

  @Enum({ items: () => MAIL_STATUSES, type: 'string' })
  status: Opt<MailStatus> = 'PENDING';

  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  /** When the next attempt is due while PENDING; null once it is not any more. */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  /** The last failure, with any address in it replaced (SMTP replies often quote the recipient). */
  @Property({ type: 'string', length: 500, nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;
}
