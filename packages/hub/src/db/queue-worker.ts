import type { MikroORM } from '@mikro-orm/sqlite';
import { listenForCommitsCreating } from '../events/outbox-commit-listener.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { MailMessage } from '../mail/mail-message.entity.js';
import { startPollingLoop, type PollingLoopOptions } from '../shared/polling-loop.js';
import { wakeAcrossHubs, type WakeUpQueue } from './wake-ups.js';

/** What a commit writes to put work on each queue. */
const QUEUE_ENTITIES: Record<WakeUpQueue, abstract new (...args: never[]) => object> = { outbox: OutboxEvent, mail: MailMessage };

export interface QueueWorker {
  /** Runs a pass now rather than at the next poll. */
  wake(): void;
  /** Resolves once a pass finds nothing to do. */
  drain(): Promise<void>;
  /** Stops polling and waking, and waits for the pass under way to end. */
  stop(): Promise<void>;
  /** True once `stop()` was called: a long pass looks at it to end early. */
  readonly stopped: boolean;
}

export interface QueueWorkerOptions extends PollingLoopOptions {
  /** Where a lost connection of the cross-hub listener is reported. */
  log(message: string): void;
  /** Called as the worker stops, before waiting for its pass (e.g. to abort a request on its way). */
  onStopping?(): void;
}

/**
 * A background worker over a queue in the database (the webhook dispatcher and the alert matcher on the outbox, the
 * mail worker on the mails): its polling loop, woken at once by this hub's commits that write to the queue and, on
 * PostgreSQL, by another hub's (or the CLI's) instead of waiting for the next poll.
 */
export function startQueueWorker(orm: MikroORM, queue: WakeUpQueue, options: QueueWorkerOptions): QueueWorker {
  const loop = startPollingLoop(options);
  const listener = listenForCommitsCreating(orm, QUEUE_ENTITIES[queue], loop.wake);
  const otherHubs = wakeAcrossHubs(orm, queue, loop.wake, options.log);
  return {
    wake: loop.wake,
    drain: loop.drain,
    async stop() {
      const stopping = loop.stop();
      listener.detach();
      options.onStopping?.();
      await Promise.all([stopping, otherHubs.close()]);
    },
    get stopped() {
      return loop.stopped;
    },
  };
}
