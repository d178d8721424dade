#!/usr/bin/env node
// The publisher's long-lived site renderer: compiles the site once into a server bundle, then holds the site's data
// and renders releases on request, through the same function as build.mjs (src/render/site-renderer.ts).
//   HUB_URL=http://127.0.0.1:4000/graphql node site/scripts/renderer.mjs
// Speaks JSON, one object a line: requests on standard input, answers on standard output (logs on standard error).
//   ← {"type":"ready"}                                                    once compiled
//   → {"id":1,"command":"full","outDir":"/abs/new-release"}               read everything, render every route,
//                                                                          index for search; outDir must not exist
//   → {"id":2,"command":"notices","references":["2026-X-0001"],"liveDir":"/abs/live","outDir":"/abs/new-release"}
//                                                                          read those notices again, hard-link the
//                                                                          live release and replace what changed
//   → {"id":3,"command":"prepare-slow","liveDir":"/abs/live","outDir":"/abs/prepared-slow"}
//                                                                          the slow path's pages (indicators, open-data
//                                                                          files…) rendered again from a fresh read of
//                                                                          the hub, those that differ from the live
//                                                                          release's written (pre-compressed) in outDir;
//                                                                          runs beside the queue, giving way to it
//                                                                          between two routes (or two pieces of a
//                                                                          file), so a `notices` release arriving
//                                                                          meanwhile does not share the thread with it
//                                                                          (lib/request-queue.mjs)
//   → {"id":4,"command":"search","liveDir":"/abs/live","outDir":"/abs/new-release","slowPages":"/abs/prepared-slow",
//      "searchIndex":"/abs/prepared"}                                      the slow path's release: the live release
//                                                                          with those pages and the search index
//                                                                          prepared apart by search-index.mjs (in
//                                                                          /abs/prepared/pagefind/) moved in; without
//                                                                          slowPages they are prepared first, in the
//                                                                          queue; without searchIndex the live index
//                                                                          is kept
// `searchIndex` in a `notices` request too: the release takes the prepared index as well (it is moved in).
// A `notices` release leaves the large files it writes (1 MiB or more: the deadlines calendar) uncompressed, served
// as they are; the next `search` release compresses them (and names them in its `changed`), a `full` one anyway.
//   ← {"id":1,"ok":true,"kind":"full","routes":812,"written":814,"deleted":0,"phases":{"read":120,…},"leftOut":[]}
//                                                                          leftOut: what the release's .build-report.json
//                                                                          says the hub could not give (one line each
//                                                                          on standard error too)
//   ← {"id":2,"ok":false,"error":"…"}                                     the data held stays that of the live release
// `now` (an ISO instant) in a request renders as of that instant (tests); otherwise the clock is read.
// The process exits when its standard input closes.
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { format } from 'node:util';
import { precompressChanged } from './precompress.mjs';
import { boundHeapGrowth, compileSite, makeWorkDir, renderWholeSite } from './lib/server-build.mjs';
import { moveIndexInto } from './lib/index-changes.mjs';
import { createRequestQueue } from './lib/request-queue.mjs';

// Standard output carries the answers only: whatever Astro (its build logger writes to process.stdout) or a page
// prints goes to standard error.
const writeAnswer = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);
for (const method of ['log', 'info', 'debug', 'warn']) {
  console[method] = (...args) => process.stderr.write(`${format(...args)}\n`);
}

const hubUrl = process.env.HUB_URL || 'http://127.0.0.1:4000/graphql';
// It holds the site's data for days: its heap is kept near what that data needs (lib/server-build.mjs).
boundHeapGrowth();

function log(message) {
  process.stderr.write(`[site renderer] ${message}\n`);
}

/** One line per part a release left out (as build.mjs prints them); returns them for the answer. */
function logLeftOut(leftOut) {
  for (const section of leftOut) log(`left out of ${section.page}: ${section.what} (${section.error})`);
  return leftOut;
}

function answer(message) {
  writeAnswer(`${JSON.stringify(message)}\n`);
}

const workDir = await makeWorkDir();
const cleanUp = () => rm(workDir, { recursive: true, force: true });
let renderer;
let clientDir;
try {
  ({ renderer, clientDir } = await compileSite(workDir));
} catch (error) {
  log(`FAILED to compile the site: ${error instanceof Error ? error.message : String(error)}`);
  await cleanUp();
  process.exit(1);
}

/** One request's answer; `job` (lib/request-queue.mjs) for `prepare-slow` beside the releases, to stop and give way. */
async function handle(request, job) {
  const started = performance.now();
  const now = request.now ? () => new Date(request.now) : undefined;
  const outDir = path.resolve(request.outDir);
  try {
    if (request.command === 'full') {
      const { stats, indexed, afterRenderMs } = await renderWholeSite(renderer, { hubUrl, outDir, clientDir, now });
      // A full build compresses every file.
      uncompressed.clear();
      const phases = { ...stats.phases, search: Math.round(afterRenderMs) };
      return { ok: true, kind: 'full', routes: stats.routes, written: stats.written, deleted: 0, indexed, phases, leftOut: logLeftOut(stats.leftOut) };
    }
    if (request.command === 'notices') {
      const stats = await renderer.applyNoticeChanges({
        hubUrl,
        references: request.references,
        liveDir: path.resolve(request.liveDir),
        outDir,
        recycle: recycledRelease(request),
        now,
      });
      const compressStarted = performance.now();
      const { deferred } = await precompressChanged(outDir, stats.writtenFiles, stats.deletedFiles, { deferLarge: true });
      for (const file of deferred) uncompressed.add(file);
      const compressMs = Math.round(performance.now() - compressStarted);
      const search = await adoptSearchIndex(outDir, request.searchIndex);
      const { writtenFiles: _written, deletedFiles: _deleted, changedFiles, ...answer } = stats;
      return {
        ok: true,
        kind: 'incremental',
        ...answer,
        ...(search ? { indexed: search.indexed } : {}),
        changed: [...changedFiles, ...(search?.changed ?? [])],
        leftOut: logLeftOut(stats.leftOut),
        phases: { ...stats.phases, compress: compressMs, ...(search ? { search: search.ms } : {}) },
      };
    }
    if (request.command === 'prepare-slow') {
      // Beside the queue (see the end of this file): outDir is the prepared directory, not a release.
      const stats = await renderer.prepareSlow({
        hubUrl,
        liveDir: path.resolve(request.liveDir),
        dir: outDir,
        now,
        stopped: job?.stopped,
        giveWay: job?.giveWay,
      });
      const compressStarted = performance.now();
      // One file at a time: the open-data files are tens of megabytes each at 50,000 notices.
      for (const file of stats.writtenFiles) {
        await job?.giveWay();
        if (job?.stopped()) throw new Error('the slow path was stopped (a full build comes first)');
        await precompressChanged(outDir, [file]);
      }
      const gaveWay = job?.gaveWay();
      if (gaveWay?.times) log(`prepare-slow gave way to releases ${gaveWay.times} times, ${(gaveWay.ms / 1000).toFixed(2)} s in all`);
      return {
        ok: true,
        kind: 'prepare-slow',
        routes: stats.routes,
        written: stats.written,
        deleted: stats.deleted,
        phases: { ...stats.phases, compress: Math.round(performance.now() - compressStarted) },
        ...(gaveWay ? { gaveWay } : {}),
        leftOut: logLeftOut(stats.leftOut),
      };
    }
    if (request.command === 'search') {
      const liveDir = path.resolve(request.liveDir);
      let prepared = request.slowPages;
      let preparedPhases = {};
      if (prepared === undefined || prepared === null) {
        // No slow pages prepared beside the queue (events that change only them): prepared here, then adopted.
        prepared = `${outDir}.slow-pages`;
        const made = await handle({ command: 'prepare-slow', liveDir, outDir: prepared, now: request.now });
        if (!made.ok) throw new Error(made.error);
        preparedPhases = made.phases;
      } else if (typeof prepared !== 'string') throw new Error('slowPages must be the directory of prepared slow pages');
      try {
        const stats = await renderer.adoptSlow({ liveDir, outDir, prepared: path.resolve(prepared), recycle: recycledRelease(request) });
        const search = await adoptSearchIndex(outDir, request.searchIndex);
        const compressed = await compressDeferred(outDir);
        return {
          ok: true,
          kind: 'search',
          routes: stats.routes,
          written: stats.written,
          deleted: stats.deleted,
          ...(search ? { indexed: search.indexed } : {}),
          changed: [...stats.changedFiles, ...(search?.changed ?? []), ...compressed.files],
          phases: { ...preparedPhases, ...stats.phases, ...(search ? { search: search.ms } : {}), compress: compressed.ms },
          leftOut: logLeftOut(stats.leftOut),
        };
      } finally {
        if (request.slowPages === undefined || request.slowPages === null) await rm(prepared, { recursive: true, force: true });
      }
    }
    return { ok: false, error: `unknown command ${JSON.stringify(request.command)}` };
  } catch (error) {
    await rm(outDir, { recursive: true, force: true }).catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    log(`${request.command} FAILED: ${message}`);
    return { ok: false, error: message };
  } finally {
    log(`${request.command} done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  }
}

/**
 * The large files incremental releases wrote and left uncompressed (precompress.mjs `deferLarge`: the deadlines
 * calendar), relative to a release: the slow path's release compresses those it still has (`compressDeferred`).
 */
const uncompressed = new Set();

/**
 * Compresses in the slow path's release `outDir` the large files incremental releases left uncompressed, those it
 * has (its copy is the live release's, so the live one keeps serving the file itself until this release is online);
 * returns them, for the release's `changed` (their compressed copies follow them), and the milliseconds it took.
 */
async function compressDeferred(outDir) {
  const started = performance.now();
  const files = [];
  for (const file of uncompressed) {
    if (await stat(path.join(outDir, file)).then((stats) => stats.isFile(), () => false)) files.push(file);
  }
  await precompressChanged(outDir, files);
  // Those it does not have are gone: nothing to compress. (No release is made meanwhile: one request at a time.)
  uncompressed.clear();
  return { files, ms: Math.round(performance.now() - started) };
}

/**
 * The older release a request asks to recycle instead of hard-linking the live one (src/render/release-files.ts):
 * `{"recycle":{"dir":"/abs/old-release","changed":["avis/x/index.html",…]}}`, `changed` naming every file the
 * releases made since it changed. Answers name theirs in `changed` (the `full` command's, everything, is not listed).
 */
function recycledRelease(request) {
  if (!request.recycle) return undefined;
  const { dir, changed } = request.recycle;
  if (typeof dir !== 'string' || !Array.isArray(changed) || !changed.every((file) => typeof file === 'string')) {
    throw new Error('recycle must be {"dir": string, "changed": string[]}');
  }
  return { dir: path.resolve(dir), changed };
}

/**
 * The search index prepared apart (search-index.mjs) moved into the new release (lib/index-changes.mjs); null when the
 * request brings none (the live index stays).
 */
async function adoptSearchIndex(outDir, prepared) {
  if (prepared === undefined || prepared === null) return null;
  if (typeof prepared !== 'string') throw new Error('searchIndex must be the directory of a prepared index');
  const started = performance.now();
  const { indexed, changed, compared } = await moveIndexInto(outDir, path.resolve(prepared));
  if (compared) log('the search index was prepared against another index than this release’s: its changes compared here');
  return { indexed, changed, ms: Math.round(performance.now() - started) };
}

answer({ type: 'ready' });
log(`compiled; reading ${hubUrl} on request`);

// Releases one at a time, in order; `prepare-slow` beside them, giving way to them (lib/request-queue.mjs).
const queue = createRequestQueue({ handle, answer, isSideJob: (request) => request.command === 'prepare-slow' });
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (!line.trim()) return;
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    answer({ ok: false, error: 'a request must be one JSON object on one line' });
    return;
  }
  queue.submit(request);
});
lines.on('close', () => {
  queue.drained().then(cleanUp).then(() => process.exit(0));
});
