import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** An outbox event the alerts have taken into account (matches written), so it is never matched twice. */
@Entity({ tableName: 'alert_processed_event' })
export class AlertProcessedEvent {
  @PrimaryKey({ type: 'string', length: 36 })
  eventId!: string;

  @Property({ type: 'datetime' })
  processedAt!: Date;
}
