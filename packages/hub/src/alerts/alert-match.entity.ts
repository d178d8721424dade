import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { AlertSubscription } from './alert-subscription.entity.js';

/** PLANNED: a planned purchase published in the forward plan (its reference in `noticeReference`, PREV-…). */
export const ALERT_REASONS = ['PUBLISHED', 'CORRECTED', 'CANCELLED', 'PLANNED'] as const;
export type AlertReason = (typeof ALERT_REASONS)[number];

/**
 * A notice (its publication, a correction, its cancellation) to tell one subscription about. Written with the
 * processing of the outbox event, once per subscription and event (unique), whatever restarts happen; `mailedAt` is
 * set in the transaction that queues the mail telling it (at once, or in the next daily digest). `createdAt` is when the
 * event happened (the digest of 07:00 tells what happened before), not when a pass of the alert worker got to it.
 */
@Entity({ tableName: 'alert_match' })
@Unique({ properties: ['subscription', 'eventId'] })
@Index({ properties: ['subscription', 'mailedAt'] })
@Index({ properties: ['noticeReference', 'reason'] })
export class AlertMatch extends BaseEntity {
  @ManyToOne(() => AlertSubscription, { ref: true, deleteRule: 'cascade' })
  subscription!: Ref<AlertSubscription>;

  @Property({ type: 'string', length: 36 })
  eventId!: string;

  @Property({ type: 'string', length: 40 })
  noticeReference!: string;

  @Enum({ items: () => ALERT_REASONS, type: 'string' })
  reason!: AlertReason;

  @Property({ type: 'datetime', nullable: true })
  mailedAt: Date | null = null;
}
