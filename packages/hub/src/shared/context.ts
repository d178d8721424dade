import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import type { HubConfig } from './config.js';

/**
 * Everything a request's resolvers may use: one EntityManager fork, who is asking, and the clock. Each feature's
 * batches and caches hang off it through `perRequest` (`shared/per-request.ts`), declared in the feature's folder.
 */
export interface Context {
  em: EntityManager;
  actor: Actor | null;
  clock: Clock;
  config: HubConfig;
  /** Client address, for login throttling. */
  address: string;
  /** The instant the request started: every "open" decision in one response agrees. */
  now: Date;
}
