import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../auth/actor.js';
import type { Clock } from './clock.js';
import type { HubConfig } from './config.js';
import type { Loaders } from './loaders.js';

/** Everything a request's resolvers may use: one EntityManager fork, who is asking, and the clock. */
export interface Context {
  em: EntityManager;
  actor: Actor | null;
  clock: Clock;
  config: HubConfig;
  /** Client address, for login throttling. */
  address: string;
  loaders: Loaders;
  /** The instant the request started: every "open" decision in one response agrees. */
  now: Date;
}
