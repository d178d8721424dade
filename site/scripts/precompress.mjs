// Writes `file.br` and `file.gz` beside each text file of a finished build, so the publisher (@fastify/static's
// `preCompressed`) or any static host that looks for them (nginx `gzip_static`, Caddy `precompressed`) serves them
// without compressing on each request. Brotli at quality 5: on a built site of 1,000 notices (1,329 files, 30.1 MB)
// quality 6 gave 4.87 MB in 0.36 s of CPU where quality 9 gave 4.82 MB in 51.6 s (a page of lists took 76 ms instead
// of 10): quality 9 was most of every build's and every incremental release's CPU for 1 % of the bytes. Quality 5
// then: on 3,000 HTML pages of a 10,000-notice build (29.7 MB), 8.48 MB where 6 gave 8.47 MB, in 0.61–0.92 s of
// CPU instead of 1.09–1.53 (three runs each, busy machine): the compression threads took about 20 CPU-s of a full
// build at 10,000 notices, most of it brotli's. Gzip at level 6 for
// the same reason: on 1,000 notice pages (22.9 MB) level 9 took 576 ms of CPU for 4.57 MB, level 6 284 ms for 4.60 MB.
import { createReadStream, createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** What compresses: text formats. Images other than SVG, fonts, WebAssembly and Pagefind's shards already are. */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt', '.csv', '.ics', '.webmanifest']);
/** See the head of this file for the measurements behind them. */
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;
/** Below this, the headers weigh more than what compression saves. */
const MIN_BYTES = 1024;
/**
 * From this size, faster settings: the few files this large are the ones that grow with the territory (the deadlines
 * calendar, 25 MB at 50,000 open notices, rewritten by every publication; the open-data files of the slow path, up
 * to 100 MB). On a made-up 25 MB calendar of 50,000 events (repetitive, so the times are low) brotli 6 took 0.7 s of CPU (1.02 MB), quality 2 0.07 s (1.48 MB); gzip 6 0.15 s,
 * level 1 0.05 s (1.56 → 1.76 MB): a publication's cost no longer carries most of that file's compression, for about
 * 45 % more bytes to download, once, for those files only. The full build uses the same settings: the same bytes.
 */
export const LARGE_BYTES = 1024 * 1024;
const LARGE_BROTLI_QUALITY = 2;
const LARGE_GZIP_LEVEL = 1;
/**
 * Above this, a file is compressed as a stream read from disk rather than read whole: the open-data files are
 * 50 to 170 MB at 50,000 notices, and four of them held at once were most of the renderer's peak in a slow path.
 * The same settings (the size hint included) give the same bytes as the one-shot calls (checked on 30 MB of
 * /donnees/avis.json, brotli 6 and 2, gzip 6 and 1).
 */
export const STREAM_ABOVE = 8 * 1024 * 1024;

/**
 * Compresses every file of `dir` worth it, but those already compressed by `done` (a `compressAsWritten` of the
 * same build); returns how many files and how many bytes before and after (brotli), `done`'s included.
 */
export async function precompress(dir, done) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && COMPRESSIBLE.has(path.extname(entry.name)))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !path.relative(dir, file).split(path.sep).some((part) => part.startsWith('.')))
    .filter((file) => !done?.has(file));
  if (!done) return compressFiles(files);
  try {
    for (const file of files) await done.addFile(file);
  } catch (error) {
    await done.finish().catch(() => undefined);
    throw error;
  }
  return done.finish();
}

/**
 * Compresses files as a full build writes them, in worker threads (so on the other core while the next pages
 * render, with zlib's one-shot calls rather than a stream per file on the main thread), a few at a time: `add` (a file
 * the caller wrote, its bytes moved to the worker) and `write` (a file the worker writes too) wait while that many
 * are in flight, which holds the renderer back rather than piling pages up in memory. `addFile` compresses a file
 * already on disk (the worker reads it). `finish` waits for the last ones and ends the workers: call it once the
 * build is done or has failed. `has` tells `precompress` what is done.
 */
export function compressAsWritten({ workers = Math.min(2, availableParallelism()), width = 4 } = {}) {
  const totals = { files: 0, bytes: 0, brotliBytes: 0 };
  const done = new Set();
  /** id → { file, resolve, settled } */
  const pending = new Map();
  let nextId = 0;
  let failure;
  const fail = (error) => {
    failure ??= error;
    for (const task of pending.values()) task.resolve();
    pending.clear();
  };
  const pool = Array.from({ length: Math.max(1, workers) }, () => {
    const worker = new Worker(new URL('./lib/compress-worker.mjs', import.meta.url));
    const state = { worker, busy: 0 };
    worker.on('message', ({ id, error, bytes, brotliBytes }) => {
      const task = pending.get(id);
      if (!task) return;
      pending.delete(id);
      state.busy -= 1;
      if (error) failure ??= new Error(`could not compress ${task.file}: ${error}`);
      else if (bytes !== null) {
        totals.files++;
        totals.bytes += bytes;
        totals.brotliBytes += brotliBytes;
      }
      task.resolve();
    });
    worker.on('error', fail);
    return state;
  });
  let finished;

  async function send(file, content, write = false) {
    done.add(file);
    while (pending.size >= pool.length * width && !failure) await Promise.race([...pending.values()].map((task) => task.settled));
    if (failure) throw failure;
    const id = nextId++;
    const least = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
    least.busy += 1;
    const task = { file };
    task.settled = new Promise((resolve) => {
      task.resolve = resolve;
    });
    pending.set(id, task);
    const message = { id, file, content, write, compress: COMPRESSIBLE.has(path.extname(file)) };
    // A page's bytes are moved to the worker, not copied, when they are a buffer of their own.
    const owned = content && content.byteOffset === 0 && content.byteLength === content.buffer.byteLength;
    least.worker.postMessage(message, owned ? [content.buffer] : []);
  }

  return {
    async add(file, content) {
      if (COMPRESSIBLE.has(path.extname(file))) await send(file, content);
    },
    /**
     * Writes `file` (its directory made as needed) and its compressed copies in a worker thread, so the renderer's
     * thread does not wait on the file system for each page; `content` is moved there and is empty afterwards. Call
     * `written` before reading the directory.
     */
    async write(file, content) {
      await send(file, content, true);
    },
    /** Resolves once every file handed over so far is written and compressed; throws what failed. */
    async written() {
      while (pending.size > 0 && !failure) await Promise.all([...pending.values()].map((task) => task.settled));
      if (failure) throw failure;
    },
    /** Resolves once every file handed over so far is written and compressed (not those handed over meanwhile). */
    async writtenSoFar() {
      await Promise.all([...pending.values()].map((task) => task.settled));
      if (failure) throw failure;
    },
    async addFile(file) {
      if (COMPRESSIBLE.has(path.extname(file))) await send(file, null);
    },
    has: (file) => done.has(file),
    finish() {
      finished ??= (async () => {
        try {
          while (pending.size > 0 && !failure) await Promise.all([...pending.values()].map((task) => task.settled));
          if (failure) throw failure;
          return totals;
        } finally {
          await Promise.all(pool.map(({ worker }) => worker.terminate()));
        }
      })();
      return finished;
    },
  };
}

/**
 * Compresses again the files of `dir` an incremental release replaced (`relativeFiles`), and drops the compressed
 * copies of those it removed: a `.br` hard-linked from the previous release would otherwise serve the old page.
 * With `deferLarge`, files of LARGE_BYTES or more are left uncompressed (their old copies dropped all the same, so
 * the file itself is served meanwhile) and named in `deferred`, for the slow path to compress (renderer.mjs): the
 * deadlines calendar is 25 MB at 50,000 open notices and changes at every publication, and compressing it took a
 * third of a second of each one.
 */
export async function precompressChanged(dir, relativeFiles, removedFiles = [], { deferLarge = false } = {}) {
  for (const file of [...relativeFiles, ...removedFiles]) {
    await rm(path.join(dir, `${file}.br`), { force: true });
    await rm(path.join(dir, `${file}.gz`), { force: true });
  }
  const compressible = relativeFiles.filter((file) => COMPRESSIBLE.has(path.extname(file)));
  const deferred = [];
  const now = [];
  for (const file of compressible) {
    if (deferLarge && (await stat(path.join(dir, file))).size >= LARGE_BYTES) deferred.push(file);
    else now.push(file);
  }
  return { ...(await compressFiles(now.map((file) => path.join(dir, file)))), deferred };
}

async function compressFiles(files) {
  const totals = { files: 0, bytes: 0, brotliBytes: 0 };
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      const size = (await stat(file)).size;
      if (size > STREAM_ABOVE) await compressStreamed(file, size, totals);
      else await compressOne(file, await readFile(file), totals);
    }
  };
  // zlib runs in libuv's thread pool (4 threads by default): a few files at a time keep it busy.
  await Promise.all(Array.from({ length: 4 }, worker));
  return totals;
}

const BROTLI_OPTIONS = (length) => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: length >= LARGE_BYTES ? LARGE_BROTLI_QUALITY : BROTLI_QUALITY,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: length,
  },
});

const gzipOptions = (length) => ({ level: length >= LARGE_BYTES ? LARGE_GZIP_LEVEL : GZIP_LEVEL });

/** Writes `file.br` and `file.gz` beside `file` (whose bytes are `content`) where they are smaller; counts it in `totals`. */
async function compressOne(file, content, totals) {
  if (content.length < MIN_BYTES) return;
  const [br, gz] = await Promise.all([brotli(content, BROTLI_OPTIONS(content.length)), gzip(content, gzipOptions(content.length))]);
  await writeCompressed(file, content, br, gz, writeFile);
  totals.files++;
  totals.bytes += content.length;
  totals.brotliBytes += Math.min(br.length, content.length);
}

/** The same as `compressOne` for a large file, never held whole: read from disk as a stream, one format after the other. */
export async function compressStreamed(file, size, totals) {
  if (size < MIN_BYTES) return null;
  let brotliBytes = size;
  for (const [suffix, make] of [
    ['.br', () => zlib.createBrotliCompress(BROTLI_OPTIONS(size))],
    ['.gz', () => zlib.createGzip(gzipOptions(size))],
  ]) {
    const target = `${file}${suffix}`;
    const temporary = `${target}.${process.pid}.tmp`;
    try {
      await pipeline(createReadStream(file), make(), createWriteStream(temporary));
      const bytes = (await stat(temporary)).size;
      if (suffix === '.br') brotliBytes = Math.min(bytes, size);
      // Written only where smaller, as `writeCompressed` does.
      if (bytes < size) await rename(temporary, target);
      else await rm(temporary, { force: true });
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
  if (totals) {
    totals.files++;
    totals.bytes += size;
    totals.brotliBytes += brotliBytes;
  }
  return { bytes: size, brotliBytes };
}

/**
 * The same as `compressOne`, synchronously (for a worker thread, site/scripts/lib/compress-worker.mjs): the same
 * settings, so the same bytes. Returns the sizes counted, or null for a file too small to compress.
 */
export function compressOneSync(file, content, writeSync) {
  if (content.length < MIN_BYTES) return null;
  const br = zlib.brotliCompressSync(content, BROTLI_OPTIONS(content.length));
  const gz = zlib.gzipSync(content, gzipOptions(content.length));
  writeCompressed(file, content, br, gz, writeSync);
  return { bytes: content.length, brotliBytes: Math.min(br.length, content.length) };
}

function writeCompressed(file, content, br, gz, write) {
  const writes = [];
  if (br.length < content.length) writes.push(write(`${file}.br`, br));
  if (gz.length < content.length) writes.push(write(`${file}.gz`, gz));
  return Promise.all(writes);
}
