import { mkdirSync, writeFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RouteData, SSRManifest } from 'astro';
import { App } from 'astro/app';
import { buildGate } from '../lib/build-gate.js';
import { BUILD_REPORT_FILE, forgetLeftOut, leftOutSections, writeBuildReport, type LeftOutSection } from '../lib/build-report/left-out.js';
import { SITEMAP_DIR, SitemapBook } from '../lib/feeds/sitemap.js';
import { hubUrl as configuredHubUrl } from '../lib/config.js';
import { loadSiteDataAsRead } from '../lib/hub/load.js';
import { loadNotice } from '../lib/hub/load-notice.js';
import type { Notice } from '../lib/hub/types.js';
import { forgetCardViews } from '../lib/notices/card-view.js';
import { Catalogue, type SiteData } from '../lib/notices/catalogue.js';
import { downloadOfficialFiles } from '../lib/open-data/official-download.js';
import { shareOfficialManifest } from '../lib/open-data/official-files.js';
import { forgetCharter } from '../lib/charter/load.js';
import { forgetIndicators, refreshIndicators } from '../lib/indicators/load.js';
import { forgetPlan, refreshPlan } from '../lib/plan/load.js';
import { forgetPlanCatalogue } from '../lib/plan/site-plan.js';
import { forgetTrainings } from '../lib/trainings/load.js';
import { useSiteData } from '../lib/site.js';
import { hardLinkTree } from '@territoire-achats/hard-links';
import { moveInto, recycleRelease, removeFile, replaceIfChanged, writeStream, writeStreamIfDiffers, type RecycledRelease } from './release-files.js';
import { routesToRender } from './route-dependencies.js';
import { eachLimited } from './each-limited.js';

/** One output file of the site: the URL path a visitor asks for and the file that answers it. */
export interface SiteRoute {
  /** `/avis/2025-DPV-0001/`, `/flux/avis.xml`, `/404` */
  pathname: string;
  /** relative to the release directory: `avis/2025-DPV-0001/index.html`, `flux/avis.xml`, `404.html` */
  file: string;
  /** the page or endpoint of `src/pages/` that renders it */
  component: string;
  /** an HTML page a visitor (and the sitemap) would link to */
  page: boolean;
  /** the parameters of its path (`{ facet: 'commune', slug: 'lorgues', page: '2' }`) */
  params: Record<string, string | undefined>;
}

export interface RenderStats {
  routes: number;
  written: number;
  deleted: number;
  /** milliseconds per phase, in order */
  phases: Record<string, number>;
  /**
   * What the release leaves out because the hub could not give it (src/lib/build-report/left-out.ts), as written
   * to its `.build-report.json`.
   */
  leftOut: LeftOutSection[];
}

/**
 * The routes the incremental schedule leaves to the slow path: pages drawn from data no notice event changes
 * (indicators, with their charts; the trainings and the charter, with their staff figures), and the open-data page
 * with the site's own files (every notice as JSON, every lot as CSV, the plan as CSV: tens of megabytes at 50,000
 * notices, which the issue lets follow within a minute). Incremental releases keep them from the live release; the
 * slow path reads their data again and renders them with the notices held, after incremental releases and for the
 * events that change only them (packages/publisher/src/build/release-plan.ts).
 */
const SLOW_COMPONENTS = /^src\/pages\/(indicateurs|donnees\/|formations|deontologie)/;
const NOTICE_COMPONENT = 'src/pages/avis/[reference]/index.astro';
/**
 * The open-data files the site makes itself (every notice as JSON, every lot as CSV, the plan): tens of megabytes
 * each at 50,000 notices, written as they render rather than held whole (`buildFull`'s `fileWritten`).
 */
const STREAMED_COMPONENTS = /^src\/pages\/donnees\/[^/]+\.(json|csv)\.ts$/;
/**
 * The routes an incremental release writes as their body comes, compared with the live release's file on disk,
 * rather than held whole: the deadlines calendar (25 MB at 50,000 open notices, answered as the runs of events it is
 * joined from), which every publication changes.
 */
const LARGE_COMPONENTS = /^src\/pages\/avis\/echeances\.ics\.ts$/;
/** What `prepareSlow` wrote in its directory, for `adoptSlow`: `{"written": [file…], "removed": [file…]}`. */
export const SLOW_PAGES_MANIFEST = '.slow-pages.json';
/** The page that describes the hub's official open-data files: it waits for their download. */
const OFFICIAL_FILES_COMPONENT = 'src/pages/donnees/index.astro';

function outputFile(route: RouteData, pathname: string): string {
  if (route.type === 'endpoint') return pathname.replace(/^\//, '');
  if (pathname === '/' || pathname === '') return 'index.html';
  if (route.route === '/404' || route.route === '/500') return `${route.route.slice(1)}.html`;
  return path.posix.join(pathname.replace(/^\//, ''), 'index.html');
}

function makeRoute(route: RouteData, raw: string, params: Record<string, string | undefined>): SiteRoute {
  const isPage = route.type === 'page';
  const pathname = isPage && raw !== '/404' && raw !== '/500' ? withTrailingSlash(raw) : raw;
  return { pathname, file: outputFile(route, raw), component: route.component, page: isPage && !/^\/(404|500)$/.test(raw), params };
}

function withTrailingSlash(pathname: string): string {
  return pathname.endsWith('/') ? pathname : `${pathname}/`;
}

/** The routes of one version of the data: the notices' pages by reference, every other route in order. */
interface HeldRoutes {
  others: SiteRoute[];
  notices: Map<string, SiteRoute>;
  /** Both, once asked for (`routes()`). */
  all?: SiteRoute[];
}

type PageModule = { getStaticPaths?: (options: unknown) => Promise<{ params: Record<string, string | undefined>; props?: unknown }[]> };

/**
 * Renders `routes` four at a time, the first of each page alone: the first render of a page fills the App's cache
 * of its static paths, which two concurrent first renders would both compute.
 */
async function renderEach(routes: readonly SiteRoute[], task: (route: SiteRoute) => Promise<void>): Promise<void> {
  const seen = new Set<string>();
  const firsts: SiteRoute[] = [];
  const rest: SiteRoute[] = [];
  for (const route of routes) {
    if (seen.has(route.component)) rest.push(route);
    else {
      seen.add(route.component);
      firsts.push(route);
    }
  }
  await eachLimited(firsts, 1, task);
  await eachLimited(rest, 4, task);
}

/**
 * The site's one renderer: every route of `src/pages/` rendered through Astro's `App` with the build's manifest
 * (its styles, scripts and markup exactly as the adapter would serve them), from the data it holds. The full build
 * renders every route with it; the incremental schedule renders what an event changes with it.
 */
export function createSiteRenderer(manifest: SSRManifest) {
  const site = manifest.site ?? 'http://localhost:4321/';
  const projectRoutes = manifest.routes
    .map((info) => info.routeData)
    .filter((route) => (route.type === 'page' || route.type === 'endpoint') && route.origin === 'project');
  // Rendered as prerendered pages: Astro calls each page's getStaticPaths (once per App) and hands the page the
  // props of its path, exactly as `astro build` does for a static site. Set on the manifest's own route objects:
  // Astro finds a route's styles by identity.
  for (const route of projectRoutes) route.prerender = true;
  // Except a notice's page, which takes no props (it finds its notice by the reference in its path): rendered as a
  // server route, Astro does not call its getStaticPaths (one entry per notice, 50,000 at that size) again for each
  // version of the data held.
  const noticeRoute = projectRoutes.find((route) => route.component === NOTICE_COMPONENT);
  if (noticeRoute) noticeRoute.prerender = false;
  let app: App | undefined;
  let data: SiteData | undefined;
  /** The read model of the data held, shared with the pages (src/lib/site.ts): its lists are computed once. */
  let catalogue: Catalogue | undefined;
  /** Whether the data held was read whole (a full build) since the last incremental release. */
  let readWhole = false;

  async function pageModule(route: RouteData): Promise<PageModule> {
    const load = manifest.pageMap?.get(route.component);
    if (!load) throw new Error(`the server build has no module for ${route.component}`);
    return (await (await load()).page()) as PageModule;
  }

  /** Every route for the data held, once enumerated (`heldRoutes()`); undefined until then. */
  let routesHeld: HeldRoutes | undefined;
  /** The notices' pages of the data held, when known before its routes are enumerated (`hold`). */
  let noticeRoutesCarried: Map<string, SiteRoute> | undefined;
  /** Each parameterised route's entries by their parameters, as last enumerated: most are the same from one version to the next. */
  const entriesMade = new Map<string, Map<string, SiteRoute>>();

  /** Holds `next`; `after`: the read model held and the notices changed since, to work the new one out from. */
  function hold(next: SiteData, after?: { catalogue: Catalogue; changed: readonly string[]; notices?: ReadonlyMap<string, Notice | null> }): void {
    // Data read whole (a full build): its card views are forgotten before the next release (applyNoticeChanges).
    if (!after) readWhole = true;
    // The same data held again (the slow path's release, its loaders read again): the same notices' pages.
    noticeRoutesCarried = next === data ? routesHeld?.notices : undefined;
    data = next;
    routesHeld = undefined;
    catalogue = useSiteData(next, after);
    // The plan's read model is grouped with the notices' reference data: grouped again with the new data.
    forgetPlanCatalogue();
    // A fresh App per version of the data: its route cache holds each page's static paths and their props.
    app = new App(manifest, false);
  }

  /** The route of `route` for `params`, made once and kept while a later enumeration still gives it. */
  function siteRoute(route: RouteData, params: Record<string, string | undefined>, made: Map<string, SiteRoute>, kept: Map<string, SiteRoute>): SiteRoute {
    const key = route.params.map((name) => params[name.replace(/^\.\.\./, '')] ?? '').join('\u0000');
    const found = made.get(key) ?? makeRoute(route, route.generate(params), params);
    kept.set(key, found);
    return found;
  }

  /** The page of a notice, as the enumeration of the routes makes it. */
  function noticeSiteRoute(notice: Notice): SiteRoute {
    if (!noticeRoute) throw new Error(`the server build has no route for ${NOTICE_COMPONENT}`);
    const params = { reference: notice.reference };
    return makeRoute(noticeRoute, noticeRoute.generate(params), params);
  }

  /** Every route of the site for the data held, in a stable order (enumerated once per version of the data). */
  async function routes(): Promise<SiteRoute[]> {
    const held = await heldRoutes();
    held.all ??= [...held.others, ...held.notices.values()];
    return held.all;
  }

  /**
   * The routes of the data held, the notices' pages apart. `notices`: the notices' pages of this version already
   * worked out (an incremental release carries the previous version's over, its changed notices put in or taken
   * out), so that a version does not enumerate one route per notice of the territory again.
   */
  async function heldRoutes(notices?: Map<string, SiteRoute>): Promise<HeldRoutes> {
    if (routesHeld) return routesHeld;
    // Kept only if the data held is still the one enumerated: the slow path's pages are prepared beside releases,
    // and a release holding new data meanwhile must not find this enumeration as its own.
    const enumerated = data;
    const found = await enumerateRoutes(notices ?? noticeRoutesCarried);
    if (data === enumerated) routesHeld = found;
    return found;
  }

  async function enumerateRoutes(carried?: Map<string, SiteRoute>): Promise<HeldRoutes> {
    const others: SiteRoute[] = [];
    let notices = carried;
    for (const route of projectRoutes) {
      if (route.params.length === 0) {
        others.push(makeRoute(route, route.pathname ?? route.route, {}));
        continue;
      }
      if (route === noticeRoute && notices) continue;
      const module = await pageModule(route);
      if (!module.getStaticPaths) throw new Error(`${route.component} has parameters but no getStaticPaths`);
      const paths = await module.getStaticPaths({
        paginate: () => {
          throw new Error('the site paginates by itself (src/lib/notices/pagination.ts)');
        },
        routePattern: route.route,
      });
      if (route === noticeRoute) {
        notices = new Map(paths.map((entry) => [entry.params.reference ?? '', makeRoute(route, route.generate(entry.params), entry.params)]));
        continue;
      }
      // A page whose entries carry no props renders from its path alone: rendered as a server route, as a notice's
      // page is, Astro does not call its getStaticPaths again (and key every entry) in each App, once per version
      // of the data held — the enumeration here already did (at 50,000 notices, thousands of entries per page).
      route.prerender = paths.some((entry) => entry.props !== undefined);
      const made = entriesMade.get(route.component) ?? new Map<string, SiteRoute>();
      const kept = new Map<string, SiteRoute>();
      for (const entry of paths) others.push(siteRoute(route, entry.params, made, kept));
      entriesMade.set(route.component, kept);
    }
    return { others, notices: notices ?? new Map() };
  }

  const routeData = new Map(projectRoutes.map((route) => [route.component, route]));

  /** The response of one route; throws with the route's name if the page fails or answers anything but a page. */
  async function respond(route: SiteRoute, using: App | undefined = app): Promise<Response> {
    if (!using) throw new Error('the renderer holds no data yet');
    const data = routeData.get(route.component);
    if (!data) throw new Error(`no route for ${route.component}`);
    const response = await using.render(new Request(new URL(route.pathname, site)), { routeData: data });
    const expected = route.file === '404.html' ? 404 : route.file === '500.html' ? 500 : 200;
    if (response.status !== expected) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`rendering ${route.pathname} (${route.component}) answered ${response.status}, not ${expected}`);
    }
    return response;
  }

  /** The bytes of one route; throws with the route's name if the page fails or answers anything but a page. */
  async function render(route: SiteRoute): Promise<Uint8Array> {
    return new Uint8Array(await (await respond(route)).arrayBuffer());
  }

  /** Each route's absolute address, made once: most routes are the same objects from one version of the data to the next. */
  const addresses = new WeakMap<SiteRoute, string>();
  function addressOf(route: SiteRoute): string {
    let address = addresses.get(route);
    if (address === undefined) {
      address = new URL(route.pathname, site).toString();
      addresses.set(route, address);
    }
    return address;
  }

  /**
   * The sitemap of the live release (src/lib/feeds/sitemap.ts: an index and a file per group of pages): the routes it
   * was made from and its files. Held once a release is made, dropped when one fails.
   */
  let sitemapHeld: { book: SitemapBook; routes: HeldRoutes; files: Map<string, string> } | undefined;

  /**
   * The sitemap's files for the routes `held`, and those that differ from the live release's: from the live
   * release's sitemap when it was made from `change.previous`, the pages `gone` taken out and `added` put in; else
   * made from every page. Call `keep` once the release is made.
   */
  function sitemapOf(
    held: HeldRoutes,
    change?: { previous: HeldRoutes; gone: readonly SiteRoute[]; added: readonly SiteRoute[] },
  ): { files: Map<string, string>; changed: Set<string>; keep: () => void } {
    const live = sitemapHeld;
    let book: SitemapBook;
    let made: { files: Map<string, string>; changed: Set<string> };
    if (change && live?.routes.notices === change.previous.notices) {
      book = live.book;
      // Moved on before the release is made: dropped should it fail (`applyNoticeChanges`).
      sitemapHeld = undefined;
      if (live.routes !== change.previous) {
        // The other routes enumerated again since (the slow path's release holds its data again): their pages.
        const pages = (routes: readonly SiteRoute[]) => new Set(routes.filter((route) => route.page).map(addressOf));
        const [then, now] = [pages(live.routes.others), pages(change.previous.others)];
        for (const address of then) if (!now.has(address)) book.delete(address);
        for (const address of now) if (!then.has(address)) book.add(address);
      }
      for (const route of change.gone) if (route.page) book.delete(addressOf(route));
      for (const route of change.added) if (route.page) book.add(addressOf(route));
      made = book.files();
    } else {
      book = new SitemapBook([...held.others, ...held.notices.values()].filter((route) => route.page).map(addressOf), site);
      const { files } = book.files();
      // Compared with the live release's, where known: most files are the same.
      const changed = new Set([...files].filter(([name, xml]) => live?.files.get(name) !== xml).map(([name]) => name));
      made = { files, changed };
    }
    return { ...made, keep: () => (sitemapHeld = { book, routes: held, files: made.files }) };
  }

  /**
   * A complete release in `outDir` (an empty or missing directory): every route rendered from the hub's data, the
   * client assets of the server build (`clientDir`), the sitemap and the hub's official open-data files.
   */
  async function buildFull(options: {
    hubUrl?: string;
    outDir: string;
    clientDir: string;
    now?: () => Date;
    /**
     * Given each route's bytes to write as `route.file` under `outDir` instead of the renderer writing them, so the
     * caller can write, index and compress them elsewhere (another thread, Pagefind's process) while the next routes
     * render, and not read the whole release again afterwards. Awaited: it applies its own back-pressure; the caller
     * waits for its own writes before reading the release.
     */
    writeRoute?: (route: SiteRoute, body: Uint8Array) => Promise<void> | void;
    /** Called once every notice page has been handed to `writeRoute`, before the other routes render. */
    noticePagesRendered?: () => void;
    /**
     * With `writeRoute`: the open-data files (STREAMED_COMPONENTS) are then written by the renderer as they render,
     * never held whole (/donnees/avis.json is 166 MB at 50,000 notices), and handed over by name once written.
     */
    fileWritten?: (route: SiteRoute) => Promise<void> | void;
    /**
     * How the hub's official open-data files are asked for (the global `fetch` by default): build.mjs gives the
     * answers it asked for while the site compiled (scripts/lib/official-prefetch.mjs).
     */
    officialFetch?: typeof globalThis.fetch;
  }): Promise<RenderStats> {
    const hubUrl = options.hubUrl ?? configuredHubUrl();
    // A build started ahead of time waits here for its start signal, before its first read of the hub.
    await buildGate({ announce: true });
    const { phases, phase } = phaseTimer();
    await mkdir(options.outDir, { recursive: true });
    // Every loader reads afresh and reports afresh what it leaves out (each forget… forgets its part of the report).
    forgetLeftOut();
    forgetIndicators();
    forgetTrainings();
    forgetCharter();
    forgetPlan();
    // Written synchronously, each directory made once: a promise per mkdir, open, write and close of 11,000 small
    // files cost more of the main thread than the writes themselves.
    const made = new Set<string>();
    let downloadFailure: unknown;
    const write = async (route: SiteRoute) => {
      if (downloadFailure !== undefined) throw downloadFailure;
      if (options.writeRoute && options.fileWritten && STREAMED_COMPONENTS.test(route.component)) {
        await writeStream(path.join(options.outDir, route.file), (await respond(route)).body);
        return options.fileWritten(route);
      }
      const body = await render(route);
      if (options.writeRoute) return options.writeRoute(route, body);
      const target = path.join(options.outDir, route.file);
      const dir = path.dirname(target);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(target, body);
    };
    try {
      // The notice pages render as the hub's pages of notices arrive, while it answers the next one: a notice's page
      // shows that notice, the reference data and the clock only, nothing the other notices change. The hub's work
      // runs on one thread, so reading everything before rendering anything left the renderer's core idle for the
      // whole read. Each page of notices is held alone while its pages render; every other route waits for them all.
      const previous = data;
      let read: SiteData;
      try {
        app = new App(manifest, false);
        read = await loadSiteDataAsRead({ endpoint: hubUrl, now: options.now }, async (part) => {
          catalogue = useSiteData(part);
          await eachLimited(part.notices.map(noticeSiteRoute), 4, write);
        });
      } catch (error) {
        // Not left holding one page of notices: the data held stays that of the live release, if any.
        if (previous) hold(previous);
        throw error;
      }
      phase('read and notice pages');
      options.noticePagesRendered?.();
      hold(read);
      // The hub's export files download while the pages render, not while the notices are read: the hub's work runs
      // on one thread, and its three exports (about 7 CPU-s at 10,000 notices, as much as the notices' pages) made the
      // pages every route waits for arrive about twice as late. Only /donnees/ waits for them: it renders last.
      const { official } = await startOfficialDownload(hubUrl, path.join(options.outDir, 'donnees'), options.now, read.notices.length, options.officialFetch);
      // A download that fails fails the build (as /donnees/ would, naming the file) at once, not after every route.
      official.catch((error: unknown) => {
        downloadFailure ??= error;
      });
      const all = await routes();
      await renderEach(
        all.filter((route) => route.component !== OFFICIAL_FILES_COMPONENT && route.component !== NOTICE_COMPONENT),
        write,
      );
      await renderEach(all.filter((route) => route.component === OFFICIAL_FILES_COMPONENT), write);
      phase('render');
      await cp(options.clientDir, options.outDir, { recursive: true });
      await mkdir(path.join(options.outDir, SITEMAP_DIR), { recursive: true });
      sitemapHeld = undefined;
      const sitemap = sitemapOf(await heldRoutes());
      for (const [file, xml] of sitemap.files) await writeFile(path.join(options.outDir, file), xml);
      const leftOut = await writeBuildReport(options.outDir);
      await official;
      sitemap.keep();
      phase('write');
      // Every route, the sitemap's files and the build report.
      return { routes: all.length, written: all.length + sitemap.files.size + 1, deleted: 0, phases, leftOut };
    } finally {
      shareOfficialManifest(undefined);
    }
  }

  /**
   * A new release in `outDir` from the live one (`liveDir`), after the notices named changed on the hub: the live
   * release is hard-linked file by file, each changed notice is read again from the hub, every route whose output
   * may move is rendered again and replaced where its bytes differ, and routes that no longer exist are removed.
   * Notice pages of other notices and the slow pages (indicators, open data, search index) are kept as they are.
   */
  async function applyNoticeChanges(options: {
    hubUrl?: string;
    references: readonly string[];
    liveDir: string;
    outDir: string;
    /** An older release to bring level with the live one instead of hard-linking every file (release-files.ts). */
    recycle?: RecycledRelease;
    now?: () => Date;
  }): Promise<RenderStats & { renderedRoutes: string[]; writtenFiles: string[]; deletedFiles: string[]; changedFiles: string[] }> {
    if (!data) throw new Error('the renderer holds no data: a full build must come first');
    const hubUrl = options.hubUrl ?? configuredHubUrl();
    const { phases, phase } = phaseTimer();
    // The card of every notice, which the full build drew, is not kept for days: only those releases draw again.
    if (readWhole) forgetCardViews();
    readWhole = false;
    const references = [...new Set(options.references)];
    const fetched = await Promise.all(references.map((reference) => loadNotice({ endpoint: hubUrl }, reference)));
    phase('read');
    const before = await heldRoutes();
    const changed = new Map<string, Notice | null>(references.map((reference, index) => [reference, fetched[index] ?? null]));
    // The changed notices' pages the live release has (before `before.notices` is carried over to the new version).
    const noticePagesBefore = references.flatMap((reference) => before.notices.get(reference) ?? []);
    const previous = data;
    // The read model of the live release, its lists already computed by the last release and its pages.
    const previousCatalogue = catalogue ?? new Catalogue(previous);
    // Each changed notice replaces its previous version where it was (found by identity: a scan of pointers, not a
    // test of every notice's reference), a new one is added, a gone one removed: the order of the notices held
    // matters to no page (the read model sorts them).
    const notices = data.notices.slice();
    for (const [reference, notice] of changed) {
      const was = previousCatalogue.has(reference) ? previousCatalogue.notice(reference) : undefined;
      const at = was ? notices.indexOf(was) : -1;
      if (at < 0) {
        if (notice) notices.push(notice);
      } else if (notice) notices[at] = notice;
      else notices.splice(at, 1);
    }
    const next = { ...data, notices, builtAt: options.now?.() ?? new Date() };
    // Worked out from the read model held and the change: the lists the change does not touch stay as they were.
    hold(next, { catalogue: previousCatalogue, changed: references, notices: changed });
    try {
      // The new read model is the one the pages then render from: the lists the narrowing sorts are sorted once.
      const touched = routesToRender(previousCatalogue, catalogue ?? new Catalogue(next), references);
      // The notices' pages of the new version: the previous version's, the changed notices' put in or taken out.
      const noticePages = before.notices;
      for (const [reference, notice] of changed) {
        if (!notice) noticePages.delete(reference);
        else if (!noticePages.has(reference)) noticePages.set(reference, noticeSiteRoute(notice));
      }
      const after = await heldRoutes(noticePages);
      phase('routes');
      await copyLive(options);
      phase('link');
      // A route the live release does not have yet is rendered whatever the narrowing says. Of the notices' pages,
      // only the changed notices' are rendered.
      const liveFiles = new Set(before.others.map((route) => route.file));
      const candidates = [
        ...after.others.filter((route) => !SLOW_COMPONENTS.test(route.component) && (touched(route) || !liveFiles.has(route.file))),
        ...references.flatMap((reference) => after.notices.get(reference) ?? []),
      ];
      const writtenFiles: string[] = [];
      await renderEach(candidates, async (route) => {
        const written = LARGE_COMPONENTS.test(route.component)
          ? await writeStreamIfDiffers(options.outDir, route.file, (await respond(route)).body, options.outDir)
          : await replaceIfChanged(options.outDir, route.file, await render(route));
        if (written) writtenFiles.push(route.file);
      });
      phase('render');
      const remaining = new Set(after.others.map((route) => route.file));
      const gone = [
        ...before.others.filter((route) => !remaining.has(route.file)),
        ...noticePagesBefore.filter((route) => !after.notices.has(route.params.reference ?? '')),
      ];
      for (const route of gone) await removeFile(options.outDir, route.file);
      // The sitemap: the files whose pages changed (a publication: its buyer's and year's), and none left over.
      const added = [
        ...after.others.filter((route) => !liveFiles.has(route.file)),
        ...references.flatMap((reference) => (noticePagesBefore.some((route) => route.params.reference === reference) ? [] : (after.notices.get(reference) ?? []))),
      ];
      const { files: sitemap, changed: sitemapChanged, keep: keepSitemap } = sitemapOf(after, { previous: before, gone, added });
      for (const file of sitemapChanged) {
        const xml = sitemap.get(file);
        if (xml !== undefined && (await replaceIfChanged(options.outDir, file, Buffer.from(xml, 'utf8')))) writtenFiles.push(file);
      }
      const goneSitemaps = (await readdir(path.join(options.outDir, SITEMAP_DIR)).catch(() => [] as string[]))
        .filter((name) => name.endsWith('.xml'))
        .map((name) => path.posix.join(SITEMAP_DIR, name))
        .filter((file) => !sitemap.has(file));
      for (const file of goneSitemaps) await removeFile(options.outDir, file);
      // The pages rendered again read the loaders' data as held (and what they left out): the report says so.
      const leftOut = await writeBuildReport(options.outDir);
      keepSitemap();
      phase('write');
      return {
        routes: candidates.length,
        written: writtenFiles.length,
        deleted: gone.length + goneSitemaps.length,
        phases,
        leftOut,
        renderedRoutes: candidates.map((route) => route.pathname),
        writtenFiles,
        deletedFiles: [...gone.map((route) => route.file), ...goneSitemaps],
        // Every file of the release that may differ from the live one's (a recycled release re-links these).
        changedFiles: [...writtenFiles, ...gone.map((route) => route.file), ...goneSitemaps, BUILD_REPORT_FILE],
      };
    } catch (error) {
      // The data held must stay that of the live release: the publisher falls back to a full build. The sitemap
      // held may have been moved on: made again from the routes next time.
      sitemapHeld = undefined;
      hold(previous);
      throw error;
    }
  }

  /**
   * The slow path's pages, prepared apart from the releases: the pages incremental releases leave alone
   * (indicators, trainings, charter, the open-data page and files) rendered again from a fresh read of the hub into
   * `dir`, those whose bytes differ from the live release's (`liveDir`) only, and the hub's official open-data files
   * downloaded there again. It runs beside incremental releases (renderer.mjs does not queue it): it holds nothing
   * of the data, renders through an App of its own, one route at a time, each body streamed to its file (the
   * open-data files are tens of megabytes at 50,000 notices, never held whole), gives way to the releases between two
   * routes and two pieces of a file (`giveWay`), and stops there once `stopped()` says so. Lists what it wrote in
   * `dir`'s SLOW_PAGES_MANIFEST, for `adoptSlow`.
   */
  async function prepareSlow(options: {
    hubUrl?: string;
    liveDir: string;
    dir: string;
    now?: () => Date;
    stopped?: () => boolean;
    /** Awaited between two routes and two pieces of a streamed file: the releases' turn (renderer.mjs). */
    giveWay?: () => Promise<void>;
  }): Promise<RenderStats & { writtenFiles: string[]; removedFiles: string[] }> {
    if (!data) throw new Error('the renderer holds no data: a full build must come first');
    if (options.stopped?.()) throw new Error('the slow path was stopped (a full build comes first)');
    const { giveWay } = options;
    const between = giveWay
      ? async () => {
          await giveWay();
          if (options.stopped?.()) throw new Error('the slow path was stopped (a full build comes first)');
        }
      : undefined;
    const hubUrl = options.hubUrl ?? configuredHubUrl();
    const { phases, phase } = phaseTimer();
    await mkdir(options.dir, { recursive: true });
    forgetTrainings();
    forgetCharter();
    const { official } = await startOfficialDownload(hubUrl, path.join(options.dir, 'donnees'), options.now, data.notices.length);
    try {
      // The indicators, and the plan (the indicators include its early-announcement share, which publications
      // change), are read again and replace those held once read: a release meanwhile (its enumeration of the
      // routes, the buyers' indicator pages included; its buyers' and families' pages) does not wait for the hub,
      // busy with the slow path's exports, to read them again.
      await Promise.all([refreshIndicators(), refreshPlan()]);
      forgetPlanCatalogue();
      // Its own App: the one incremental releases render with keeps its cache of static paths and props.
      const slowApp = new App(manifest, false);
      const slow = (await routes()).filter((route) => SLOW_COMPONENTS.test(route.component));
      const officialNames = new Set<string>();
      const writtenFiles: string[] = [];
      for (const route of slow) {
        await between?.();
        if (options.stopped?.()) throw new Error('the slow path was stopped (a full build comes first)');
        const response = await respond(route, slowApp);
        if (await writeStreamIfDiffers(options.dir, route.file, response.body, options.liveDir, between)) writtenFiles.push(route.file);
      }
      phase('render');
      const downloaded = await official;
      const removedFiles: string[] = [];
      for (const [name, file] of Object.entries(downloaded.files)) {
        // A file the hub has nothing for any more (204) must not linger from the live release.
        if (file) officialNames.add(name);
        else removedFiles.push(path.posix.join('donnees', name));
      }
      for (const name of officialNames) writtenFiles.push(path.posix.join('donnees', name));
      await writeFile(path.join(options.dir, SLOW_PAGES_MANIFEST), `${JSON.stringify({ written: writtenFiles, removed: removedFiles })}\n`);
      phase('open data');
      return { routes: slow.length, written: writtenFiles.length, deleted: removedFiles.length, phases, writtenFiles, removedFiles, leftOut: leftOutSections() };
    } catch (error) {
      await official.catch(() => undefined);
      throw error;
    } finally {
      shareOfficialManifest(undefined);
    }
  }

  /**
   * The slow path's release: the live release (`liveDir`, or `recycle` brought level with it) with the slow pages
   * `prepareSlow` made in `prepared` moved in. Renders nothing: a publication waiting behind it waits for a copy and
   * a few renames. The App is made afresh (as a full build's is) for the loaders read again; the notices' read model is held again as it is.
   */
  async function adoptSlow(options: {
    liveDir: string;
    outDir: string;
    prepared: string;
    recycle?: RecycledRelease;
  }): Promise<RenderStats & { changedFiles: string[] }> {
    if (!data) throw new Error('the renderer holds no data: a full build must come first');
    const { phases, phase } = phaseTimer();
    const listed = JSON.parse(await readFile(path.join(options.prepared, SLOW_PAGES_MANIFEST), 'utf8')) as { written: string[]; removed: string[] };
    await copyLive(options);
    phase('link');
    await moveInto(options.prepared, options.outDir, listed.written, listed.removed);
    // A fresh App for the slow loaders read again; the notices' read model is the one held (no notice changed): its
    // lists stay the same arrays, so the next release does not sort, partition and cut every notice again.
    hold(data, catalogue ? { catalogue, changed: [] } : undefined);
    // The indicators and the plan were read again (forgetting what they left out before): the report says what now.
    const leftOut = await writeBuildReport(options.outDir);
    phase('slow pages');
    return {
      routes: 0,
      written: listed.written.length,
      deleted: listed.removed.length,
      phases,
      leftOut,
      changedFiles: [...listed.written, ...listed.removed, BUILD_REPORT_FILE],
    };
  }

  return {
    routes,
    render,
    prepareSlow,
    adoptSlow,
    hold,
    held: () => data,
    buildFull,
    applyNoticeChanges,
  };
}

/** The new release's directory, as a copy of the live one: a recycled older release when given, else hard links. */
async function copyLive(options: { liveDir: string; outDir: string; recycle?: RecycledRelease }): Promise<void> {
  if (options.recycle) await recycleRelease(options.recycle, options.liveDir, options.outDir);
  else await hardLinkTree(options.liveDir, options.outDir);
}

export type SiteRenderer = ReturnType<typeof createSiteRenderer>;

/** Milliseconds spent in each phase of a release, each `phase(name)` closing the one since the previous call. */
function phaseTimer(): { phases: Record<string, number>; phase: (name: string) => void } {
  const phases: Record<string, number> = {};
  let mark = performance.now();
  return {
    phases,
    phase(name) {
      const at = performance.now();
      phases[name] = Math.round(at - mark);
      mark = at;
    },
  };
}

/**
 * The hub's official open-data files start downloading into `dir` while the pages render; the manifest is shared at
 * once with /donnees/, the only page that waits for it. Wrapped so that awaiting this does not await the download.
 */
async function startOfficialDownload(hubUrl: string, dir: string, now: (() => Date) | undefined, notices: number, fetch?: typeof globalThis.fetch) {
  await mkdir(dir, { recursive: true });
  const official = downloadOfficialFiles({ hubUrl, dir, now, notices, fetch });
  official.catch(() => undefined);
  shareOfficialManifest(official);
  return { official };
}
