import { ChangeSetType, type EventSubscriber, type FlushEventArgs, type TransactionEventArgs } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/sqlite';
import { OutboxEvent } from './outbox-event.entity.js';

/**
 * Calls `onCommitted` right after a transaction that wrote outbox events commits, so the dispatcher sends them
 * at once instead of at its next poll. Only a shortcut: the poll still finds every event, and an event written
 * inside a nested transaction (a savepoint) simply waits for it.
 */
export function listenForOutboxCommits(orm: MikroORM, onCommitted: () => void): { detach(): void } {
  return listenForCommitsCreating(orm, OutboxEvent, onCommitted);
}

/** The same for any entity written as a queue (e.g. `MailMessage`): wakes its worker right after the commit. */
export function listenForCommitsCreating(orm: MikroORM, entityClass: abstract new (...args: never[]) => object, onCommitted: () => void): { detach(): void } {
  const withEvents = new WeakSet<object>();
  let attached = true;
  const notify = () => {
    if (attached) onCommitted();
  };
  const subscriber: EventSubscriber = {
    afterFlush({ em, uow }: FlushEventArgs) {
      const wroteEvents = uow.getChangeSets().some((changeSet) => changeSet.type === ChangeSetType.CREATE && changeSet.entity instanceof entityClass);
      if (!wroteEvents) return;
      const transaction = em.getTransactionContext<object>();
      // Outside an explicit transaction the flush has already committed its own.
      if (transaction) withEvents.add(transaction);
      else notify();
    },
    afterTransactionCommit({ transaction }: TransactionEventArgs) {
      if (transaction && withEvents.has(transaction)) {
        withEvents.delete(transaction);
        notify();
      }
    },
  };
  // The event manager is shared by every fork of orm.em, so this sees the requests' transactions too.
  orm.em.getEventManager().registerSubscriber(subscriber);
  return {
    detach() {
      // MikroORM has no way to unregister a subscriber; a detached one does nothing.
      attached = false;
    },
  };
}
