// A worker thread of `searchIndexAsWritten` (server-build.mjs): feeds Pagefind's process the notice pages of a full
// build, shard after shard (`indexShardsInTurn`), on its own event loop. Fed from the renderer's thread, the pages
// waited for that thread to come back to its event loop (each page read from disk and each answer of Pagefind takes
// a turn of it), which rendering seldom gives: at 10,000 notices the index was made almost entirely after the last
// route rendered, with one core idle, instead of while the other routes render.
//   in:  { dir, pages: [{ file, reference }], shards: [n…] }, then possibly 'stop'
//   out: { counts } once written, or { error }; Pagefind's process is closed either way.
import { parentPort } from 'node:worker_threads';
import { indexShardsInTurn } from './server-build.mjs';

let stopped = false;
let started = false;

parentPort.on('message', async (message) => {
  if (message === 'stop') {
    stopped = true;
    return;
  }
  if (started) return;
  started = true;
  const pagefind = await import('pagefind');
  let answer;
  try {
    answer = { counts: await indexShardsInTurn(pagefind, message.dir, message.pages, message.shards, message.dir, () => stopped) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await pagefind.close().catch(() => undefined);
  }
  parentPort.postMessage(answer);
});
