import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft, login, BUYER_EMAIL, signCharterIfNeeded } from '../e2e/support/staff.js';
import { chromiumAvailable, launchChromium } from '../../packages/hub/src/test-support/chromium.js';
import { serveStatic } from './support/static-server.js';
import { graphql, startSeededHub, type RunningHub } from './support/hub-process.js';
import { startSiteRenderer, type SiteRendererProcess } from './support/site-renderer.js';

// One renderer, two schedules, proven equal: the same hub data rendered by a full build, and by a full build
// followed by incremental releases (one per event, as the publisher makes them, each from the one before) and the
// slow path, must give the same files, byte for byte, search index aside (Pagefind's files are not byte-stable
// between identical builds: its page count is compared, and the same queries, run in Chromium through each site's
// own pagefind.js, must find the same pages) and the date the hub stamps on its OCDS package. Both schedules render as of one instant, so the pages'
// "à jour au" line and days left are the same; the events are drawn at random from a seeded generator and printed.
// PARITY_SEED=<n> replays a run's events; PARITY_KEEP=1 keeps every release directory to compare by hand.

const SEED = Number(process.env.PARITY_SEED ?? Date.now() % 100_000);
const EVENTS = 8;

function generator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

/** Every file under `dir`, relative, sorted; the search index and the pre-compressed copies' directory aside. */
async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith(`pagefind${path.sep}`))
    .sort();
}

function sameOcdsPackage(a: Buffer, b: Buffer): boolean {
  const undated = (bytes: Buffer) => {
    const { publishedDate: _publishedDate, ...rest } = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    return rest;
  };
  return JSON.stringify(undated(a)) === JSON.stringify(undated(b));
}

/** Where two texts part, with some context from each: the failure then says what differs, not only where. */
function firstDifference(incremental: Buffer, full: Buffer): string {
  const [a, b] = [incremental.toString('utf8'), full.toString('utf8')];
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 80), at + 80));
  return `    incremental: ${around(a)}\n    full:        ${around(b)}`;
}

/**
 * The pages each query finds in the site served from `dir`, as the search page's script finds them: the site's own
 * `/pagefind/pagefind.js` in Chromium. Each query's result URLs, sorted.
 */
async function searchResults(dir: string, queries: readonly string[]): Promise<Record<string, string[]>> {
  const site = await serveStatic(dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}/recherche/`);
    // As text: the test's own module transform would rewrite a dynamic import() written in a function.
    return (await page.evaluate(`(async (asked) => {
      const pagefind = await import('/pagefind/pagefind.js');
      const found = {};
      for (const query of asked) {
        const { results } = await pagefind.search(query);
        found[query] = (await Promise.all(results.map(async (result) => (await result.data()).url))).sort();
      }
      return found;
    })(${JSON.stringify(queries)})`)) as Record<string, string[]>;
  } finally {
    await browser.close();
    await site.close();
  }
}

async function pageCount(dir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(dir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

describe('the incremental schedule against the full build', { timeout: 900_000 }, () => {
  let hub: RunningHub;
  let renderer: SiteRendererProcess;
  let workDir: string;
  let token: string;
  const now = new Date().toISOString();

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'site-parity-'));
    hub = await startSeededHub();
    token = await login(hub.graphqlUrl, BUYER_EMAIL);
    await signCharterIfNeeded(hub.graphqlUrl, token);
    renderer = await startSiteRenderer(hub.graphqlUrl);
  }, 900_000);

  afterAll(async () => {
    await renderer?.stop();
    await hub?.stop();
    if (workDir && !process.env.PARITY_KEEP) await rm(workDir, { recursive: true, force: true });
    else if (workDir) console.info(`parity: releases kept in ${workDir}`);
  });

  const published: string[] = [];
  const publishNew = async (title: string) => {
    const reference = await createDraft(hub.graphqlUrl, token, { title });
    await graphql(hub.graphqlUrl, 'mutation($r: String!) { publishNotice(reference: $r) { reference } }', { r: reference }, token);
    published.push(reference);
    return reference;
  };
  const correct = (reference: string, title: string) =>
    graphql(
      hub.graphqlUrl,
      'mutation($r: String!, $i: NoticeCorrectionInput!) { correctNotice(reference: $r, input: $i) { reference } }',
      { r: reference, i: { title, reason: 'Erreur de saisie dans l’intitulé.' } },
      token,
    );
  const cancel = (reference: string) =>
    graphql(
      hub.graphqlUrl,
      'mutation($r: String!, $reason: String!) { cancelNotice(reference: $r, reason: $reason) { reference } }',
      { r: reference, reason: 'Besoin abandonné par la commune.' },
      token,
    );

  it('gives byte for byte the files of a full build of the same data', async () => {
    const random = generator(SEED);
    console.info(`parity: seed ${SEED} (PARITY_SEED=${SEED} replays it)`);
    let live = path.join(workDir, 'release-0');
    const first = await renderer.send({ command: 'full', outDir: live, now });
    expect(first, renderer.output()).toMatchObject({ ok: true, kind: 'full' });
    const fullRoutes = first.routes!;

    const log: string[] = [];
    const rendered: number[] = [];
    for (let step = 1; step <= EVENTS; step++) {
      const draw = random();
      let references: string[];
      if (published.length === 0 || draw < 0.45) {
        references = [await publishNew(`Marché d’essai ${step} : entretien des espaces verts`)];
        log.push(`publish ${references[0]}`);
      } else if (draw < 0.8) {
        const reference = published[Math.floor(random() * published.length)]!;
        // Two events for the same notice in a row, one release: it must end with the latest state.
        await correct(reference, `Marché d’essai corrigé ${step}a`);
        await correct(reference, `Marché d’essai corrigé ${step}b`);
        references = [reference, reference];
        log.push(`correct twice ${reference}`);
      } else {
        const reference = published.splice(Math.floor(random() * published.length), 1)[0]!;
        await cancel(reference);
        references = [reference];
        log.push(`cancel ${reference}`);
      }
      const outDir = path.join(workDir, `release-${step}`);
      const answer = await renderer.send({ command: 'notices', references, liveDir: live, outDir, now });
      expect(answer, `${log.join(', ')}\n${renderer.output()}`).toMatchObject({ ok: true, kind: 'incremental' });
      // Only what the event may move: never every notice page.
      expect(answer.routes!).toBeLessThan(fullRoutes);
      rendered.push(answer.routes!);
      live = outDir;
    }
    console.info(`parity: ${log.join(', ')}`);
    console.info(`parity: routes rendered by each release ${rendered.join(', ')}, of ${fullRoutes} in a full build`);
    const slow = path.join(workDir, 'release-slow');
    expect(await renderer.send({ command: 'search', liveDir: live, outDir: slow, now }), renderer.output()).toMatchObject({ ok: true });

    const full = path.join(workDir, 'release-full');
    expect(await renderer.send({ command: 'full', outDir: full, now }), renderer.output()).toMatchObject({ ok: true, kind: 'full' });

    const incrementalFiles = await filesOf(slow);
    const fullFiles = await filesOf(full);
    expect(incrementalFiles).toEqual(fullFiles);
    const different: string[] = [];
    for (const file of fullFiles) {
      const [a, b] = await Promise.all([readFile(path.join(slow, file)), readFile(path.join(full, file))]);
      if (a.equals(b)) continue;
      // The hub's OCDS package, republished as it is, dates itself (publishedDate) when the hub exports it: the two
      // downloads are seconds apart. Everything else in it must match; its compressed copies follow it.
      if (file === path.join('donnees', 'ocds.json') && sameOcdsPackage(a, b)) continue;
      if (file.startsWith(path.join('donnees', 'ocds.json.'))) continue;
      different.push(/\.(br|gz)$/.test(file) ? file : `${file}\n${firstDifference(a, b)}`);
    }
    expect(different, `seed ${SEED}: ${log.join(', ')}`).toEqual([]);
    expect(await pageCount(slow)).toBe(await pageCount(full));
    if (chromiumAvailable()) {
      // The words of the events' titles (published, corrected twice, cancelled) and of the seeded notices.
      const queries = ['essai', 'corrigé', `corrigé ${EVENTS}b`, 'entretien espaces verts', 'voirie', 'travaux', 'fournitures', 'nettoyage', 'restauration', 'transport', ...published];
      const [incremental, rebuilt] = [await searchResults(slow, queries), await searchResults(full, queries)];
      expect(incremental, `seed ${SEED}: ${log.join(', ')}`).toEqual(rebuilt);
      // Not an empty comparison: the published notices are found.
      expect(incremental['essai']!.length, JSON.stringify(incremental)).toBeGreaterThan(0);
    }
  });

  it('leaves the live release untouched: its files are hard links that were replaced, never written through', async () => {
    // release-0 is the first full build; the events since changed pages it shares files with by hard links.
    const [before] = await Promise.all([readFile(path.join(workDir, 'release-0', 'avis', 'index.html'), 'utf8')]);
    for (const reference of published) expect(before).not.toContain(reference);
  });
});
