import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import { subscriptionKeys } from './alert-keys.js';
import { confirmedSubscriptions, subscriptionsGeneration, type CandidateRow } from './alert-rows.js';

/**
 * The confirmed subscriptions filed by the keys of their criteria (`alert-keys.ts`), kept in the hub process from
 * one matching pass to the next: a pass then reads one number from the database instead of the subscriptions its
 * notices may match. The index was a table (`alert_subscription_key`) read again by every pass (116,000 rows for
 * 100 notices at 100,000 subscriptions) and written for each new subscription.
 * It is built again, whole, when the count of changes of the confirmed subscriptions (`alert_subscription_generation`,
 * kept by database triggers whoever writes the table, this hub or another one) is no longer the one it was built at.
 */
export class SubscriptionIndex {
  /**
   * The subscriptions, each at its slot, in the order of their ids: slots sorted as numbers are then ids sorted as
   * strings, the order a pass stores whom it told (`insertAnnouncements`) and queues the mails in
   * (`insertAlertMails`), which sorting half a million ids as strings cost a pass.
   */
  readonly subscriptions: readonly CandidateRow[];
  /**
   * When each was confirmed (epoch milliseconds), by slot: a pass compares it with each event for every subscription
   * its notices meet (about a million at 100,000 subscriptions), a comparison of two `Date`s costing far more.
   */
  readonly confirmedAtMs: Float64Array;
  private readonly slotsByKey = new Map<string, Int32Array>();
  private readonly slotsById = new Map<string, number>();

  constructor(
    readonly generation: number,
    subscriptions: readonly CandidateRow[],
  ) {
    this.subscriptions = [...subscriptions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.confirmedAtMs = Float64Array.from(this.subscriptions, (subscription) => subscription.confirmedAt.getTime());
    const byKey = new Map<string, number[]>();
    for (const [slot, subscription] of this.subscriptions.entries()) {
      this.slotsById.set(subscription.id, slot);
      for (const key of subscriptionKeys(subscription.criteria)) {
        const slots = byKey.get(key);
        if (slots) slots.push(slot);
        else byKey.set(key, [slot]);
      }
    }
    for (const [key, slots] of byKey) this.slotsByKey.set(key, Int32Array.from(slots));
  }

  /** The slots of the subscriptions filed under the key (none: undefined). */
  filedUnder(key: string): Int32Array | undefined {
    return this.slotsByKey.get(key);
  }

  /** These subscriptions, those still confirmed. */
  withIds(ids: Iterable<string>): CandidateRow[] {
    return this.slotsOf(ids).map((slot) => this.subscriptions[slot]!);
  }

  /** The slots of these subscriptions, those still confirmed. */
  slotsOf(ids: Iterable<string>): number[] {
    const found: number[] = [];
    for (const id of ids) {
      const slot = this.slotsById.get(id);
      if (slot !== undefined) found.push(slot);
    }
    return found;
  }
}

/** Each hub process's index, by its ORM (a process may open several databases: the tests do). */
const kept = new WeakMap<MikroORM, SubscriptionIndex>();

/**
 * The index of the confirmed subscriptions as the caller's transaction sees them: the one kept, if no confirmed
 * subscription changed since it was built, else a new one (kept in turn). Read in the pass's transaction, after the
 * pass took its turn among the hubs: on PostgreSQL a change committed after the count was read may be in the rows
 * read, then the next pass reads a greater count and builds again; one not committed is in neither.
 */
export async function subscriptionIndex(orm: MikroORM, em: EntityManager): Promise<SubscriptionIndex> {
  const generation = await subscriptionsGeneration(em);
  const current = kept.get(orm);
  if (current && current.generation === generation) return current;
  const index = new SubscriptionIndex(generation, await confirmedSubscriptions(em));
  kept.set(orm, index);
  return index;
}
