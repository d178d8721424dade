import type { MikroORM } from '@mikro-orm/sqlite';
import { onPostgreSql } from '../db/across-hubs.js';
import { startQueueWorker } from '../db/queue-worker.js';
import { notifyOtherHubs } from '../db/wake-ups.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { withoutAddresses } from '../mail/mail-address.js';
import { matchAlertEvents } from './alert-matcher.js';
import { purgeUnconfirmedSubscriptions } from './alert-subscription.service.js';

export interface AlertWorker {
  wake(): void;
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Turns notice events into alert mails (immediate ones at once, daily digests due at the next 07:00 Paris time) and
 * deletes the subscriptions never confirmed within 7 days. Woken by commits that write outbox events (another hub's
 * too, on PostgreSQL); polls otherwise (the purge depends on the time only). The mails themselves are rendered and
 * sent by the mail worker, given `alertMailRenderers`.
 */
export function startAlertWorker(
  orm: MikroORM,
  config: HubConfig,
  clock: Clock,
  log: (message: string) => void,
  options: { pollMs?: number; /** Called after a pass that took events, which may have queued mails (the mail worker's `wake`). */ onMatched?: () => void } = {},
): AlertWorker {
  return startQueueWorker(orm, 'outbox', {
    pollMs: options.pollMs ?? config.mail.pollMs,
    async pass() {
      const matched = await matchAlertEvents(orm, clock.now());
      // Its mails are written as rows, not entities: no commit hook wakes the mail workers, this hub's or others'.
      if (matched > 0) {
        options.onMatched?.();
        if (onPostgreSql(orm.em)) void notifyOtherHubs(orm, 'mail').catch(() => undefined);
      }
      await purgeUnconfirmedSubscriptions(orm.em.fork(), clock.now());
      return matched > 0;
    },
    onError: (error) => log(`alert worker pass failed, retrying at the next poll: ${withoutAddresses(String(error))}`),
    log,
  });
}
