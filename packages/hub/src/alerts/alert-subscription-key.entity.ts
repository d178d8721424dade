import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { AlertSubscription } from './alert-subscription.entity.js';

/**
 * A key a confirmed subscription is filed under (`subscriptionKeys`), so the matcher reads only the subscriptions a
 * notice may match (`noticeKeys`). Written by the matcher for each confirmed subscription that has none (a new or
 * changed one), deleted with the subscription or when its criteria change.
 */
@Entity({ tableName: 'alert_subscription_key' })
@Index({ properties: ['key', 'subscription'] })
export class AlertSubscriptionKey {
  [PrimaryKeyProp]?: ['subscription', 'key'];

  @ManyToOne(() => AlertSubscription, { ref: true, primary: true, deleteRule: 'cascade' })
  subscription!: Ref<AlertSubscription>;

  @PrimaryKey({ type: 'string', length: 130 })
  key!: string;
}
