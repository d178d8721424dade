import type { MikroORM } from '@mikro-orm/sqlite';
import type { Verdict } from './delivery-outcome.js';
import { nextRetry } from './retry-schedule.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import type { SendResult } from './webhook-sender.js';

export interface AttemptRecord {
  deliveryId: string;
  startedAt: Date;
  /** When the answer came, on the domain clock: retries are scheduled from here. */
  now: Date;
  sent: SendResult;
  verdict: Verdict;
  random: () => number;
}

export type AttemptConsequence = 'SUCCEEDED' | 'RETRY' | 'FAILED' | 'ENDPOINT_DISABLED' | 'GONE';

const MAX_ERROR_LENGTH = 500;

/**
 * Writes the attempt and its consequence in one transaction: the delivery's new state, and on 410 the disabled
 * endpoint with its other pending deliveries failed.
 */
export async function recordAttempt(orm: MikroORM, record: AttemptRecord): Promise<AttemptConsequence> {
  return orm.em.fork().transactional(async (em) => {
    const delivery = await em.findOne(WebhookDelivery, { id: record.deliveryId }, { populate: ['endpoint'] });
    // Deleted with its endpoint, or failed by a 410 to another delivery, while the request was on its way.
    if (!delivery || delivery.status !== 'PENDING') return 'GONE';
    const { result } = record.sent;
    em.create(WebhookAttempt, {
      delivery,
      at: record.startedAt,
      httpStatus: result.kind === 'response' ? result.status : null,
      error: result.kind === 'network-error' ? result.message.slice(0, MAX_ERROR_LENGTH) : null,
      durationMs: record.sent.durationMs,
      responseExcerpt: record.sent.responseExcerpt,
    });
    delivery.attempts += 1;
    delivery.roundAttempts += 1;
    const { verdict } = record;
    switch (verdict.action) {
      case 'succeed':
        delivery.status = 'SUCCEEDED';
        delivery.deliveredAt = record.now;
        delivery.nextAttemptAt = null;
        return 'SUCCEEDED';
      case 'retry': {
        const decision = nextRetry({
          failedAttempts: delivery.roundAttempts,
          roundStartedAt: delivery.roundStartedAt,
          now: record.now,
          retryAfterMs: verdict.retryAfterMs,
          random: record.random,
        });
        if (decision.retry) {
          delivery.nextAttemptAt = decision.at;
          delivery.lastError = verdict.reason.slice(0, MAX_ERROR_LENGTH);
          return 'RETRY';
        }
        delivery.status = 'FAILED';
        delivery.nextAttemptAt = null;
        delivery.lastError = `${verdict.reason}; ${decision.reason}`.slice(0, MAX_ERROR_LENGTH);
        return 'FAILED';
      }
      case 'disable-endpoint': {
        const endpoint = delivery.endpoint.getEntity();
        const reason = `Disabled at ${record.now.toISOString()}: ${verdict.reason}`;
        endpoint.active = false;
        endpoint.disabledReason = reason;
        delivery.status = 'FAILED';
        delivery.nextAttemptAt = null;
        delivery.lastError = reason;
        const waiting = await em.find(WebhookDelivery, { endpoint: endpoint.id, status: 'PENDING', id: { $ne: delivery.id } });
        for (const other of waiting) Object.assign(other, { status: 'FAILED', nextAttemptAt: null, lastError: reason });
        return 'ENDPOINT_DISABLED';
      }
    }
  });
}
