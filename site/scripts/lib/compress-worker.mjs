// A worker thread of `compressAsWritten` (../precompress.mjs): writes the file it is sent when asked (`write`), and
// compresses it (`compress`) with zlib's one-shot calls, writing the compressed copies beside it. `content` null: the
// file is read from disk first, or, above STREAM_ABOVE, compressed as a stream from disk (the open-data files of a
// large territory, never held whole).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { compressOneSync, compressStreamed, STREAM_ABOVE } from '../precompress.mjs';

/** The directories this thread made, so each is made once (the other thread may make it too: no error then). */
const made = new Set();

parentPort.on('message', async ({ id, file, content, write, compress }) => {
  try {
    const size = content === null && compress ? statSync(file).size : 0;
    if (size > STREAM_ABOVE) {
      const counted = await compressStreamed(file, size);
      parentPort.postMessage({ id, bytes: counted?.bytes ?? null, brotliBytes: counted?.brotliBytes ?? 0 });
      return;
    }
    if (write) {
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(file, content);
    }
    const bytes = content ?? readFileSync(file);
    const counted = compress ? compressOneSync(file, bytes, writeFileSync) : null;
    parentPort.postMessage({ id, bytes: counted?.bytes ?? null, brotliBytes: counted?.brotliBytes ?? 0 });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
