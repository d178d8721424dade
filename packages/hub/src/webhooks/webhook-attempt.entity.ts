import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';

/** One HTTP request of a delivery and what came back, for admins finding out why a receiver misses events. */
@Entity({ tableName: 'webhook_attempt' })
export class WebhookAttempt extends BaseEntity {
  @ManyToOne(() => WebhookDelivery, { ref: true, deleteRule: 'cascade' })
  delivery!: Ref<WebhookDelivery>;

  @Property({ type: 'datetime' })
  at!: Date;

  /** The HTTP status, or null when no answer came (refused connection, timeout). */
  @Property({ type: 'integer', nullable: true })
  httpStatus: number | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  error: string | null = null;

  @Property({ type: 'integer' })
  durationMs!: number;

  /** The beginning of the answer's body. */
  @Property({ type: 'string', length: 500, nullable: true })
  responseExcerpt: string | null = null;
}
