import type { APIRoute } from 'astro';

// Every page is public and meant to be found; the sitemap lists them (its address must be absolute).
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL('/sitemap.xml', site).toString()}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
