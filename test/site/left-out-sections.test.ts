import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLeftOutSections, type LeftOutSection } from '../../packages/publisher/src/build/site-report.js';
import { startFaultProxy, type FaultProxy, type GraphQLRequest } from './support/fault-proxy.js';
import { graphql, startSeededHub, type RunningHub } from './support/hub-process.js';
import { buildSite, type BuildResult } from './support/site-build.js';
import { startSiteRenderer, type SiteRendererProcess } from './support/site-renderer.js';

// One record the hub cannot compute makes it answer one query with a GraphQL error (HTTP 200): before, any such
// answer failed every build and kept a stale site online until someone edited the data. The real seeded hub is
// read through a proxy that fails chosen queries exactly as the hub fails them (support/fault-proxy.ts): one
// buyer's indicators, one year's, the early-announcement indicator of the plan, the trainings page's data.

const NOTICE = 'Informations indisponibles pour le moment';

interface Picked {
  buyer: { siren: string; slug: string; name: string };
  year: number;
}

/** A buyer with notices (so it is on /indicateurs/) and a year the hub has figures for. */
async function pick(graphqlUrl: string): Promise<Picked> {
  const { organisations, indicatorYears } = await graphql<{
    organisations: { siren: string | null; slug: string; name: string }[];
    indicatorYears: number[];
  }>(graphqlUrl, '{ organisations { siren slug name } indicatorYears }');
  for (const organisation of organisations) {
    if (!organisation.siren) continue;
    const { indicators } = await graphql<{ indicators: { noticeCount: number } }>(
      graphqlUrl,
      'query($s: String!) { indicators(organisationSiren: $s) { noticeCount } }',
      { s: organisation.siren },
    );
    if (indicators.noticeCount > 0) return { buyer: { ...organisation, siren: organisation.siren }, year: indicatorYears[0]! };
  }
  throw new Error('the demo data has no buyer with notices');
}

/** What one bad record of each kind makes the hub refuse. */
function oneOfEachSection({ buyer, year }: Picked): ((request: GraphQLRequest) => boolean)[] {
  return [
    (request) => request.operation === 'SiteIndicatorScopes' && Object.values(request.variables).includes(buyer.siren),
    (request) => request.operation === 'SiteIndicatorScopes' && Object.values(request.variables).includes(year),
    (request) => request.operation === 'SitePlanAnnouncement',
    (request) => request.operation === 'SiteTrainings',
  ];
}

describe('a site built from a hub that cannot give one section', () => {
  let hub: RunningHub;
  let proxy: FaultProxy;
  let picked: Picked;
  let workDir: string;
  let dist: string;
  let build: BuildResult;
  let report: LeftOutSection[];
  const page = (pathname: string, root = dist) => readFile(path.join(root, pathname, 'index.html'), 'utf8');

  beforeAll(async () => {
    hub = await startSeededHub();
    proxy = await startFaultProxy(hub.baseUrl);
    picked = await pick(hub.graphqlUrl);
    // And the advice figures of /indicateurs/ (issue #16), left out the same way.
    proxy.failWhen([...oneOfEachSection(picked), (request) => request.operation === 'SiteAdviceStatistics']);
    workDir = await mkdtemp(path.join(tmpdir(), 'site-test-left-out-'));
    dist = path.join(workDir, 'dist');
    build = await buildSite({ HUB_URL: proxy.graphqlUrl, SITE_OUT_DIR: dist });
    report = build.code === 0 ? await readLeftOutSections(dist) : [];
  }, 600_000);

  afterAll(async () => {
    await proxy?.close();
    await hub?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('publishes the site, and says in its log what it left out and the hub’s error', () => {
    expect(build.code, build.output).toBe(0);
    expect(proxy.failed()).toEqual(expect.arrayContaining(['SiteIndicatorScopes', 'SitePlanAnnouncement', 'SiteTrainings', 'SiteAdviceStatistics']));
    expect(build.output).toContain(`left out of /indicateurs/: Les chiffres de l’année ${picked.year} (`);
    expect(build.output).toMatch(/left out of \/formations\/: .*INTERNAL_SERVER_ERROR/);
  });

  it('writes each section left out, with its page and the hub’s error, where the publisher’s /status reads it', () => {
    const buyerPage = `/indicateurs/acheteurs/${picked.buyer.slug}/`;
    expect(report).toEqual(
      expect.arrayContaining([
        { page: '/indicateurs/', what: `Les chiffres de l’année ${picked.year}`, error: expect.stringMatching(/INTERNAL_SERVER_ERROR/) },
        { page: buyerPage, what: expect.stringContaining(picked.buyer.name), error: expect.stringMatching(/INTERNAL_SERVER_ERROR/) },
        { page: '/indicateurs/', what: expect.stringMatching(/^La part des avis annoncés dans la programmation/), error: expect.any(String) },
        { page: '/formations/', what: expect.any(String), error: expect.stringMatching(/INTERNAL_SERVER_ERROR/) },
        { page: '/indicateurs/', what: expect.stringMatching(/^Les chiffres du conseil aux communes/), error: expect.stringMatching(/INTERNAL_SERVER_ERROR/) },
      ]),
    );
    // Only the buyer and the year that fail: the other 29 scopes of their requests were asked again one by one.
    expect(report.filter((section) => section.page.startsWith('/indicateurs/acheteurs/'))).toHaveLength(1);
    expect(report).toHaveLength(5);
  });

  it('says on each page concerned, in French, what is missing, and never the hub’s error', async () => {
    for (const pathname of new Set(report.map((section) => section.page))) {
      const html = await page(pathname);
      expect(html, pathname).toContain(NOTICE);
      for (const section of report.filter((entry) => entry.page === pathname)) expect(html, pathname).toContain(section.what);
      expect(html, pathname).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error|127\.0\.0\.1/);
    }
    const indicators = await page('indicateurs');
    // The chart left out is neither drawn nor offered as CSV; the buyer keeps its link, its page says what is missing.
    expect(indicators).not.toContain('id="annonce-programmation"');
    expect(indicators).not.toContain('id="conseil"');
    expect(indicators).not.toContain('href="#conseil"');
    expect(indicators).toContain(`href="/indicateurs/acheteurs/${picked.buyer.slug}/"`);
    await expect(access(path.join(dist, 'indicateurs', 'annonce-programmation.csv'))).rejects.toThrow();
    const buyer = await page(`indicateurs/acheteurs/${picked.buyer.slug}`);
    expect(buyer).not.toContain('class="indicator-summary');
    expect(buyer).toContain('Cette part n’a pas pu être calculée');
  });

  it('leaves the other buyers’ indicators, the notices and the other pages whole', async () => {
    const others = [...(await page('indicateurs')).matchAll(/href="(\/indicateurs\/acheteurs\/[^"]+\/)"/g)]
      .map((match) => match[1]!)
      .filter((pathname) => pathname !== `/indicateurs/acheteurs/${picked.buyer.slug}/`);
    expect(others.length).toBeGreaterThan(0);
    for (const pathname of others) {
      const html = await page(pathname.slice(1, -1));
      expect(html, pathname).toContain('class="indicator-summary');
      // Their notice names only the early-announcement share, which every buyer's page shows.
      expect(html.includes('Les indicateurs de '), pathname).toBe(false);
    }
    for (const pathname of ['avis', 'archives', 'deontologie', 'donnees', 'programmation']) {
      expect((await page(pathname)).includes(NOTICE), pathname).toBe(false);
    }
    expect(await readFile(path.join(dist, 'flux/avis.xml'), 'utf8')).toContain('<item>');
  });

  it('still fails, writing nothing, when the hub cannot give the notices: a partial list of tenders is never published', async () => {
    proxy.failWhen([(request) => request.operation === 'SiteNotices']);
    const target = path.join(workDir, 'no-notices');
    const failed = await buildSite({ HUB_URL: proxy.graphqlUrl, SITE_OUT_DIR: target });
    expect(failed.code, failed.output).toBe(1);
    expect(failed.output).toMatch(/INTERNAL_SERVER_ERROR/);
    expect(failed.output).toMatch(/nothing was written/);
    await expect(access(target)).rejects.toThrow();
  }, 600_000);
});

describe('the publisher’s long-lived renderer and what it left out', () => {
  let hub: RunningHub;
  let proxy: FaultProxy;
  let picked: Picked;
  let renderer: SiteRendererProcess;
  let workDir: string;
  const now = new Date().toISOString();

  beforeAll(async () => {
    hub = await startSeededHub();
    proxy = await startFaultProxy(hub.baseUrl);
    picked = await pick(hub.graphqlUrl);
    workDir = await mkdtemp(path.join(tmpdir(), 'site-test-left-out-renderer-'));
    renderer = await startSiteRenderer(proxy.graphqlUrl);
  }, 600_000);

  afterAll(async () => {
    await renderer?.stop();
    await proxy?.close();
    await hub?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('writes the report of every release, and forgets what it left out once the hub gives it again', { timeout: 900_000 }, async () => {
    const release = (name: string) => path.join(workDir, name);
    proxy.failWhen(oneOfEachSection(picked));
    const full = await renderer.send({ command: 'full', outDir: release('full-1'), now });
    expect(full, renderer.output()).toMatchObject({ ok: true, kind: 'full' });
    const first = await readLeftOutSections(release('full-1'));
    expect(first.map((section) => section.page).sort()).toEqual(
      ['/formations/', '/indicateurs/', '/indicateurs/', `/indicateurs/acheteurs/${picked.buyer.slug}/`].sort(),
    );
    expect(renderer.output()).toMatch(/left out of \/formations\//);

    // The hub gives everything again. An incremental release renders no indicator and reads the trainings it
    // holds: it says what its pages still leave out, and its report replaces the live one's hard link.
    proxy.failWhen([]);
    const live = await readFile(path.join(release('full-1'), '.build-report.json'), 'utf8');
    const { reference } = (
      await graphql<{ notices: { edges: { node: { reference: string } }[] } }>(hub.graphqlUrl, '{ notices(first: 1) { edges { node { reference } } } }')
    ).notices.edges[0]!.node;
    const incremental = await renderer.send({ command: 'notices', references: [reference], liveDir: release('full-1'), outDir: release('incremental'), now });
    expect(incremental, renderer.output()).toMatchObject({ ok: true, kind: 'incremental' });
    expect(await readLeftOutSections(release('incremental'))).toEqual(first);
    expect(await readFile(path.join(release('full-1'), '.build-report.json'), 'utf8')).toBe(live);

    // The slow path reads the indicators, the plan, the trainings and the charter again (training and charter
    // events take the slow path): what they left out is forgotten, and their pages are whole again.
    const slow = await renderer.send({ command: 'search', liveDir: release('incremental'), outDir: release('slow'), now });
    expect(slow, renderer.output()).toMatchObject({ ok: true, kind: 'search' });
    expect(await readLeftOutSections(release('slow'))).toEqual([]);
    expect((await readFile(path.join(release('slow'), 'indicateurs', 'index.html'), 'utf8')).includes(NOTICE)).toBe(false);
    expect((await readFile(path.join(release('slow'), 'formations', 'index.html'), 'utf8')).includes(NOTICE)).toBe(false);

    // The next full build reads everything afresh: nothing is left out, and /formations/ is whole again.
    const again = await renderer.send({ command: 'full', outDir: release('full-2'), now });
    expect(again, renderer.output()).toMatchObject({ ok: true, kind: 'full' });
    expect(await readLeftOutSections(release('full-2'))).toEqual([]);
    expect(JSON.parse(await readFile(path.join(release('full-2'), '.build-report.json'), 'utf8'))).toEqual({ leftOut: [] });
    expect((await readFile(path.join(release('full-2'), 'formations', 'index.html'), 'utf8')).includes(NOTICE)).toBe(false);
  });

  // The hub's work runs on one thread: its open-data exports, asked for while the notices were read, made every page
  // of notices (which every route waits for) arrive about twice as late at 10,000 notices.
  it('reads every page of notices before asking the hub for its open-data exports, and the open-data page still describes them', { timeout: 900_000 }, async () => {
    proxy.failWhen([]);
    const before = proxy.requests().length;
    const outDir = path.join(workDir, 'full-ordered');
    const full = await renderer.send({ command: 'full', outDir, now });
    expect(full, renderer.output()).toMatchObject({ ok: true, kind: 'full' });
    const requests = proxy.requests().slice(before);
    const noticePages = requests.filter((request) => request.what === 'SiteNotices');
    const exports = requests.filter((request) => request.what.startsWith('/opendata/'));
    expect(noticePages.length).toBeGreaterThan(0);
    expect(exports.map((request) => request.what).sort()).toEqual(['/opendata/decp.json', '/opendata/lots.csv', '/opendata/ocds.json']);
    const lastNoticePage = Math.max(...noticePages.map((request) => request.answered ?? Infinity));
    expect(Math.min(...exports.map((request) => request.arrived))).toBeGreaterThan(lastNoticePage);
    await access(path.join(outDir, 'donnees', 'decp.json'));
    expect(await readFile(path.join(outDir, 'donnees', 'index.html'), 'utf8')).toContain('href="/donnees/decp.json"');
  });
});
