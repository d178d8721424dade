import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * PLANNED: a planned purchase published in the forward plan (its reference in `reference`, PREV-…); PLAN_UPDATED,
 * PLAN_WITHDRAWN: one that was announced changed, or was withdrawn (`alert-changes.ts`).
 */
export const ALERT_REASONS = ['PUBLISHED', 'CORRECTED', 'CANCELLED', 'PLANNED', 'PLAN_UPDATED', 'PLAN_WITHDRAWN'] as const;
export type AlertReason = (typeof ALERT_REASONS)[number];

/**
 * Which subscriptions an outbox event (a notice published, corrected or cancelled, a planned purchase announced, changed or withdrawn)
 * was told to: one row per event, the subscriptions' ids in it, written by the matcher with the mails it queues.
 * A correction is announced to the subscriptions in its notice's PUBLISHED rows, a planned purchase's change or
 * withdrawal to those in its PLANNED rows; a mail's "closing soon" section
 * lists the notices whose PUBLISHED rows hold its subscription. One row per event rather than one per subscription
 * and event: a notice told to 5,000 subscriptions writes one row, not 5,000. The ids are random and name nobody:
 * a deleted subscription's id left in a list designates nothing any more.
 */
@Entity({ tableName: 'alert_announcement' })
@Index({ properties: ['reference', 'reason'] })
export class AlertAnnouncement {
  @PrimaryKey({ type: 'string', length: 36 })
  eventId!: string;

  /** The notice's or the planned purchase's reference. */
  @Property({ type: 'string', length: 40 })
  reference!: string;

  @Enum({ items: () => ALERT_REASONS, type: 'string' })
  reason!: AlertReason;

  /** When the event happened. */
  @Property({ type: 'datetime' })
  occurredAt!: Date;

  /** The ids of the subscriptions told, separated by commas. */
  @Property({ type: 'text' })
  subscriptionIds!: string;
}

/** The ids an announcement holds. Pure. */
export function announcedIds(subscriptionIds: string): string[] {
  return subscriptionIds === '' ? [] : subscriptionIds.split(',');
}
