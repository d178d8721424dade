import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { MikroORM } from '@mikro-orm/sqlite';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** Names one dispatcher among every hub process sharing the database (host, pid, and a random part for restarts). */
export function dispatcherIdentity(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** How long a claim on an endpoint lasts without renewal: a request's whole timeout, and as much again to spare. */
export function leaseDurationMs(timeoutMs: number): number {
  return 2 * timeoutMs + 1000;
}

/**
 * Claims the endpoint for `owner` until `until`, or renews the owner's claim. One statement, a conditional UPDATE,
 * so two hubs cannot both succeed: SQLite runs it under the database's write lock; PostgreSQL locks the row and
 * evaluates the condition again on the row as the other transaction left it. A claim whose lease ran out (its hub
 * died or froze) is taken over.
 */
export async function claimEndpoint(orm: MikroORM, endpointId: string, owner: string, now: Date, until: Date): Promise<boolean> {
  const claimed = await orm.em.fork().nativeUpdate(
    WebhookEndpoint,
    {
      id: endpointId,
      active: true,
      $or: [{ dispatchLeaseOwner: null }, { dispatchLeaseOwner: owner }, { dispatchLeaseExpiresAt: { $lte: now } }],
    },
    { dispatchLeaseOwner: owner, dispatchLeaseExpiresAt: until },
  );
  return claimed === 1;
}

/** Gives the endpoint back, if the owner still holds it, so another hub need not wait for the lease to run out. */
export async function releaseEndpoint(orm: MikroORM, endpointId: string, owner: string): Promise<void> {
  await orm.em.fork().nativeUpdate(WebhookEndpoint, { id: endpointId, dispatchLeaseOwner: owner }, { dispatchLeaseOwner: null, dispatchLeaseExpiresAt: null });
}
