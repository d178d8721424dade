import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row (id 1) counting the changes of the confirmed subscriptions: database triggers on `alert_subscription`
 * (written by the migration `alert_subscription_generation`, on both databases) add one, in the transaction of the
 * change, whenever a confirmed subscription is added, changed or deleted, whoever writes it. A hub keeps its index
 * of the subscriptions (`alert-subscription-index.ts`) while the count it was built at is the count in the database.
 */
@Entity({ tableName: 'alert_subscription_generation' })
export class AlertSubscriptionGeneration {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'integer' })
  generation!: number;
}
