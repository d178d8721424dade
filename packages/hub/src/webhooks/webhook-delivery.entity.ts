import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { BaseEntity } from '../shared/base.entity.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from './webhook-enums.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/**
 * One event for one endpoint. Its id is the `webhook-id` header, the same on every attempt, so the receiver can
 * drop a delivery it already acted on. A row, not a timer: after a restart the dispatcher finds it again.
 */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['event', 'endpoint'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class WebhookDelivery extends BaseEntity {
  @ManyToOne(() => WebhookEndpoint, { ref: true, deleteRule: 'cascade' })
  endpoint!: Ref<WebhookEndpoint>;

  @ManyToOne(() => OutboxEvent, { ref: true })
  event!: Ref<OutboxEvent>;

  /**
   * Its place among this endpoint's deliveries (`WebhookEndpoint.lastSequence`), sent as `sequence` in the body;
   * null for a delivery made before deliveries were numbered.
   */
  @Property({ type: 'integer', nullable: true })
  sequence: number | null = null;

  /** Copied from the event, so listings need no join. */
  @Property({ type: 'string', length: 80 })
  eventType!: string;

  @Enum({ items: () => DELIVERY_STATUSES, type: 'string' })
  status: Opt<DeliveryStatus> = 'PENDING';

  /** Every attempt ever made, over all rounds. */
  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  /** Attempts since the round began (creation, or an admin's redelivery): the retry schedule counts these. */
  @Property({ type: 'integer' })
  roundAttempts: Opt<number> = 0;

  @Property({ type: 'datetime' })
  roundStartedAt!: Date;

  /** When the next attempt is due while PENDING; null once SUCCEEDED or FAILED. */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;
}
