import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isFile, resolveCurrentSiteRoot } from '../build/site-swap.js';
import { cacheControlFor } from './cache-policy.js';
import { fallbackNotFoundPage, firstBuildPendingPage } from './unavailable-page.js';

export interface StaticSiteOptions {
  dataDir: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The build this request is served from, resolved once when it arrives; null before the first build. */
    siteRoot: string | null | undefined;
  }
}

/**
 * Serves the build `current` points at, on the root instance (it owns the not-found handler). The link is resolved
 * once per request, so a swap is seen by the next request at once while a response already under way keeps reading
 * the build it started with (old builds stay on disk). `@fastify/static` (over `@fastify/send`) gives content types,
 * ETag, Last-Modified, ranges, conditional requests, directory redirects and its traversal guards.
 */
export async function registerStaticSite(app: FastifyInstance, options: StaticSiteOptions): Promise<void> {
  await app.register(fastifyStatic, {
    serve: false,
    redirect: true,
    index: ['index.html'],
    cacheControl: false,
    dotfiles: 'ignore',
    // `page.html.br` / `page.html.gz` written beside each file at build time (site/scripts/precompress.mjs) go to
    // clients that accept them, with `Vary: Accept-Encoding`; others, and files without them, get the file itself.
    preCompressed: true,
  });
  app.decorateRequest('siteRoot', undefined);

  const resolveRoot = async (request: FastifyRequest): Promise<string | null> => {
    if (request.siteRoot === undefined) request.siteRoot = await resolveCurrentSiteRoot(options.dataDir);
    return request.siteRoot;
  };

  const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const root = await resolveRoot(request);
    if (root === null) return void sendFirstBuildPending(reply);
    const pathname = decodedPathname(request.raw.url ?? '/');
    if (pathname === null) return void reply.code(400).type('text/plain; charset=utf-8').send('Adresse invalide.');
    // Known to be missing: straight to the 404 page, rather than through @fastify/static's not-found path, which
    // would run the not-found handler inside the same response (see `handle`).
    if (!(await servable(root, pathname))) return sendNotFound(reply, root);
    reply.header('cache-control', cacheControlFor(pathname));
    reply.sendFile(pathname, root);
  };

  const notFound = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return void reply.code(404).send({ error: 'not_found', message: `${request.method} ${request.url} does not exist` });
    }
    const root = await resolveRoot(request);
    if (root === null) return void sendFirstBuildPending(reply);
    return sendNotFound(reply, root);
  };

  app.get('/', handle(serve));
  app.get('/*', handle(serve));
  app.setNotFoundHandler(handle(notFound));
}

/**
 * A synchronous Fastify handler that runs `respond`, which sends the reply itself. An async handler would have to
 * `return reply`, and every promise that settles with the reply (a thenable) makes Fastify add "close" listeners to
 * the response; with @fastify/static's own awaits, a 404 page reached through the not-found path added 11, and
 * each such page view logged a MaxListenersExceededWarning.
 */
function handle(respond: (request: FastifyRequest, reply: FastifyReply) => Promise<void>) {
  return (request: FastifyRequest, reply: FastifyReply): void => {
    respond(request, reply).catch((error: unknown) => reply.send(error));
  };
}

/**
 * Whether the path names a file of the build, or a directory with an index.html (which @fastify/static redirects
 * to its slash form or serves). Hidden files and paths that leave the build are never servable.
 */
async function servable(root: string, pathname: string): Promise<boolean> {
  if (pathname.split('/').some((segment) => segment.startsWith('.'))) return false;
  const file = resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(`${root}${sep}`)) return false;
  if (pathname.endsWith('/')) return isFile(join(file, 'index.html'));
  return (await isFile(file)) || isFile(join(file, 'index.html'));
}

async function sendNotFound(reply: FastifyReply, root: string): Promise<void> {
  reply.code(404).header('cache-control', cacheControlFor('/404.html'));
  if (!(await isFile(join(root, '404.html')))) {
    return void reply.type('text/html; charset=utf-8').send(fallbackNotFoundPage);
  }
  // No validators on the error page: a conditional request must not turn a 404 into a 304.
  reply.sendFile('404.html', root, { etag: false, lastModified: false });
}

function sendFirstBuildPending(reply: FastifyReply) {
  return reply
    .code(503)
    .header('retry-after', '30')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(firstBuildPendingPage);
}

/** The URL's path, percent-decoded, for `sendFile` (which re-encodes it and applies its own traversal checks). */
function decodedPathname(url: string): string | null {
  const end = url.search(/[?#]/);
  const raw = end === -1 ? url : url.slice(0, end);
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
