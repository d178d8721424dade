import { Entity, Index, Property } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';

/**
 * A domain event, written in the transaction of the change it reports (transactional outbox): a crash after the
 * commit loses no event, a rolled-back change emits none. Dispatchers read the rows not yet dispatched.
 */
@Entity({ tableName: 'outbox_event' })
@Index({ properties: ['dispatchedAt', 'occurredAt'] })
export class OutboxEvent extends BaseEntity {
  @Property({ type: 'string', length: 80 })
  type!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  /** Set once the event has been fanned out to the matching webhook endpoints. */
  @Property({ type: 'datetime', nullable: true })
  dispatchedAt: Date | null = null;
}
