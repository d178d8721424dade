import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AstroIntegration } from 'astro';
import { hubUrl } from '../lib/config.js';
import { OFFICIAL_FILES, officialFileUrl, type OfficialFileName } from '../lib/open-data/official-files.js';

/**
 * `astro dev` passes the requests for the hub's official open-data files (DECP, OCDS, lots CSV) under /donnees/
 * through to the hub. A build republishes them: the site renderer downloads them while the pages render
 * (src/render/site-renderer.ts).
 */
export function officialOpenData(): AstroIntegration {
  return {
    name: 'territoire-achats:official-open-data',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const name = /^\/donnees\/([a-z]+\.(?:json|csv))$/.exec(request.url?.split('?')[0] ?? '')?.[1];
          if (!name || !OFFICIAL_FILES.some((file) => file.name === name)) return next();
          fetch(officialFileUrl(hubUrl(), name as OfficialFileName))
            .then((answer) => {
              response.statusCode = answer.status;
              for (const header of ['content-type', 'content-disposition']) {
                const value = answer.headers.get(header);
                if (value) response.setHeader(header, value);
              }
              if (!answer.body) return response.end();
              Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>).pipe(response);
            })
            .catch((error: unknown) => next(error));
        });
      },
    },
  };
}
