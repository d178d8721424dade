import type { FilterFacet } from './filters.js';
import type { RegisterHref } from './pagination.js';

// Every internal URL is built here, so pages, feeds, the sitemap and tests agree on one shape.

export function noticePath(reference: string): string {
  return `/avis/${encodeURIComponent(reference)}/`;
}

/** Page 1 is the buyer's page itself; later pages continue its past notices. */
export function organisationPath(slug: string, page = 1): string {
  return `/acheteurs/${encodeURIComponent(slug)}/${page > 1 ? `${page}/` : ''}`;
}

/**
 * A buyer's indicators page; null for a buyer without a SIREN (imported), which has none: the hub computes
 * indicators per SIREN.
 */
export function organisationIndicatorsPath(organisation: { slug: string; siren: string | null }): string | null {
  return organisation.siren === null ? null : `/indicateurs/acheteurs/${encodeURIComponent(organisation.slug)}/`;
}

/** The pages of a buyer's notices, numbered from the oldest; the front page (the newest) is the buyer's page. */
export function organisationPages(slug: string): RegisterHref {
  return (number, front) => (front ? organisationPath(slug) : `/acheteurs/${encodeURIComponent(slug)}/${number}/`);
}

/** The pages of a family's notices, numbered from the oldest; the front page (the newest) is the family's page. */
export function familyPages(slug: string): RegisterHref {
  return (number, front) => (front ? familyPath(slug) : `/familles/${encodeURIComponent(slug)}/${number}/`);
}

export function familyPath(slug: string, page = 1): string {
  return `/familles/${encodeURIComponent(slug)}/${page > 1 ? `${page}/` : ''}`;
}

/**
 * A facet value's page of open notices (the filter without JavaScript); the next pages below it, each named after
 * the last notice of the page before (src/lib/notices/anchored-pages.ts).
 */
export function filterPagePath(facet: FilterFacet, slug: string, after: string | null = null): string {
  return `/avis/${facet}/${encodeURIComponent(slug)}/${after ? `${OPEN_PAGE_SEGMENT}/${encodeURIComponent(after)}/` : ''}`;
}

/**
 * The open notices of one facet value as compact JSON: what the filter script combines in the browser. This file
 * holds the first part of them and names the others (`filterDataPartPath`): see filter-data.ts.
 */
export function filterDataPath(facet: FilterFacet, slug: string): string {
  return `/avis/${facet}/${encodeURIComponent(slug)}.json`;
}

/** A further part of a facet value's compact JSON, named after the last notice of the part before. */
export function filterDataPartPath(facet: FilterFacet, slug: string, after: string): string {
  return `/avis/${facet}/${encodeURIComponent(slug)}/${FILTER_DATA_SEGMENT}/${encodeURIComponent(after)}.json`;
}

/** The folder of a facet value's further JSON parts (no page of a list is named so). */
export const FILTER_DATA_SEGMENT = 'lignes';

/** The segment before a page's name in an open list's addresses: « suite » (what follows that notice). */
export const OPEN_PAGE_SEGMENT = 'suite';

/**
 * The open notices: the first page at /avis/, the next ones under /avis/suite/ (which no notice reference can take),
 * each named after the last notice of the page before.
 */
export function openListPath(after: string | null = null): string {
  return after ? `/avis/${OPEN_PAGE_SEGMENT}/${encodeURIComponent(after)}/` : '/avis/';
}

export function feedPath(selection?: { facet: FilterFacet; slug: string } | null): string {
  return selection ? `/flux/${selection.facet}/${encodeURIComponent(selection.slug)}.xml` : '/flux/avis.xml';
}

export function archivesPath(page: number): string {
  return page <= 1 ? '/archives/' : `/archives/${page}/`;
}

export const OPEN_LIST_PATH = '/avis/';
export const DEADLINES_CALENDAR_PATH = '/avis/echeances.ics';
export const OPEN_DATA_PATHS = { notices: '/donnees/avis.json', lots: '/donnees/avis-lots.csv' } as const;

/** Absolute URL for feeds and calendars, which readers open outside the site. */
export function absoluteUrl(path: string, siteUrl: string): string {
  return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).toString();
}
