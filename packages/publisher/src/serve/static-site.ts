import { join } from 'node:path';
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
  });
  app.decorateRequest('siteRoot', undefined);

  const resolveRoot = async (request: FastifyRequest): Promise<string | null> => {
    if (request.siteRoot === undefined) request.siteRoot = await resolveCurrentSiteRoot(options.dataDir);
    return request.siteRoot;
  };

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const root = await resolveRoot(request);
    if (root === null) return sendFirstBuildPending(reply);
    const pathname = decodedPathname(request.raw.url ?? '/');
    if (pathname === null) return reply.code(400).type('text/plain; charset=utf-8').send('Adresse invalide.');
    reply.header('cache-control', cacheControlFor(pathname));
    return reply.sendFile(pathname, root);
  };

  app.get('/', serve);
  app.get('/*', serve);

  app.setNotFoundHandler(async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.code(404).send({ error: 'not_found', message: `${request.method} ${request.url} does not exist` });
    }
    const root = await resolveRoot(request);
    if (root === null) return sendFirstBuildPending(reply);
    reply.code(404).header('cache-control', cacheControlFor('/404.html'));
    if (!(await isFile(join(root, '404.html')))) {
      return reply.type('text/html; charset=utf-8').send(fallbackNotFoundPage);
    }
    // No validators on the error page: a conditional request must not turn a 404 into a 304.
    return reply.sendFile('404.html', root, { etag: false, lastModified: false });
  });
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
