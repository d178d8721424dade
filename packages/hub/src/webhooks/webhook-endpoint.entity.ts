import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';

/**
 * A receiver of the hub's events (the publisher, for one). The signing secret is kept in clear because the hub must
 * compute HMACs with it; it is shown once at creation or rotation and no API field ever returns it.
 */
@Entity({ tableName: 'webhook_endpoint' })
export class WebhookEndpoint extends BaseEntity {
  @Property({ type: 'string', length: 2000 })
  @Unique()
  url!: string;

  /** Event types this endpoint receives; empty means every type. */
  @Property({ type: 'json' })
  eventTypes: Opt<string[]> = [];

  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  @Property({ type: 'string', length: 500 })
  description: Opt<string> = '';

  /** Why the endpoint stopped receiving: a 410 Gone, or an admin. Cleared when reactivated. */
  @Property({ type: 'string', length: 500, nullable: true })
  disabledReason: string | null = null;

  @Property({ type: 'string', length: 200 })
  secret!: string;

  /**
   * After a rotation, deliveries are signed with both secrets for a while (Standard Webhooks allows several
   * signatures), so the receiver can switch to the new secret without missing anything.
   */
  @Property({ type: 'string', length: 200, nullable: true })
  previousSecret: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  previousSecretExpiresAt: Date | null = null;

  /**
   * The hub process sending this endpoint's deliveries, until when (see `endpoint-lease.ts`): one request in flight
   * per endpoint whatever the number of hubs, and a hub that dies mid-delivery gives the endpoint up when the lease
   * runs out. Never shown in the API.
   */
  @Property({ type: 'string', length: 200, nullable: true })
  dispatchLeaseOwner: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  dispatchLeaseExpiresAt: Date | null = null;

  /**
   * The sequence number of the last delivery made for this endpoint: each new delivery takes the next one, so a
   * receiver sees 1, 2, 3… over the events it receives, whatever types it filters, and a number skipped means a
   * delivery it missed (one that failed for good). Never shown in the API.
   */
  @Property({ type: 'integer', default: 0 })
  lastSequence: Opt<number> = 0;

  receives(eventType: string): boolean {
    return this.eventTypes.length === 0 || this.eventTypes.includes(eventType);
  }

  /** The secrets to sign with at `now`: the current one, and the previous one during its grace period. */
  signingSecrets(now: Date): string[] {
    const previous = this.previousSecret && this.previousSecretExpiresAt && this.previousSecretExpiresAt > now ? [this.previousSecret] : [];
    return [this.secret, ...previous];
  }
}
