import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { MikroORM } from '@mikro-orm/sqlite';
import type { Clock } from '../shared/clock.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** Names one dispatcher among every hub process sharing the database (host, pid, and a random part for restarts). */
export function dispatcherIdentity(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** What a lease must still have left when a request starts, beyond the request's whole timeout. */
export const LEASE_SPARE_MS = 1000;

/** The shortest lease that lets a request start at all: its timeout, the spare, and a second for the claim itself. */
export function minimumLeaseMs(timeoutMs: number): number {
  return timeoutMs + 2 * LEASE_SPARE_MS;
}

/** How often a held lease is renewed: four times per lease, so three renewals in a row may be late or fail. */
export function heartbeatEveryMs(leaseMs: number): number {
  return Math.max(50, Math.floor(leaseMs / 4));
}

/**
 * Whether a request with this timeout may start now under a lease the database confirmed until `confirmedUntil`:
 * only if the lease outlasts the whole request and the spare, so that no other hub can take the endpoint over while
 * the request may still reach the receiver, even if no renewal gets through meanwhile.
 */
export function mayStartRequest(confirmedUntil: Date | null, now: Date, timeoutMs: number): boolean {
  return confirmedUntil !== null && confirmedUntil.getTime() - now.getTime() >= timeoutMs + LEASE_SPARE_MS;
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

export interface EndpointLease {
  /** Claims the endpoint, or renews the claim now; false when another hub holds it. */
  claim(): Promise<boolean>;
  /** Whether a request may start now: the lease, as last confirmed by the database, outlasts it (`mayStartRequest`). */
  mayStartRequest(): boolean;
  /** Stops the renewals and gives the endpoint back. */
  release(): Promise<void>;
}

export interface LeaseSettings {
  owner: string;
  leaseMs: number;
  timeoutMs: number;
  clock: Clock;
  log: (message: string) => void;
}

/**
 * A dispatcher's hold on one endpoint while it sends and records its deliveries. Once claimed, the lease is renewed
 * every quarter of its length until released, so it lasts as long as the hub works on the endpoint, however long a
 * recording waits for a connection or for SQLite's write lock, and runs out `leaseMs` after the hub dies or freezes.
 * A request starts only under a lease confirmed to outlast it. The expiry written is computed before the statement
 * runs, so a claim that waited is trusted for less, never for more.
 */
export function holdEndpoint(orm: MikroORM, endpointId: string, settings: LeaseSettings): EndpointLease {
  const { owner, leaseMs, timeoutMs, clock, log } = settings;
  let confirmedUntil: Date | null = null;
  let heartbeat: NodeJS.Timeout | undefined;
  let renewing: Promise<boolean> | null = null;
  let released = false;

  const renew = (): Promise<boolean> => {
    if (renewing) return renewing;
    const now = clock.now();
    const until = new Date(now.getTime() + leaseMs);
    renewing = claimEndpoint(orm, endpointId, owner, now, until)
      .then((claimed) => {
        if (claimed) confirmedUntil = until;
        else if (confirmedUntil) {
          confirmedUntil = null;
          log(`webhook endpoint ${endpointId}: lease lost to another hub`);
        }
        return claimed;
      })
      .finally(() => {
        renewing = null;
      });
    return renewing;
  };

  return {
    async claim() {
      const claimed = await renew();
      if (claimed && !heartbeat && !released) {
        heartbeat = setInterval(() => {
          void renew().catch((error: unknown) => log(`webhook endpoint ${endpointId}: lease not renewed (${String(error)}), again in ${heartbeatEveryMs(leaseMs)} ms`));
        }, heartbeatEveryMs(leaseMs));
        heartbeat.unref();
      }
      return claimed;
    },
    mayStartRequest: () => mayStartRequest(confirmedUntil, clock.now(), timeoutMs),
    async release() {
      released = true;
      if (heartbeat) clearInterval(heartbeat);
      await renewing?.catch(() => undefined);
      confirmedUntil = null;
      await releaseEndpoint(orm, endpointId, owner);
    },
  };
}
