import type { MikroORM } from '@mikro-orm/sqlite';
import { claimRowsLockMode, runAloneAcrossHubs } from '../db/across-hubs.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

export const FAN_OUT_BATCH = 200;

/** Oldest first; events of the same instant by when they were written, then by id so the order is total. */
export const EVENT_ORDER = [{ occurredAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] as const;

/**
 * Turns undispatched outbox events into one delivery per matching active endpoint, and marks them dispatched, in
 * one transaction: an event is fanned out exactly once, even if the hub stops half-way. Endpoints receive the events
 * that happen after they subscribe, not the history. Returns how many events it took (at most FAN_OUT_BATCH).
 *
 * Several hub processes: the transaction begins IMMEDIATE on SQLite (`db/sqlite-immediate-dialect.ts`), so it holds
 * the database's write lock before it reads the undispatched events, and a second hub's fan-out reads them only
 * once this one has committed them dispatched. On PostgreSQL the events are read `for update skip locked`: a second
 * hub's fan-out passes over the events this one holds and takes the next ones. The unique (event, endpoint)
 * constraint is the backstop.
 *
 * Each delivery takes the next number of its endpoint's sequence (`WebhookEndpoint.lastSequence`), in the order of
 * the events: a receiver that gets only some types still sees consecutive numbers, and a gap means a delivery lost.
 * So that two hubs on PostgreSQL do not number the same endpoint's deliveries at once (two deliveries with one
 * number, or numbers out of the events' order), their fan-outs take turns.
 *
 * It first looks without a transaction: a pass that finds nothing (most of them) then never takes the SQLite write
 * lock, for which every request of every hub on the file waits in line.
 */
export async function fanOutEvents(orm: MikroORM, now: Date): Promise<number> {
  if (!(await orm.em.fork().findOne(OutboxEvent, { dispatchedAt: null }, { fields: ['id'] }))) return 0;
  return orm.em.fork().transactional(async (em) => {
    await runAloneAcrossHubs(em, 'webhook-fan-out');
    const events = await em.find(OutboxEvent, { dispatchedAt: null }, { orderBy: [...EVENT_ORDER], limit: FAN_OUT_BATCH, ...claimRowsLockMode(em) });
    if (events.length === 0) return 0;
    const endpoints = await em.find(WebhookEndpoint, { active: true }, { orderBy: { createdAt: 'asc' } });
    for (const event of events) {
      for (const endpoint of endpoints) {
        if (!endpoint.receives(event.type)) continue;
        endpoint.lastSequence += 1;
        em.create(WebhookDelivery, { endpoint, event, eventType: event.type, sequence: endpoint.lastSequence, roundStartedAt: now, nextAttemptAt: now });
      }
      event.dispatchedAt = now;
    }
    return events.length;
  });
}
