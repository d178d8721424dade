import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import type { AlertCriteria } from './alert-criteria.js';

export const ALERT_FREQUENCIES = ['IMMEDIATE', 'DAILY'] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];

/**
 * One saved search of a business, without an account: an address, criteria and how often to write. Pending until
 * the confirmation link is followed (double opt-in), deleted after 7 days if it never is. The address is personal
 * data: no GraphQL type, no log line, no export shows this table; deleting the subscription deletes its matches.
 */
@Entity({ tableName: 'alert_subscription' })
@Index({ properties: ['confirmedAt', 'frequency'] })
export class AlertSubscription extends BaseEntity {
  /** Normalised (`normaliseAddress`). */
  @Property({ type: 'string', length: 320 })
  email!: string;

  /** `addressKey(email)`: finds an address's subscriptions and mails by an equality on a hash. */
  @Property({ type: 'string', length: 64 })
  @Index()
  emailKey!: string;

  @Property({ type: 'json' })
  criteria!: AlertCriteria;

  @Enum({ items: () => ALERT_FREQUENCIES, type: 'string' })
  frequency!: AlertFrequency;

  /** Null while the confirmation link has not been followed: nothing but the confirmation is sent before. */
  @Property({ type: 'datetime', nullable: true })
  confirmedAt: Date | null = null;

  /** SHA-256 of the confirmation token (the token itself is only in the mail); null once confirmed. */
  @Property({ type: 'string', length: 64, nullable: true })
  @Unique()
  confirmTokenHash: string | null = null;

  /** When the confirmation was asked: pending subscriptions older than 7 days are deleted. */
  @Property({ type: 'datetime' })
  confirmRequestedAt!: Date;

  /**
   * The secret of the links in every mail (change the criteria, unsubscribe): 256 random bits. Kept as is because
   * each alert mail must carry it; it controls this subscription only, which the database holds anyway.
   */
  @Property({ type: 'string', length: 64 })
  @Unique()
  manageToken!: string;
}
