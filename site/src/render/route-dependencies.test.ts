import { describe, expect, it } from 'vitest';
import { Catalogue } from '../lib/notices/catalogue.js';
import { LIST_PAGE_SIZE } from '../lib/notices/pagination.js';
import { LORGUES, LORGUES_BUYER, aNotice, siteData } from '../lib/test-support/builders.js';
import type { Notice } from '../lib/hub/types.js';
import { routesToRender, type RouteKey } from './route-dependencies.js';

// 120 open notices of Dracénie, one a day, then one of Lorgues in Lorgues last: three pages of the open list.
const dracenie = Array.from({ length: 120 }, (_, index) =>
  aNotice({
    reference: `2026-DRA-${String(index + 1).padStart(4, '0')}`,
    submissionDeadline: new Date(Date.parse('2026-12-10T11:00:00Z') + index * 86_400_000).toISOString(),
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

describe('the routes an incremental release renders', () => {
  it('after a correction that moves nothing, only the list pages holding the notice, its feeds and its buyer', () => {
    const corrected = { ...dracenie[60]!, title: 'Entretien des espaces verts (corrigé)' };
    expect(Math.floor(60 / LIST_PAGE_SIZE) + 1).toBe(2);
    const render = routesToRender(before, after(corrected), [corrected.reference]);
    expect(render(route('src/pages/avis/index.astro'))).toBe(false);
    expect(render(route(OPEN_PAGE, { page: '2' }))).toBe(true);
    expect(render(route(OPEN_PAGE, { page: '3' }))).toBe(false);
    expect(render(route(FACET_PAGE, { facet: 'nature', slug: 'services', page: '2' }))).toBe(true);
    expect(render(route(FACET_PAGE, { facet: 'commune', slug: 'lorgues', page: undefined }))).toBe(false);
    expect(render(route('src/pages/flux/[facet]/[slug].xml.ts', { facet: 'commune', slug: 'lorgues' }))).toBe(false);
    expect(render(route('src/pages/avis/[facet]/[slug].json.ts', { facet: 'nature', slug: 'services' }))).toBe(true);
    expect(render(route('src/pages/acheteurs/[slug]/[...page].astro', { slug: LORGUES_BUYER.slug }))).toBe(false);
    expect(render(route('src/pages/acheteurs/[slug]/[...page].astro', { slug: corrected.organisation.slug, page: '3' }))).toBe(true);
    // What it cannot prove unchanged: home, feeds of every notice, calendar, open-data files.
    expect(render(route('src/pages/index.astro'))).toBe(true);
    expect(render(route('src/pages/donnees/avis.json.ts'))).toBe(true);
    expect(render(route('src/pages/avis/echeances.ics.ts'))).toBe(true);
  });

  it('after an event that moves the notice (cancelled, deadline corrected), every route', () => {
    const cancelled = { ...lorgues, status: 'CANCELLED' as const, isOpen: false, cancelledAt: '2026-12-01T08:00:00Z' };
    const moved = { ...dracenie[3]!, submissionDeadline: '2027-06-01T11:00:00Z' };
    for (const [changed, catalogue] of [
      [cancelled, after(cancelled)],
      [moved, after(moved)],
    ] as const) {
      const render = routesToRender(before, catalogue, [changed.reference]);
      expect(render(route('src/pages/avis/index.astro'))).toBe(true);
      expect(render(route(OPEN_PAGE, { page: '3' }))).toBe(true);
      expect(render(route('src/pages/flux/[facet]/[slug].xml.ts', { facet: 'procedure', slug: 'appel-offres-ouvert' }))).toBe(true);
    }
  });

  it('every route when the clock closed another notice between the two releases', () => {
    const corrected = { ...lorgues, title: 'Autre intitulé' };
    const later = new Catalogue(siteData([...dracenie, corrected], new Date('2026-12-10T12:00:00Z')));
    const render = routesToRender(before, later, [corrected.reference]);
    expect(render(route(OPEN_PAGE, { page: '2' }))).toBe(true);
  });
});
