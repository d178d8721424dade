import { describe, expect, it } from 'vitest';
import { Catalogue } from '../lib/notices/catalogue.js';
import { FILTER_FACETS } from '../lib/notices/filters.js';
import { LIST_PAGE_SIZE, pageCount } from '../lib/notices/pagination.js';
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
const OPEN_PAGE = 'src/pages/avis/page/[page].astro';
const FACET_PAGE = 'src/pages/avis/[facet]/[slug]/[...page].astro';
const BUYER_PAGE = 'src/pages/acheteurs/[slug]/[...page].astro';
const FAMILY_PAGE = 'src/pages/familles/[slug]/[...page].astro';
const ARCHIVES_PAGE = 'src/pages/archives/[...page].astro';
const FACET_JSON = 'src/pages/avis/[facet]/[slug].json.ts';
const FACET_FEED = 'src/pages/flux/[facet]/[slug].xml.ts';

/** The routes of every list of the site for `catalogue`, as the pages' getStaticPaths give them. */
function listRoutes(catalogue: Catalogue): RouteKey[] {
  const pages = (count: number, params: Record<string, string>, first?: string) =>
    Array.from({ length: pageCount(count) }, (_, index) =>
      index === 0 && first ? route(first) : { ...params, page: index === 0 ? undefined : String(index + 1) },
    );
  const routes: RouteKey[] = [route('src/pages/avis/index.astro')];
  for (let n = 2; n <= pageCount(catalogue.open.length); n++) routes.push(route(OPEN_PAGE, { page: String(n) }));
  for (let n = 1; n <= pageCount(catalogue.archived.length); n++) routes.push(route(ARCHIVES_PAGE, { page: n === 1 ? undefined : String(n) }));
  const options = catalogue.facetOptions();
  for (const facet of FILTER_FACETS) {
    for (const option of options[facet]) {
      for (const params of pages(option.openCount, { facet, slug: option.slug })) routes.push(route(FACET_PAGE, params as Record<string, string>));
      routes.push(route(FACET_JSON, { facet, slug: option.slug }), route(FACET_FEED, { facet, slug: option.slug }));
    }
  }
  for (const family of catalogue.families) {
    const { open, past } = catalogue.noticesOfFamily(family.slug);
    for (const params of pages(open.length + past.length, { slug: family.slug })) routes.push(route(FAMILY_PAGE, params as Record<string, string>));
  }
  for (const organisation of catalogue.organisations) {
    const { open, past } = catalogue.noticesOfOrganisation(organisation.slug);
    for (const params of pages(open.length + past.length, { slug: organisation.slug })) routes.push(route(BUYER_PAGE, params as Record<string, string>));
  }
  return routes;
}

describe('the routes an incremental release renders', () => {
  it('after a correction that moves nothing, only the list pages holding the notice, its feeds and its buyer', () => {
    const corrected = { ...dracenie[60]!, title: 'Entretien des espaces verts (corrigé)' };
    expect(Math.floor(60 / LIST_PAGE_SIZE) + 1).toBe(2);
    const render = routesToRender(before, after(corrected), [corrected.reference]);
    expect(render(route(OPEN_PAGE, { page: '2' }))).toBe(true);
    expect(render(route(OPEN_PAGE, { page: '3' }))).toBe(false);
    expect(render(route(FACET_PAGE, { facet: 'nature', slug: 'services', page: '2' }))).toBe(true);
    expect(render(route(FACET_PAGE, { facet: 'nature', slug: 'services', page: undefined }))).toBe(false);
    expect(render(route(FACET_PAGE, { facet: 'commune', slug: 'lorgues', page: undefined }))).toBe(false);
    expect(render(route(FACET_FEED, { facet: 'commune', slug: 'lorgues' }))).toBe(false);
    expect(render(route(FACET_JSON, { facet: 'nature', slug: 'services' }))).toBe(true);
    expect(render(route(BUYER_PAGE, { slug: LORGUES_BUYER.slug }))).toBe(false);
    expect(render(route(BUYER_PAGE, { slug: corrected.organisation.slug, page: '2' }))).toBe(true);
    expect(render(route(BUYER_PAGE, { slug: corrected.organisation.slug, page: '3' }))).toBe(false);
    // What it cannot prove unchanged: the first page of /avis/ (its counts), home, feeds of every notice, calendar, open data.
    expect(render(route('src/pages/avis/index.astro'))).toBe(true);
    expect(render(route('src/pages/index.astro'))).toBe(true);
    expect(render(route('src/pages/donnees/avis.json.ts'))).toBe(true);
    expect(render(route('src/pages/avis/echeances.ics.ts'))).toBe(true);
  });

  it('after a notice moves (cancelled, deadline corrected), the pages from its place on, not the ones before it', () => {
    const cancelled = { ...dracenie[70]!, status: 'CANCELLED' as const, isOpen: false, cancelledAt: '2026-12-01T08:00:00Z' };
    const render = routesToRender(before, after(cancelled), [cancelled.reference]);
    // Open list: 121 notices, pages 1 (/avis/), 2 (51–100: the notice was 71st) and 3.
    expect(render(route(OPEN_PAGE, { page: '2' }))).toBe(true);
    expect(render(route(OPEN_PAGE, { page: '3' }))).toBe(true);
    expect(render(route(ARCHIVES_PAGE, { page: undefined }))).toBe(true);
    expect(render(route(FACET_PAGE, { facet: 'commune', slug: 'lorgues', page: undefined }))).toBe(false);
    expect(render(route(FACET_FEED, { facet: 'procedure', slug: 'procedure-adaptee' }))).toBe(true);

    const moved = { ...dracenie[103]!, submissionDeadline: '2027-06-01T11:00:00Z' };
    const renderMoved = routesToRender(before, after(moved), [moved.reference]);
    expect(renderMoved(route(OPEN_PAGE, { page: '2' }))).toBe(false);
    expect(renderMoved(route(OPEN_PAGE, { page: '3' }))).toBe(true);
  });

  it('after a publication at the end of a list, its last pages and first page, not the pages before', () => {
    const published = aNotice({ reference: '2026-DRA-9999', submissionDeadline: '2028-01-10T11:00:00Z' });
    const catalogue = new Catalogue(siteData([...dracenie, lorgues, published]));
    const render = routesToRender(before, catalogue, [published.reference]);
    expect(render(route('src/pages/avis/index.astro'))).toBe(true);
    expect(render(route(OPEN_PAGE, { page: '2' }))).toBe(false);
    expect(render(route(OPEN_PAGE, { page: '3' }))).toBe(true);
    expect(render(route(BUYER_PAGE, { slug: published.organisation.slug }))).toBe(true);
    expect(render(route(BUYER_PAGE, { slug: published.organisation.slug, page: '2' }))).toBe(false);
    expect(render(route(BUYER_PAGE, { slug: LORGUES_BUYER.slug }))).toBe(false);
  });

  it('the pages the clock moved when it closed another notice between the two releases', () => {
    const corrected = { ...lorgues, title: 'Autre intitulé' };
    // The first notice closed at noon, ten days later: every page of the open list shifts by one.
    const later = new Catalogue(siteData([...dracenie, corrected], new Date('2026-12-10T12:00:00Z')));
    const render = routesToRender(before, later, [corrected.reference]);
    expect(render(route(OPEN_PAGE, { page: '2' }))).toBe(true);
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
      nature: (['SERVICES', 'WORKS', 'SUPPLIES'] as const)[index % 3],
      family: index % 4 === 0 ? { slug: 'batiment', name: 'Bâtiment' } : aNotice().family,
      submissionDeadline: new Date(deadline).toISOString(),
      publishedAt: new Date(deadline - 35 * DAY).toISOString(),
      status: isOpen ? 'PUBLISHED' : index % 3 === 0 ? 'AWARDED' : 'CLOSED',
      isOpen,
    });
  });
}

type EventName = 'publish' | 'correct' | 'cancel' | 'close' | 'award';

/** The data after one event of each kind, and the notice it names. */
function afterEvent(notices: Notice[], event: EventName): { notices: Notice[]; reference: string } {
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
      const closed = catalogue.archived.find((notice) => notice.status === 'CLOSED')!;
      const lot = aLot({ status: 'AWARDED', award: { supplierName: 'Jardins du Var', supplierSiret: null, sme: true, supplierCommune: null, amount: 1000, awardedOn: '2026-11-30' } });
      return { notices: replace({ ...closed, status: 'AWARDED', lots: [lot] }), reference: closed.reference };
    }
  }
}

/** List routes each event renders, of the list routes of the territory. */
function listRoutesRendered(size: number, openShare: number): Record<EventName | 'lists', number> {
  const notices = territory(size, openShare);
  const previous = new Catalogue(siteData(notices, new Date(BUILT_AT)));
  const counts = { lists: listRoutes(previous).length } as Record<EventName | 'lists', number>;
  for (const event of ['publish', 'correct', 'cancel', 'close', 'award'] as const) {
    const { notices: next, reference } = afterEvent(notices, event);
    const catalogue = new Catalogue(siteData(next, new Date(BUILT_AT)));
    const render = routesToRender(previous, catalogue, [reference]);
    counts[event] = listRoutes(catalogue).filter(render).length;
  }
  return counts;
}

describe('the list routes each kind of event renders, at 1,000 and 10,000 notices', () => {
  it.each([
    [1_000, 0.2],
    [10_000, 0.2],
    [10_000, 1],
  ])('%i notices, %f of them open', (size, openShare) => {
    const counts = listRoutesRendered(size, openShare);
    console.info(`routes rendered, ${size} notices, ${openShare * 100} % open: ${JSON.stringify(counts)}`);
    // A publication at the end of the lists, a correction, an award: a few pages, whatever the territory's size.
    expect(counts.publish).toBeLessThanOrEqual(20);
    expect(counts.correct).toBeLessThanOrEqual(20);
    expect(counts.award).toBeLessThanOrEqual(20);
  });
});
