import { DEFAULT_HUB_URL } from '../hub/load.js';

/**
 * Where the alert forms post: the hub as the public reaches it. `HUB_PUBLIC_URL` when the public goes through
 * another address than the build (a reverse proxy), else the origin of `HUB_URL`.
 */
export function hubPublicUrl(env: Record<string, string | undefined> = process.env): string {
  const explicit = env.HUB_PUBLIC_URL?.trim();
  if (explicit) return explicit.replace(/\/+$/, '');
  return new URL(env.HUB_URL || DEFAULT_HUB_URL).origin;
}

export function alertEndpoints(env: Record<string, string | undefined> = process.env) {
  const base = hubPublicUrl(env);
  return { subscribe: `${base}/alerts/subscribe`, dataHeld: `${base}/alerts/data` };
}
