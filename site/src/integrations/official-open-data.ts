import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AstroIntegration } from 'astro';
import { DEFAULT_HUB_URL } from '../lib/hub/load.js';
import { downloadOfficialFiles } from '../lib/open-data/official-download.js';
import { OFFICIAL_FILES, OFFICIAL_MANIFEST_ENV, officialFileUrl, type OfficialFileName } from '../lib/open-data/official-files.js';

async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to);
    await rm(from, { force: true });
  }
}

/**
 * Republishes the hub's official open-data files (DECP, OCDS, lots CSV) under /donnees/. They are downloaded when
 * the build starts, so that a hub that cannot give them fails the build before any page is rendered, and so that
 * the /donnees/ page can describe what was downloaded (it reads the manifest this integration puts in the
 * environment: the pages are rendered in this same process). They are moved into the output once Astro is done.
 * `astro dev` passes the requests for them through to the hub.
 */
export function officialOpenData(): AstroIntegration {
  const hubUrl = () => process.env.HUB_URL || DEFAULT_HUB_URL;
  let cacheDir: string | undefined;
  let downloadDir: string | undefined;
  return {
    name: 'territoire-achats:official-open-data',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': async ({ logger }) => {
        if (!cacheDir) throw new Error('the official open data need the cache directory of the Astro configuration');
        await mkdir(cacheDir, { recursive: true });
        downloadDir = await mkdtemp(path.join(cacheDir, 'official-open-data-'));
        const started = performance.now();
        try {
          const manifest = await downloadOfficialFiles({ hubUrl: hubUrl(), dir: downloadDir });
          process.env[OFFICIAL_MANIFEST_ENV] = JSON.stringify(manifest);
          const sizes = Object.entries(manifest.files).map(([name, file]) => `${name} ${file ? `${file.bytes} B` : 'none (no public notice)'}`);
          logger.info(`downloaded from the hub in ${((performance.now() - started) / 1000).toFixed(1)} s: ${sizes.join(', ')}`);
        } catch (error) {
          await rm(downloadDir, { recursive: true, force: true });
          throw error;
        }
      },
      'astro:build:done': async ({ dir }) => {
        if (!downloadDir) return;
        const target = path.join(fileURLToPath(dir), 'donnees');
        await mkdir(target, { recursive: true });
        for (const { name } of OFFICIAL_FILES) {
          await moveFile(path.join(downloadDir, name), path.join(target, name)).catch((error: NodeJS.ErrnoException) => {
            // A file the hub had nothing for (204) was never written.
            if (error.code !== 'ENOENT') throw error;
          });
        }
        await rm(downloadDir, { recursive: true, force: true });
        delete process.env[OFFICIAL_MANIFEST_ENV];
      },
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
