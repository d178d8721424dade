// A worker thread of `compressAsWritten` (../precompress.mjs): compresses each file it is sent, with zlib's one-shot
// calls, and writes the compressed copies beside it. `content` null: the file is read from disk first.
import { readFileSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { compressOneSync } from '../precompress.mjs';

parentPort.on('message', ({ id, file, content }) => {
  try {
    const bytes = content ?? readFileSync(file);
    const counted = compressOneSync(file, bytes, writeFileSync);
    parentPort.postMessage({ id, bytes: counted?.bytes ?? null, brotliBytes: counted?.brotliBytes ?? 0 });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
