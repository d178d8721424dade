/**
 * The site's configuration read from the environment, in one place: every module that needs the hub's address
 * asks here, so they agree on the variable, its default and what an empty value means (the default).
 * `scripts/build.mjs` sets HUB_URL for the build it starts, with the same default.
 */
export type Env = Record<string, string | undefined>;

/** The hub's GraphQL endpoint when HUB_URL is not set: a hub on this machine (`pnpm start`). */
export const DEFAULT_HUB_URL = 'http://127.0.0.1:4000/graphql';

function variable(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** HUB_URL: the hub's GraphQL endpoint the build reads. */
export function hubUrl(env: Env = process.env): string {
  return variable(env, 'HUB_URL') ?? DEFAULT_HUB_URL;
}

/**
 * Where the public reaches the hub (the alert forms post there): HUB_PUBLIC_URL when the public goes through
 * another address than the build (a reverse proxy), else the origin of HUB_URL. No trailing slash.
 */
export function hubPublicUrl(env: Env = process.env): string {
  const explicit = variable(env, 'HUB_PUBLIC_URL');
  if (explicit) return explicit.replace(/\/+$/, '');
  return new URL(hubUrl(env)).origin;
}
