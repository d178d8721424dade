import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';

/** Where the page is shown: the API's own URL, so a browser pointed at the API finds its playground. */
export const GRAPHQL_PATH = '/graphql';
/** Where the built bundles are served; scripts/build-graphiql.mjs writes this prefix into index.html. */
export const GRAPHIQL_ASSETS_PREFIX = '/graphiql/';

export interface GraphiqlOptions {
  /** The output of scripts/build-graphiql.mjs (see resolveGraphiqlAssetsDir). */
  assetsDir: string;
}

// Every bundle name carries esbuild's content hash (e.g. main-2OR75S65.js), so it can be cached for good.
const HASHED_FILE = /-[A-Z0-9]{8}\./;
const ONE_YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

// The playground only ever talks to this origin; the policy makes any stray CDN reference fail loudly.
// Monaco sets inline style attributes, hence 'unsafe-inline' for styles only; fonts and icons are data: URLs.
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Finds dist/graphiql from this module, whether it runs from src/server (tests, tsx) or dist/server (built):
 * both sit two levels below the package root.
 */
export function resolveGraphiqlAssetsDir(): string {
  const assetsDir = fileURLToPath(new URL('../../dist/graphiql/', import.meta.url));
  assertBuilt(assetsDir);
  return assetsDir;
}

function assertBuilt(assetsDir: string): void {
  if (!existsSync(join(assetsDir, 'index.html'))) {
    throw new Error(
      `GraphiQL has not been built: ${join(assetsDir, 'index.html')} is missing. ` +
        'Run `pnpm --filter @territoire-achats/hub build` (or `node packages/hub/scripts/build-graphiql.mjs`).',
    );
  }
}

/**
 * Serves the GraphiQL playground: a browser's `GET /graphql` (no `query` parameter, HTML preferred) gets the page,
 * and the bundles are served under /graphiql/. Every other request to /graphql is left to Apollo's handler, so
 * this can be called before or after that route is added, on the same Fastify instance (or a parent of it).
 */
export function registerGraphiql(app: FastifyInstance, opts: GraphiqlOptions): void {
  assertBuilt(opts.assetsDir);
  const page = readFileSync(join(opts.assetsDir, 'index.html'));

  // A hook rather than a second GET /graphql route: Apollo's handler owns that route for queries sent by GET.
  app.addHook('onRequest', async (request, reply) => {
    if (!isPlaygroundRequest(request)) return;
    return reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      // The response depends on Accept, so shared caches must not hand the page to API clients.
      .header('vary', 'accept')
      .send(page);
  });

  app.register(fastifyStatic, {
    root: opts.assetsDir,
    prefix: GRAPHIQL_ASSETS_PREFIX,
    // Leaves reply.sendFile free for any other use of @fastify/static in the hub.
    decorateReply: false,
    index: false,
    redirect: false,
    // The build writes .br and .gz next to each bundle.
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header('cache-control', HASHED_FILE.test(path) ? ONE_YEAR_IMMUTABLE : 'no-cache');
      reply.header('x-content-type-options', 'nosniff');
    },
  });
}

function isPlaygroundRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  const queryStart = request.url.indexOf('?');
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  if (path !== GRAPHQL_PATH) return false;
  if (queryStart !== -1 && new URLSearchParams(request.url.slice(queryStart + 1)).has('query')) return false;
  return prefersHtml(request.headers.accept);
}

// Same negotiation as Apollo Server's own landing page, so "a browser" means the same thing to both.
function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const preferred = new Negotiator({ headers: { accept } }).mediaType([
    'application/json',
    'application/graphql-response+json',
    'multipart/mixed',
    'text/html',
  ]);
  return preferred === 'text/html';
}
