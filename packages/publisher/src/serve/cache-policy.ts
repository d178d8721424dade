/** Astro puts content-hashed assets here: a new content gets a new name, so they can be cached for good. */
const HASHED_ASSETS_PREFIX = '/_astro/';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages, feeds and everything else with a stable name change on every rebuild: caches must come back soon. */
export const SHORT = 'public, max-age=60, must-revalidate';

/** The Cache-Control header for a request path (already percent-decoded). */
export function cacheControlFor(pathname: string): string {
  return pathname.startsWith(HASHED_ASSETS_PREFIX) && !pathname.endsWith('/') ? IMMUTABLE : SHORT;
}
