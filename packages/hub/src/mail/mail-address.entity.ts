import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/**
 * The delivery state of one address, known only by its key (`addressKey`): how many mails in a row the receiving
 * server refused for good (SMTP 5xx), and since when it is considered failed. A failed address gets no more mail
 * until a mail to it is accepted again, or someone follows an alert confirmation link sent to it (`AlertSubscriptionService.confirm`).
 */
@Entity({ tableName: 'mail_address' })
export class MailAddress {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'integer' })
  hardBounces: Opt<number> = 0;

  @Property({ type: 'datetime', nullable: true })
  lastBounceAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  failedAt: Date | null = null;
}
