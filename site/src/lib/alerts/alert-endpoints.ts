import { hubPublicUrl, type Env } from '../config.js';

/** Where the alert forms post: the hub as the public reaches it (see `hubPublicUrl`). */
export function alertEndpoints(env: Env = process.env) {
  const base = hubPublicUrl(env);
  return { subscribe: `${base}/alerts/subscribe`, dataHeld: `${base}/alerts/data` };
}
