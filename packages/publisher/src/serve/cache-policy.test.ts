import { describe, expect, it } from 'vitest';
import { cacheControlFor, IMMUTABLE, SHORT } from './cache-policy.js';

describe('cache policy', () => {
  it.each([
    ['/_astro/index.B1a2c3.css', IMMUTABLE],
    ['/_astro/client.D4e5f6.js', IMMUTABLE],
    ['/_astro/', SHORT],
    ['/', SHORT],
    ['/index.html', SHORT],
    ['/avis/2025-001/', SHORT],
    ['/flux.rss', SHORT],
    ['/agenda.ics', SHORT],
    ['/donnees/decp.json', SHORT],
    ['/pagefind/pagefind.js', SHORT],
    ['/favicon.svg', SHORT],
    ['/x/_astro/not-hashed.js', SHORT],
  ])('%s is served with "%s"', (pathname, expected) => {
    expect(cacheControlFor(pathname)).toBe(expected);
  });
});
