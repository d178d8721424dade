import type { MikroORM } from '@mikro-orm/sqlite';
import { listenForOutboxCommits } from '../events/outbox-commit-listener.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { recordAttempt } from './delivery-attempt.js';
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
  /** Jitter source, [0, 1). */
  random?: () => number;
  /**
   * The clock of `webhook-timestamp`, which receivers compare with their own real clock. The domain clock (`clock`)
   * decides when attempts are due; in production both are the system clock, in tests only this one is.
   */
  signingClock?: Clock;
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
 * PostgreSQL, when it comes: several dispatchers could share the work by selecting each endpoint's head delivery
 * `FOR UPDATE SKIP LOCKED` inside the transaction that records the attempt (or by leasing endpoints), keeping one
 * request in flight per endpoint. SQLite has a single writer and one hub process, so none of that is needed now.
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
  const stopping = new AbortController();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let queued = false;
  let chain: Promise<unknown> = Promise.resolve();

  /** Passes never overlap: the poll, a wake-up and drain() all queue here. */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  };

  const sendDue = async (endpointId: string): Promise<boolean> => {
    let sent = false;
    for (let count = 0; count < MAX_SENDS_PER_ENDPOINT_PER_PASS && !stopped; count++) {
      const em = orm.em.fork();
      const head = await em.findOne(
        WebhookDelivery,
        { endpoint: endpointId, status: 'PENDING' },
        {
          orderBy: [{ event: { occurredAt: 'asc' } }, { event: { createdAt: 'asc' } }, { event: { id: 'asc' } }],
          populate: ['event', 'endpoint'],
        },
      );
      const now = clock.now();
      if (!head || (head.nextAttemptAt && head.nextAttemptAt > now)) break;
      const endpoint = head.endpoint.getEntity();
      if (!endpoint.active) break;
      const event = head.event.getEntity();
      const body = JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.payload });
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
  };

  /** One pass; true when it did something, so another may find more. */
  const pass = async (): Promise<boolean> => {
    let worked = false;
    while (!stopped && (await fanOutEvents(orm, clock.now())) > 0) worked = true;
    if (stopped) return worked;
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

  const schedule = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(wake, pollMs);
    timer.unref();
  };

  function wake(): void {
    if (stopped || queued) return;
    queued = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    void exclusive(async () => {
      queued = false;
      try {
        while (!stopped && (await pass()));
      } catch (error) {
        log(`webhook dispatcher pass failed, retrying at the next poll: ${String(error)}`);
      }
    }).finally(schedule);
  }

  const listener = listenForOutboxCommits(orm, wake);
  wake();

  return {
    wake,
    async drain() {
      while (!stopped && (await exclusive(pass)));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      listener.detach();
      stopping.abort();
      await chain;
    },
  };
}
