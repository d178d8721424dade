import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AstroIntegration } from 'astro';
import { buildGate } from '../lib/build-gate.js';
import { DEFAULT_HUB_URL } from '../lib/hub/load.js';
import { downloadOfficialFiles } from '../lib/open-data/official-download.js';
import {
  OFFICIAL_FILES,
  officialFileUrl,
  shareOfficialManifest,
  type OfficialFileName,
  type OfficialManifest,
} from '../lib/open-data/official-files.js';

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
 * Republishes the hub's official open-data files (DECP, OCDS, lots CSV) under /donnees/. The download starts with
 * the build and runs while Astro bundles and renders (the hub's exports of a large territory take seconds); the
 * /donnees/ page waits for it to describe what was downloaded, and the files move into the output once Astro is
 * done. Any failure fails the build. `astro dev` passes the requests for them through to the hub.
 */
export function officialOpenData(): AstroIntegration {
  const hubUrl = () => process.env.HUB_URL || DEFAULT_HUB_URL;
  let cacheDir: string | undefined;
  let download: { dir: string; manifest: Promise<OfficialManifest> } | undefined;
  return {
    name: 'territoire-achats:official-open-data',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': async ({ logger }) => {
        if (!cacheDir) throw new Error('the official open data need the cache directory of the Astro configuration');
        await mkdir(cacheDir, { recursive: true });
        const dir = await mkdtemp(path.join(cacheDir, 'official-open-data-'));
        let started = 0;
        // Like every read of the hub, the download waits for a build started ahead of time to be told to go.
        const manifest = buildGate()
          .then(() => {
            started = performance.now();
            return downloadOfficialFiles({ hubUrl: hubUrl(), dir });
          })
          .then(
          (result) => {
            const sizes = Object.entries(result.files).map(([name, file]) => `${name} ${file ? `${file.bytes} B` : 'none (no public notice)'}`);
            logger.info(`downloaded from the hub in ${((performance.now() - started) / 1000).toFixed(1)} s: ${sizes.join(', ')}`);
            return result;
          },
          async (error: unknown) => {
            await rm(dir, { recursive: true, force: true });
            throw error;
          },
        );
        // Awaited by the /donnees/ page and at the end of the build; this only keeps an early failure from being
        // reported as unhandled before then.
        manifest.catch(() => undefined);
        download = { dir, manifest };
        shareOfficialManifest(manifest);
      },
      'astro:build:done': async ({ dir }) => {
        if (!download) return;
        const { dir: downloadDir, manifest } = download;
        download = undefined;
        shareOfficialManifest(undefined);
        await manifest;
        const target = path.join(fileURLToPath(dir), 'donnees');
        await mkdir(target, { recursive: true });
        for (const { name } of OFFICIAL_FILES) {
          await moveFile(path.join(downloadDir, name), path.join(target, name)).catch((error: NodeJS.ErrnoException) => {
            // A file the hub had nothing for (204) was never written.
            if (error.code !== 'ENOENT') throw error;
          });
        }
        await rm(downloadDir, { recursive: true, force: true });
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
