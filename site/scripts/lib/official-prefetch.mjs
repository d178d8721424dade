// The hub's official open-data files asked for while the site compiles (build.mjs): `astro build` keeps one core busy
// for 10 to 15 CPU-s and the hub none, and the hub's three exports cost it 7 to 8 CPU-s at 10,000 notices, which
// otherwise run while the pages render, on the core that Pagefind's process and the compression threads need.
// Only the answers are kept (the files on disk, each status and its headers): the renderer's own download
// (src/lib/open-data/official-download.ts) reads them through the `fetch` it is given, so what it checks and what
// it writes are the same as for an answer asked for then.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The hub's official files, in the order the renderer asks for them (OFFICIAL_FILES, official-files.ts). */
export const OFFICIAL_FILE_NAMES = ['decp.json', 'ocds.json', 'lots.csv'];

/** The address of one of them: officialFileUrl of official-files.ts (a test checks that the two agree). */
export function officialFileAddress(hubUrl, name) {
  return new URL(`opendata/${name}`, hubUrl.replace(/\/+$/, '')).toString();
}

/**
 * Asks the hub for its official files, all three at once (the hub writes the files asked for together in one
 * export, the OCDS package and the CSV from one reading of its notices), each kept in `dir`. Returns `fetch`, to
 * give the renderer: an address asked for here is answered with what the hub answered (or fails as the request
 * did), once it came; any other goes to the network.
 * The caller's signal stops the wait, and the request if it is still running. `stop()` ends what is still running
 * (a build that failed first).
 */
export function prefetchOfficialFiles(hubUrl, dir, { fetch = globalThis.fetch } = {}) {
  const controller = new AbortController();
  const answers = new Map();
  const ready = mkdir(dir, { recursive: true });
  for (const name of OFFICIAL_FILE_NAMES) {
    const url = officialFileAddress(hubUrl, name);
    const file = path.join(dir, name);
    const answer = ready.then(async () => {
      const response = await fetch(url, { signal: controller.signal });
      const kept = { status: response.status, statusText: response.statusText, headers: response.headers };
      if (response.status === 200 && response.body) {
        await pipeline(Readable.fromWeb(response.body), createWriteStream(file));
        return { ...kept, file };
      }
      return { ...kept, text: await response.text() };
    });
    // Awaited by the renderer when it asks; a failure is its to report, not left unhandled meanwhile.
    answer.catch(() => undefined);
    answers.set(url, answer);
  }
  return {
    async fetch(input, init = {}) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
      const answer = answers.get(url);
      if (!answer) return fetch(input, init);
      const { signal } = init;
      signal?.throwIfAborted();
      // The caller's time limit ends the wait, and the request with it.
      let onAbort;
      const aborted = new Promise((_, reject) => {
        onAbort = () => {
          controller.abort(signal.reason);
          reject(signal.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        const kept = await Promise.race([answer, aborted]);
        const body = kept.file ? Readable.toWeb(createReadStream(kept.file)) : kept.text;
        return new globalThis.Response(kept.status === 204 ? null : body, { status: kept.status, statusText: kept.statusText, headers: kept.headers });
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    stop() {
      controller.abort(new Error('the build stopped'));
    },
  };
}
