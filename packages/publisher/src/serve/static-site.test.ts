import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPublisher, type TestPublisher, removeTemporaryDirs } from '../testing/harness.js';

afterAll(removeTemporaryDirs);

/**
 * Sends the path and headers exactly as written: fetch() would normalise away the "../" we want to smuggle in, and
 * adds `cache-control: no-cache` to conditional requests, which rightly disables 304s.
 */
function rawGet(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The bytes as sent, headers included: fetch() would decompress them on the way. */
function rawBytes(baseUrl: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('before the first successful build', () => {
  let site: TestPublisher;
  beforeAll(async () => {
    site = await startTestPublisher();
  });
  afterAll(() => site.close());

  it('pages answer 503 with a French explanation', async () => {
    const response = await fetch(`${site.url}/avis/`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.text()).toContain('Site en cours de publication');
  });

  it('health and status still answer', async () => {
    expect((await fetch(`${site.url}/healthz`)).status).toBe(200);
    const status = await (await fetch(`${site.url}/status`)).json();
    expect(status).toMatchObject({ online: false, updatedAt: null, building: false, lastBuild: null });
  });
});

describe('serving the current build', () => {
  let site: TestPublisher;
  beforeAll(async () => {
    site = await startTestPublisher();
    site.publisher.triggerBuild('test');
    await eventually(() => site.publisher.status().current, { what: 'the first build' });
  });
  afterAll(() => site.close());

  it.each([
    ['/', 'text/html; charset=utf-8', 'public, max-age=60, must-revalidate'],
    ['/avis/', 'text/html; charset=utf-8', 'public, max-age=60, must-revalidate'],
    ['/style.css', 'text/css; charset=utf-8', 'public, max-age=60, must-revalidate'],
    ['/_astro/index.3f9a2b.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/_astro/client.7c1d0e.js', 'application/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/flux.rss', 'application/rss+xml', 'public, max-age=60, must-revalidate'],
    ['/agenda.ics', 'text/calendar; charset=utf-8', 'public, max-age=60, must-revalidate'],
    ['/donnees/avis.csv', 'text/csv; charset=utf-8', 'public, max-age=60, must-revalidate'],
    ['/donnees/avis.json', 'application/json; charset=utf-8', 'public, max-age=60, must-revalidate'],
    ['/sitemap.xml', 'application/xml', 'public, max-age=60, must-revalidate'],
    ['/logo.svg', 'image/svg+xml', 'public, max-age=60, must-revalidate'],
    ['/fonts/marianne.woff2', 'font/woff2', 'public, max-age=60, must-revalidate'],
    ['/pagefind/pagefind.js', 'application/javascript; charset=utf-8', 'public, max-age=60, must-revalidate'],
    ['/pagefind/pagefind-entry.json', 'application/json; charset=utf-8', 'public, max-age=60, must-revalidate'],
    ['/pagefind/fragment/fr_1a2b3c.pf_fragment', 'application/octet-stream', 'public, max-age=60, must-revalidate'],
  ])('%s is served as %s with "%s"', async (path, contentType, cacheControl) => {
    const response = await fetch(`${site.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
    expect(response.headers.get('etag')).toBeTruthy();
    expect(response.headers.get('last-modified')).toBeTruthy();
  });

  it('a page revalidated with its ETag answers 304 without a body', async () => {
    // Each encoding of a page is its own representation, with its own ETag.
    const first = await fetch(`${site.url}/avis/`, { headers: { 'accept-encoding': 'br' } });
    const etag = first.headers.get('etag') ?? '';
    const again = await rawGet(site.url, '/avis/', { 'if-none-match': etag, 'accept-encoding': 'br' });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('a page revalidated with its Last-Modified date answers 304', async () => {
    const first = await fetch(`${site.url}/flux.rss`);
    const again = await rawGet(site.url, '/flux.rss', { 'if-modified-since': first.headers.get('last-modified') ?? '' });
    expect(again.status).toBe(304);
  });

  it('a directory without its trailing slash redirects to it, keeping the query', async () => {
    const response = await fetch(`${site.url}/avis?page=2`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/avis/?page=2');
  });

  it('a missing page answers 404 with the site’s own 404 page', async () => {
    const response = await fetch(`${site.url}/avis/inexistant/`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('Page introuvable');
  });

  it('a conditional request for a missing page still answers 404', async () => {
    const response = await rawGet(site.url, '/nulle-part', { 'if-none-match': '*' });
    expect(response.status).toBe(404);
  });

  it('HEAD answers the headers of GET without a body', async () => {
    const response = await fetch(`${site.url}/agenda.ics`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it.each([
    '/../../../../etc/passwd',
    '/avis/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/avis/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..%5c..%5c..%5cetc%5cpasswd',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/avis/%00/index.html',
  ])('refuses to leave the build directory: %s', async (path) => {
    const response = await rawGet(site.url, path);
    expect([400, 403, 404]).toContain(response.status);
    expect(response.body).not.toContain('root:');
  });

  it('does not serve the publisher’s own files next to the builds', async () => {
    const response = await rawGet(site.url, '/../../webhook-deliveries.json');
    expect([400, 403, 404]).toContain(response.status);
    expect(response.body).not.toContain('deliveries');
  });

  it('a malformed percent-encoding answers 400', async () => {
    const response = await rawGet(site.url, '/avis/%E0%A4%A');
    expect(response.status).toBe(400);
  });

  it('sends the pre-compressed page to clients that accept brotli or gzip, and the page itself to others', async () => {
    const plain = await rawBytes(site.url, '/avis/', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('<h1>Avis</h1>');
    const brotli = await rawBytes(site.url, '/avis/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(brotli.body)).toEqual(plain.body);
    const gzip = await rawBytes(site.url, '/avis/', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body)).toEqual(plain.body);
  });

  it('does not serve the build report, which is for the operator', async () => {
    expect((await rawGet(site.url, '/.build-report.json')).status).toBe(404);
  });

  it('serves pages, missing pages and missing files without an EventEmitter leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      for (const path of ['/avis/', '/favicon.svg', '/avis/2099-XXX-0001/', '/avis', '/nope.css']) {
        for (const encoding of ['br', 'gzip', 'identity']) {
          const response = await rawBytes(site.url, path, { 'accept-encoding': encoding });
          expect([200, 301, 404]).toContain(response.status);
        }
      }
      // A warning is emitted on the next tick of the request that caused it, long before its answer arrives.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((warning) => warning.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });
});
