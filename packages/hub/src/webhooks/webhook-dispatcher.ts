import type { MikroORM } from '@mikro-orm/sqlite';
import { startQueueWorker } from '../db/queue-worker.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { recordAttempt } from './delivery-attempt.js';
import { dispatcherIdentity, holdEndpoint, minimumLeaseMs } from './endpoint-lease.js';
import { judgeAttempt } from './delivery-outcome.js';
import { fanOutEvents } from './outbox-fan-out.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { sendWebhook } from './webhook-sender.js';

export interface DispatcherOptions {
  /** How often the outbox and the due deliveries are looked at (default WEBHOOK_POLL_MS). */
  pollMs?: number;
  /** How long a receiver has to answer (default WEBHOOK_TIMEOUT_MS). */
  timeoutMs?: number;
  /** How long an endpoint stays claimed by a hub that stopped renewing (default WEBHOOK_LEASE_MS). */
  leaseMs?: number;
  /** Jitter source, [0, 1). */
  random?: () => number;
  /**
   * The clock of `webhook-timestamp`, which receivers compare with their own real clock. The domain clock (`clock`)
   * decides when attempts are due; in production both are the system clock, in tests only this one is.
   */
  signingClock?: Clock;
  /** The clock of the endpoint leases, shared by every hub process: the system clock unless a test says otherwise. */
  leaseClock?: Clock;
  /** This dispatcher's name in the leases (default: host, pid and a random part). */
  identity?: string;
}

export interface WebhookDispatcher {
  /** Looks at the outbox now rather than at the next poll. */
  wake(): void;
  /** Resolves once a pass finds nothing left to fan out and nothing due to send. */
  drain(): Promise<void>;
  /** Stops polling, aborts a request on its way (it is sent again after a restart), and waits for the pass to end. */
  stop(): Promise<void>;
}

/** Deliveries sent to one endpoint in one pass before the outbox is looked at again. */
const MAX_SENDS_PER_ENDPOINT_PER_PASS = 100;

/**
 * Delivers the outbox to the webhook endpoints. Each pass fans new events out into delivery rows, then, for each
 * active endpoint, sends its oldest pending delivery if it is due, and the next ones while they succeed.
 *
 * Order per endpoint: a delivery waits behind the older pending deliveries of its endpoint, so a receiver sees
 * events in the order they happened, and a receiver that is down gets one delivery at a time (the oldest, on its
 * retry schedule) rather than a flood; once it succeeds the queue behind it follows at once. A delivery that
 * failed for good lets the next one go (see GIVE_UP_AFTER_MS for why the queue then drains quickly).
 *
 * At least once: a request whose answer was not recorded (the hub stopped meanwhile) is sent again after the
 * restart with the same `webhook-id`, which receivers use to drop duplicates.
 *
 * Several hub processes on one database: each event is fanned out once (the fan-out transaction takes the
 * database's write lock before it reads, see `outbox-fan-out.ts`), and an endpoint is sent to by one dispatcher at
 * a time, the holder of its lease (`endpoint-lease.ts`), renewed by a heartbeat while the hub sends and records, and
 * trusted for a request only when it outlasts the request. So a delivery is not sent by two hubs at once, the order per endpoint holds across hubs, and when a hub dies mid-delivery another takes the
 * endpoint over once the lease has run out and sends the unrecorded delivery again, with the same `webhook-id`.
 */
export function startWebhookDispatcher(
  orm: MikroORM,
  config: HubConfig,
  clock: Clock,
  log: (message: string) => void,
  options: DispatcherOptions = {},
): WebhookDispatcher {
  const pollMs = options.pollMs ?? config.webhooks.pollMs;
  const timeoutMs = options.timeoutMs ?? config.webhooks.timeoutMs;
  const random = options.random ?? Math.random;
  const signingClock = options.signingClock ?? systemClock;
  const leaseClock = options.leaseClock ?? systemClock;
  const identity = options.identity ?? dispatcherIdentity();
  const leaseMs = options.leaseMs ?? config.webhooks.leaseMs;
  if (leaseMs < minimumLeaseMs(timeoutMs)) throw new Error(`a lease of ${leaseMs} ms leaves no time for a request of ${timeoutMs} ms (at least ${minimumLeaseMs(timeoutMs)} ms)`);
  const stopping = new AbortController();
  const dueHead = async (endpointId: string) => {
    const head = await orm.em.fork().findOne(
      WebhookDelivery,
      { endpoint: endpointId, status: 'PENDING' },
      {
        orderBy: [{ event: { occurredAt: 'asc' } }, { event: { createdAt: 'asc' } }, { event: { id: 'asc' } }],
        populate: ['event', 'endpoint'],
      },
    );
    if (!head || (head.nextAttemptAt && head.nextAttemptAt > clock.now())) return null;
    return head.endpoint.getEntity().active ? head : null;
  };

  const sendDue = async (endpointId: string): Promise<boolean> => {
    // Looking costs a read; claiming costs a write, so only an endpoint with something due is claimed.
    if (!(await dueHead(endpointId))) return false;
    const lease = holdEndpoint(orm, endpointId, { owner: identity, leaseMs, timeoutMs, clock: leaseClock, log });
    if (!(await lease.claim())) return false;
    let sent = false;
    try {
      for (let count = 0; count < MAX_SENDS_PER_ENDPOINT_PER_PASS && !loop.stopped; count++) {
        // A request starts only under a lease that outlasts it; the claim renews it if the heartbeat fell behind.
        if (!lease.mayStartRequest() && !((await lease.claim()) && lease.mayStartRequest())) break;
        // Read under the claim: another hub may have sent the head between the look and the claim.
        const head = await dueHead(endpointId);
        if (!head) break;
        const now = clock.now();
        const endpoint = head.endpoint.getEntity();
        const event = head.event.getEntity();
        // `sequence`: this endpoint's number for the delivery (outbox-fan-out.ts); a receiver seeing one skipped knows it missed one.
        const body = JSON.stringify({
          type: event.type,
          timestamp: event.occurredAt.toISOString(),
          ...(head.sequence !== null ? { sequence: head.sequence } : {}),
          data: event.payload,
        });
        let result;
        try {
          result = await sendWebhook({
            url: endpoint.url,
            webhookId: head.id,
            body,
            secrets: endpoint.signingSecrets(now),
            sentAt: signingClock.now(),
            timeoutMs,
            signal: stopping.signal,
          });
        } catch (error) {
          if (stopping.signal.aborted) return sent;
          throw error;
        }
        sent = true;
        const verdict = judgeAttempt(result.result, signingClock.now());
        const consequence = await recordAttempt(orm, { deliveryId: head.id, startedAt: now, now: clock.now(), sent: result, verdict, random });
        if (consequence === 'FAILED') log(`webhook delivery ${head.id} (${event.type}) to ${endpoint.url} failed for good: ${verdict.action === 'retry' ? verdict.reason : ''}`);
        if (consequence === 'ENDPOINT_DISABLED') log(`webhook endpoint ${endpoint.url} disabled: the receiver answered 410 Gone`);
        if (consequence !== 'SUCCEEDED') break;
      }
      return sent;
    } finally {
      // Given back at once rather than when the lease runs out, so another hub can go on (after a stop too: the
      // aborted request was not recorded and is sent again, by whichever hub claims the endpoint next).
      await lease.release().catch((error: unknown) => log(`could not release webhook endpoint ${endpointId}: ${String(error)}`));
    }
  };

  /** One pass; true when it did something, so another may find more. */
  const pass = async (): Promise<boolean> => {
    let worked = false;
    while (!loop.stopped && (await fanOutEvents(orm, clock.now())) > 0) worked = true;
    if (loop.stopped) return worked;
    const endpoints = await orm.em.fork().find(WebhookEndpoint, { active: true }, { fields: ['id', 'url'] });
    const results = await Promise.all(
      endpoints.map((endpoint) =>
        sendDue(endpoint.id).catch((error: unknown) => {
          log(`webhook dispatch to ${endpoint.url} failed, retrying at the next poll: ${String(error)}`);
          return false;
        }),
      ),
    );
    return worked || results.some(Boolean);
  };

  const loop = startQueueWorker(orm, 'outbox', {
    pollMs,
    pass,
    onError: (error) => log(`webhook dispatcher pass failed, retrying at the next poll: ${String(error)}`),
    log,
    // A request on its way is aborted (it is sent again after a restart).
    onStopping: () => stopping.abort(),
  });
  return loop;
}
