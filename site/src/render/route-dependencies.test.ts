import { describe, expect, it } from 'vitest';
import { Catalogue } from '../lib/notices/catalogue.js';
import { FILTER_FACETS } from '../lib/notices/filters.js';
import { openListPages } from '../lib/notices/list-views.js';
import { filterDataParts } from '../lib/notices/filter-data.js';
import { pageCount } from '../lib/notices/pagination.js';
import { LORGUES, LORGUES_BUYER, aLot, aNotice, siteData } from '../lib/test-support/builders.js';
import type { Notice } from '../lib/hub/types.js';
import { routesToRender, type RouteKey } from './route-dependencies.js';

const DAY = 86_400_000;
const BUILT_AT = Date.parse('2026-12-01T09:00:00Z');

// 120 open notices of Dracénie, one a day, then one of Lorgues in Lorgues last: three pages of the open list.
const dracenie = Array.from({ length: 120 }, (_, index) =>
  aNotice({
    reference: `2026-DRA-${String(index + 1).padStart(4, '0')}`,
    submissionDeadline: new Date(Date.parse('2026-12-10T11:00:00Z') + index * DAY).toISOString(),
  }),
);
const lorgues = aNotice({
  reference: '2026-LOR-0001',
  organisation: LORGUES_BUYER,
  placeOfPerformance: { inseeCode: LORGUES.inseeCode, name: LORGUES.name, slug: LORGUES.slug },
  submissionDeadline: '2027-12-10T11:00:00Z',
});
const before = new Catalogue(siteData([...dracenie, lorgues]));
const after = (changed: Notice) =>
  new Catalogue(siteData([...dracenie, lorgues].map((notice) => (notice.reference === changed.reference ? changed : notice))));

const route = (component: string, params: Record<string, string | undefined> = {}): RouteKey => ({ component, params });
const OPEN_PAGE = 'src/pages/avis/suite/[after].astro';
const OPEN_FIRST = 'src/pages/avis/index.astro';
const FACET_PAGE = 'src/pages/avis/[facet]/[slug]/[...page].astro';
const BUYER_PAGE = 'src/pages/acheteurs/[slug]/[...page].astro';
const FAMILY_PAGE = 'src/pages/familles/[slug]/[...page].astro';
const ARCHIVES_PAGE = 'src/pages/archives/[...page].astro';
const FACET_JSON = 'src/pages/avis/[facet]/[slug].json.ts';
const FACET_FEED = 'src/pages/flux/[facet]/[slug].xml.ts';
const FACET_PART = 'src/pages/avis/[facet]/[slug]/lignes/[after].json.ts';

/** The routes of an open list's pages (cut by its notices), the first one as `first` gives it. */
function openRoutes(list: readonly Notice[], first: (name: string | null) => RouteKey): RouteKey[] {
  return openListPages(list).pages.map((page) => first(page.after));
}

const openRoute = (name: string | null) => (name === null ? route(OPEN_FIRST) : route(OPEN_PAGE, { after: name }));
const facetRoute = (facet: string, slug: string) => (name: string | null) =>
  route(FACET_PAGE, { facet, slug, page: name === null ? undefined : `suite/${name}` });

/** The name of the page of an open list that holds `reference`. */
function pageHolding(list: readonly Notice[], reference: string): string | null {
  const page = openListPages(list).pages.find((candidate) => candidate.items.some((notice) => notice.reference === reference));
  if (!page) throw new Error(`${reference} is not in the list`);
  return page.after;
}

/** The routes of every list of the site for `catalogue`, as the pages' getStaticPaths give them. */
function listRoutes(catalogue: Catalogue): RouteKey[] {
  const routes: RouteKey[] = openRoutes(catalogue.open, openRoute);
  // The archives are numbered from the oldest; the newest page is /archives/ itself.
  const archives = pageCount(catalogue.archived.length);
  for (let n = 1; n <= archives; n++) routes.push(route(ARCHIVES_PAGE, { page: n === archives ? undefined : String(n) }));
  const options = catalogue.facetOptions();
  for (const facet of FILTER_FACETS) {
    for (const option of options[facet]) {
      routes.push(...openRoutes(catalogue.openWith(facet, option.slug), facetRoute(facet, option.slug)));
      routes.push(route(FACET_JSON, { facet, slug: option.slug }), route(FACET_FEED, { facet, slug: option.slug }));
      for (const part of filterDataParts(catalogue.openWith(facet, option.slug)).pages.slice(1)) {
        routes.push(route(FACET_PART, { facet, slug: option.slug, after: part.after! }));
      }
    }
  }
  // A buyer's and a family's pages are numbered from the oldest too.
  const register = (component: string, count: number, slug: string) => {
    const last = pageCount(count);
    for (let n = 1; n <= last; n++) routes.push(route(component, { slug, page: n === last ? undefined : String(n) }));
  };
  for (const family of catalogue.families) register(FAMILY_PAGE, catalogue.familyList(family.slug).length, family.slug);
  for (const organisation of catalogue.organisations) register(BUYER_PAGE, catalogue.organisationList(organisation.slug).length, organisation.slug);
  return routes;
}

describe('the routes an incremental release renders', () => {
  /** The pages of an open list `render` renders, by name. */
  const renderedOf = (render: (route: RouteKey) => boolean, list: readonly Notice[], as: (name: string | null) => RouteKey) =>
    openListPages(list).pages.filter((page) => render(as(page.after))).map((page) => page.after);

  it('after a correction that moves nothing, only the list pages holding the notice, its feeds and its buyer', () => {
    const corrected = { ...dracenie[60]!, title: 'Entretien des espaces verts (corrigé)' };
    const render = routesToRender(before, after(corrected), [corrected.reference]);
    const holding = pageHolding(before.open, corrected.reference);
    expect(holding, 'the notice is past the first page').not.toBeNull();
    // The first page (it counts the notices per value of each filter) and the page holding the notice.
    expect(renderedOf(render, before.open, openRoute)).toEqual([null, holding]);
    const services = before.openWith('nature', 'services');
    expect(renderedOf(render, services, facetRoute('nature', 'services'))).toEqual([pageHolding(services, corrected.reference)]);
    expect(render(route(FACET_PAGE, { facet: 'commune', slug: 'lorgues', page: undefined }))).toBe(false);
    expect(render(route(FACET_FEED, { facet: 'commune', slug: 'lorgues' }))).toBe(false);
    expect(render(route(FACET_JSON, { facet: 'nature', slug: 'services' }))).toBe(true);
    expect(render(route(BUYER_PAGE, { slug: LORGUES_BUYER.slug }))).toBe(false);
    // Dracénie's 120 notices, newest published first, the same day, so the highest reference first: 2026-DRA-0061
    // is the 61st oldest, on page 2 (51st to 100th oldest); page 1 holds the 50 oldest, the front page the newest.
    expect(render(route(BUYER_PAGE, { slug: corrected.organisation.slug, page: '2' }))).toBe(true);
    expect(render(route(BUYER_PAGE, { slug: corrected.organisation.slug, page: '1' }))).toBe(false);
    // What it cannot prove unchanged: the first page of /avis/ (its counts), home, feeds of every notice, calendar, open data.
    expect(render(route(OPEN_FIRST))).toBe(true);
    expect(render(route('src/pages/index.astro'))).toBe(true);
    expect(render(route('src/pages/donnees/avis.json.ts'))).toBe(true);
    expect(render(route('src/pages/avis/echeances.ics.ts'))).toBe(true);
  });

  it('after a notice leaves the open list or moves in it, the pages it left and joined, not the pages after them', () => {
    const cancelled = { ...dracenie[70]!, status: 'CANCELLED' as const, isOpen: false, cancelledAt: '2026-12-01T08:00:00Z' };
    const next = after(cancelled);
    const render = routesToRender(before, next, [cancelled.reference]);
    const held = pageHolding(before.open, cancelled.reference);
    const rendered = renderedOf(render, next.open, openRoute);
    // The first page, the page that held it (or the page it merged into), at most one more.
    expect(rendered[0]).toBeNull();
    expect(rendered.length).toBeLessThanOrEqual(3);
    const pages = openListPages(next.open).pages;
    expect(pages.length, 'the list has pages the cancellation leaves alone').toBeGreaterThan(rendered.length);
    if (openListPages(next.open).page(held)) expect(rendered).toContain(held);
    expect(render(route(ARCHIVES_PAGE, { page: undefined }))).toBe(true);
    expect(render(route(FACET_PAGE, { facet: 'commune', slug: 'lorgues', page: undefined }))).toBe(false);
    expect(render(route(FACET_FEED, { facet: 'procedure', slug: 'procedure-adaptee' }))).toBe(true);

    const moved = { ...dracenie[10]!, submissionDeadline: '2027-06-01T11:00:00Z' };
    const afterMove = after(moved);
    const renderMoved = routesToRender(before, afterMove, [moved.reference]);
    const movedPages = renderedOf(renderMoved, afterMove.open, openRoute);
    expect(movedPages).toContain(pageHolding(afterMove.open, moved.reference));
    expect(movedPages.length).toBeLessThanOrEqual(4);
  });

  it('after a publication at the end of a list, its last page and first page, not the pages before', () => {
    const published = aNotice({ reference: '2026-DRA-9999', submissionDeadline: '2028-01-10T11:00:00Z' });
    const catalogue = new Catalogue(siteData([...dracenie, lorgues, published]));
    const render = routesToRender(before, catalogue, [published.reference]);
    const pages = openListPages(catalogue.open).pages;
    expect(renderedOf(render, catalogue.open, openRoute)).toEqual(
      pages.at(-1)!.after === null ? [null] : [null, ...(pages.at(-1)!.items.length === 1 ? [pages.at(-2)!.after] : []), pages.at(-1)!.after].filter((name, index, all) => all.indexOf(name) === index),
    );
    // A buyer's and a family's notices, newest published first: the publication goes on their front page only.
    expect(render(route(BUYER_PAGE, { slug: published.organisation.slug }))).toBe(true);
    expect(render(route(BUYER_PAGE, { slug: published.organisation.slug, page: '2' }))).toBe(false);
    expect(render(route(BUYER_PAGE, { slug: published.organisation.slug, page: '1' }))).toBe(false);
    expect(render(route(FAMILY_PAGE, { slug: 'espaces-verts' }))).toBe(true);
    expect(render(route(FAMILY_PAGE, { slug: 'espaces-verts', page: '2' }))).toBe(false);
    expect(render(route(BUYER_PAGE, { slug: LORGUES_BUYER.slug }))).toBe(false);
  });

  it('the pages the clock moved when it closed another notice between the two releases: the first, not every page', () => {
    const corrected = { ...lorgues, title: 'Autre intitulé' };
    // The first notice closed at noon, ten days later (numbered pages would all shift by one).
    const later = new Catalogue(siteData([...dracenie, corrected], new Date('2026-12-10T12:00:00Z')));
    const render = routesToRender(before, later, [corrected.reference]);
    const rendered = renderedOf(render, later.open, openRoute);
    expect(rendered[0]).toBeNull();
    expect(rendered).toContain(pageHolding(later.open, corrected.reference));
    expect(rendered.length).toBeLessThanOrEqual(3);
    expect(render(route(ARCHIVES_PAGE, { page: undefined }))).toBe(true);
  });
});

/**
 * A territory of `size` notices over two buyers, two communes, two families: `openShare` of them open (deadlines
 * spread over the next 60 days), the others closed over the past years, a third of those awarded.
 */
function territory(size: number, openShare: number): Notice[] {
  const open = Math.round(size * openShare);
  return Array.from({ length: size }, (_, index) => {
    const isOpen = index < open;
    const deadline = isOpen ? BUILT_AT + 3_600_000 + Math.floor((index / open) * 60 * DAY) : BUILT_AT - (index - open + 1) * 4 * 3_600_000;
    const lorguesNotice = index % 3 === 0;
    return aNotice({
      reference: `2026-T-${String(index).padStart(6, '0')}`,
      organisation: lorguesNotice ? LORGUES_BUYER : aNotice().organisation,
      placeOfPerformance: index % 2 === 0 ? { inseeCode: LORGUES.inseeCode, name: LORGUES.name, slug: LORGUES.slug } : null,
      nature: (['SERVICES', 'WORKS', 'SUPPLIES'] as const)[index % 3]!,
      family: index % 4 === 0 ? { slug: 'batiment', name: 'Bâtiment' } : aNotice().family,
      submissionDeadline: new Date(deadline).toISOString(),
      // Open ones published over the last month, before the build; the others 35 days before their deadline.
      publishedAt: new Date(isOpen ? BUILT_AT - 30 * DAY + Math.floor((index / open) * 29 * DAY) : deadline - 35 * DAY).toISOString(),
      status: isOpen ? 'PUBLISHED' : index % 3 === 0 ? 'AWARDED' : 'CLOSED',
      isOpen,
    });
  });
}

type EventName = 'publish' | 'correct' | 'cancel' | 'close' | 'award';

/** The data after one event of each kind, and the notice it names. */
function afterEvent(notices: Notice[], event: EventName): { notices: Notice[]; reference: string } | null {
  const catalogue = new Catalogue(siteData(notices, new Date(BUILT_AT)));
  const replace = (changed: Notice) => notices.map((notice) => (notice.reference === changed.reference ? changed : notice));
  const middle = catalogue.open[Math.floor(catalogue.open.length / 2)]!;
  switch (event) {
    case 'publish': {
      const published = aNotice({ reference: '2026-T-NEW', submissionDeadline: new Date(BUILT_AT + 61 * DAY).toISOString(), publishedAt: new Date(BUILT_AT).toISOString() });
      return { notices: [...notices, published], reference: published.reference };
    }
    case 'correct':
      return { notices: replace({ ...middle, title: 'Intitulé corrigé' }), reference: middle.reference };
    case 'cancel':
      return { notices: replace({ ...middle, status: 'CANCELLED', isOpen: false, cancelledAt: new Date(BUILT_AT).toISOString() }), reference: middle.reference };
    case 'close': {
      const soonest = catalogue.open[0]!;
      return { notices: replace({ ...soonest, status: 'CLOSED', isOpen: false, closedAt: new Date(BUILT_AT).toISOString() }), reference: soonest.reference };
    }
    case 'award': {
      // An all-open territory (the benchmark's) has nothing to award.
      const closed = catalogue.archived.find((notice) => notice.status === 'CLOSED');
      if (!closed) return null;
      const lot = aLot({ status: 'AWARDED', award: { supplierName: 'Jardins du Var SARL', supplierSiret: '12345678900011', sme: true, supplierCommune: 'Lorgues', amount: 1000, awardedOn: '2026-11-30' } });
      return { notices: replace({ ...closed, status: 'AWARDED', lots: [lot] }), reference: closed.reference };
    }
  }
}

/** List routes each event renders, of the list routes of the territory; and of them, pages of the archives. */
function listRoutesRendered(size: number, openShare: number) {
  const notices = territory(size, openShare);
  const previous = new Catalogue(siteData(notices, new Date(BUILT_AT)));
  const counts = { lists: listRoutes(previous).length } as Record<EventName | 'lists', number>;
  const archives = {} as Record<EventName, number>;
  for (const event of ['publish', 'correct', 'cancel', 'close', 'award'] as const) {
    const changed = afterEvent(notices, event);
    if (!changed) continue;
    const { notices: next, reference } = changed;
    const catalogue = new Catalogue(siteData(next, new Date(BUILT_AT)));
    const render = routesToRender(previous, catalogue, [reference]);
    const rendered = listRoutes(catalogue).filter(render);
    counts[event] = rendered.length;
    archives[event] = rendered.filter((route) => route.component === ARCHIVES_PAGE).length;
  }
  return { counts, archives };
}

describe('the list routes each kind of event renders, at 1,000 and 10,000 notices', () => {
  it.each([
    [1_000, 0.2],
    [10_000, 0.2],
    [10_000, 1],
  ])('%i notices, %f of them open', (size, openShare) => {
    const { counts, archives } = listRoutesRendered(size, openShare);
    console.info(`list routes rendered, ${size} notices, ${openShare * 100} % open: ${JSON.stringify(counts)}; archives ${JSON.stringify(archives)}`);
    // A notice archived (cancelled, closed) goes on the front page of the archives (and when that makes one page
    // more, the four before it link one more); an award changes the page holding it.
    for (const event of ['cancel', 'close', 'award'] as const) expect(archives[event] ?? 0).toBeLessThanOrEqual(5);
    // Every kind of event renders a few pages, whatever the territory's size: the open lists are cut by their
    // notices, so a publication, a cancellation or the soonest deadline passing moves its own pages and the first
    // pages, not every page after it.
    for (const event of ['publish', 'correct', 'cancel', 'close'] as const) expect(counts[event], event).toBeLessThanOrEqual(40);
    if (openShare < 1) expect(counts.award).toBeLessThanOrEqual(20);
  });
});

describe('the JSON rows of a facet value, in parts', () => {
  const notices = territory(10_000, 1);
  const previous = new Catalogue(siteData(notices, new Date(BUILT_AT)));
  const partRoutes = (catalogue: Catalogue, facet: 'nature', slug: string) =>
    filterDataParts(catalogue.openWith(facet, slug)).pages.slice(1).map((part) => route(FACET_PART, { facet, slug, after: part.after! }));

  it('after a correction, the part holding the notice only: not the first file, not the other parts', () => {
    const changed = afterEvent(notices, 'correct')!;
    const catalogue = new Catalogue(siteData(changed.notices, new Date(BUILT_AT)));
    const render = routesToRender(previous, catalogue, [changed.reference]);
    const slug = catalogue.facetsOf(catalogue.notice(changed.reference)).nature!;
    const parts = partRoutes(catalogue, 'nature', slug);
    expect(parts.length, 'the value has several parts').toBeGreaterThanOrEqual(2);
    const rendered = parts.filter(render);
    expect(rendered).toHaveLength(1);
    const holding = filterDataParts(catalogue.openWith('nature', slug)).page(rendered[0]!.params.after!)!;
    expect(holding.items.map((notice) => notice.reference)).toContain(changed.reference);
    expect(render(route(FACET_JSON, { facet: 'nature', slug }))).toBe(false);
  });

  it('after a publication, the first file (it counts the rows) and the part it joins, at most one more', () => {
    const changed = afterEvent(notices, 'publish')!;
    const catalogue = new Catalogue(siteData(changed.notices, new Date(BUILT_AT)));
    const render = routesToRender(previous, catalogue, [changed.reference]);
    const slug = catalogue.facetsOf(catalogue.notice(changed.reference)).nature!;
    expect(render(route(FACET_JSON, { facet: 'nature', slug }))).toBe(true);
    const rendered = partRoutes(catalogue, 'nature', slug).filter(render);
    expect(rendered.length).toBeGreaterThanOrEqual(1);
    expect(rendered.length).toBeLessThanOrEqual(2);
    const others = (['travaux', 'services', 'fournitures'] as const).filter((other) => other !== slug);
    for (const other of others) expect(partRoutes(catalogue, 'nature', other).filter(render)).toEqual([]);
  });

  it('renders the same routes whether the read model was worked out from the previous one or made from scratch', () => {
    for (const event of ['publish', 'correct', 'cancel', 'close'] as const) {
      const data = siteData(notices, new Date(BUILT_AT));
      const held = new Catalogue(data);
      // Every list made, as a release's pages make them.
      listRoutes(held);
      const changed = afterEvent(notices, event)!;
      const next = { ...data, notices: changed.notices };
      const worked = new Catalogue(next, { catalogue: held, changed: [changed.reference] });
      const scratch = new Catalogue(next);
      const fromWorked = listRoutes(worked).filter(routesToRender(held, worked, [changed.reference]));
      const fromScratch = listRoutes(scratch).filter(routesToRender(held, scratch, [changed.reference]));
      expect(fromWorked, event).toEqual(fromScratch);
      expect(fromWorked.length, event).toBeGreaterThan(0);
    }
  });
});
