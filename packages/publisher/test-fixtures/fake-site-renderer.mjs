#!/usr/bin/env node
// A stand-in for site/scripts/renderer.mjs in the publisher's tests: the same protocol (JSON lines), a tiny site.
// Steered through files in the folder named by FAKE_RENDERER_CONTROL:
//   fail-incremental  a `notices` request fails (after writing part of its output)
//   fail-full         a `full` request fails
//   requests          one line per request received: its command and references
//   data              if present, its text is shown on the home page
//   indicators        if present, its text is shown on /indicateurs/ (a slow page: only the slow path renders it)
//   hold-slow         a `prepare-slow` request waits, once started, until this file is removed (slow pages that
//                     take long); the renderer answers other requests meanwhile, as the real one does
//   preparing-slow    written when a `prepare-slow` request starts: the release it compares with
//   fail-slow         a `prepare-slow` request fails
// A request's `searchIndex` (a directory fake-search-index.mjs wrote) is moved into the release as `pagefind/`.
// A `search` request's `slowPages` (what a `prepare-slow` wrote) is moved into the release; without it, the slow
// page is rendered in the request.
// A `recycle` request renames the older release into place and copies over it the files it names from the live one,
// as the real renderer does with hard links; answers name the files they changed.
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import readline from 'node:readline';

const control = process.env.FAKE_RENDERER_CONTROL;
if (!control) {
  console.error('FAKE_RENDERER_CONTROL is required');
  process.exit(2);
}
const flag = (name) => existsSync(join(control, name));
const home = () => `<h1>${flag('data') ? readFileSync(join(control, 'data'), 'utf8') : 'Accueil'}</h1>`;
const answer = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const indicators = () => `<h1>${flag('indicators') ? readFileSync(join(control, 'indicators'), 'utf8') : 'Indicateurs'}</h1>`;
const SLOW_PAGE = 'indicateurs/index.html';

/** The slow pages, beside the other requests: polls its flag without holding the line handler. */
async function prepareSlow(request) {
  writeFileSync(join(control, 'preparing-slow'), request.liveDir.split('/').pop());
  // Read at the start, as the real renderer reads the hub again before it renders.
  const page = indicators();
  while (flag('hold-slow')) await new Promise((resolve) => setTimeout(resolve, 20));
  if (flag('fail-slow')) {
    console.error('[fake renderer] the indicators could not be read (on purpose)');
    return answer({ id: request.id, ok: false, error: 'the indicators could not be read (on purpose)' });
  }
  mkdirSync(join(request.outDir, 'indicateurs'), { recursive: true });
  writeFileSync(join(request.outDir, SLOW_PAGE), page);
  writeFileSync(join(request.outDir, '.slow-pages.json'), JSON.stringify({ written: [SLOW_PAGE], removed: [] }));
  answer({ id: request.id, ok: true, kind: 'prepare-slow', routes: 1, written: 1, deleted: 0, phases: { render: 1 } });
}

console.error('[fake renderer] compiled');
answer({ type: 'ready' });
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line);
  const recycled = request.recycle ? ` recycling ${request.recycle.dir.split('/').pop()} (${[...request.recycle.changed].sort().join(' ')})` : '';
  const indexed = `${request.searchIndex ? ' with a prepared index' : ''}${request.slowPages ? ' with prepared slow pages' : ''}`;
  appendFileSync(join(control, 'requests'), `${request.command} ${(request.references ?? []).join(',')}${recycled}${indexed}\n`);
  const phases = { read: 1, render: 1 };
  if (request.command === 'prepare-slow') return void prepareSlow(request);
  if (request.command === 'full') {
    if (flag('fail-full')) {
      console.error('[fake renderer] cannot reach the hub (on purpose)');
      return answer({ id: request.id, ok: false, error: 'cannot reach the hub (on purpose)' });
    }
    mkdirSync(request.outDir, { recursive: true });
    writeFileSync(join(request.outDir, 'index.html'), home());
    return answer({ id: request.id, ok: true, kind: 'full', routes: 1, written: 1, deleted: 0, phases });
  }
  if (request.command === 'notices' || request.command === 'search') {
    if (request.recycle) {
      renameSync(request.recycle.dir, request.outDir);
      for (const file of request.recycle.changed) {
        if (existsSync(join(request.liveDir, file))) {
          mkdirSync(dirname(join(request.outDir, file)), { recursive: true });
          copyFileSync(join(request.liveDir, file), join(request.outDir, file));
        } else rmSync(join(request.outDir, file), { force: true });
      }
    } else cpSync(request.liveDir, request.outDir, { recursive: true });
    if (request.command === 'notices' && flag('fail-incremental')) {
      return answer({ id: request.id, ok: false, error: 'the notice could not be read (on purpose)' });
    }
    for (const reference of request.references ?? []) {
      mkdirSync(join(request.outDir, 'avis', reference), { recursive: true });
      writeFileSync(join(request.outDir, 'avis', reference, 'index.html'), `<h1>${reference}</h1>`);
    }
    writeFileSync(join(request.outDir, 'index.html'), home());
    if (request.command === 'search') {
      mkdirSync(join(request.outDir, 'indicateurs'), { recursive: true });
      if (request.slowPages) renameSync(join(request.slowPages, SLOW_PAGE), join(request.outDir, SLOW_PAGE));
      else writeFileSync(join(request.outDir, SLOW_PAGE), indicators());
    }
    const routes = request.command === 'notices' ? request.references.map((reference) => `/avis/${reference}/`) : [];
    const changed = ['index.html', ...(request.command === 'search' ? [SLOW_PAGE] : []), ...(request.references ?? []).map((reference) => `avis/${reference}/index.html`)];
    // The index prepared apart (fake-search-index.mjs) moved in, as the real renderer does.
    if (request.searchIndex) {
      rmSync(join(request.outDir, 'pagefind'), { recursive: true, force: true });
      renameSync(join(request.searchIndex, 'pagefind'), join(request.outDir, 'pagefind'));
      changed.push('pagefind/pages.txt', 'pagefind/pagefind-entry.json');
    }
    return answer({ id: request.id, ok: true, kind: request.command === 'notices' ? 'incremental' : 'search', routes: routes.length + 1, written: routes.length + 1, deleted: 0, phases, renderedRoutes: ['/', ...routes], changed });
  }
  answer({ id: request.id, ok: false, error: 'unknown command' });
});
