import type { FilterFacet } from './filters.js';

// Every internal URL is built here, so pages, feeds, the sitemap and tests agree on one shape.

export function noticePath(reference: string): string {
  return `/avis/${encodeURIComponent(reference)}/`;
}

export function organisationPath(slug: string): string {
  return `/acheteurs/${encodeURIComponent(slug)}/`;
}

export function familyPath(slug: string): string {
  return `/familles/${encodeURIComponent(slug)}/`;
}

export function filterPagePath(facet: FilterFacet, slug: string): string {
  return `/avis/${facet}/${encodeURIComponent(slug)}/`;
}

export function feedPath(selection?: { facet: FilterFacet; slug: string } | null): string {
  return selection ? `/flux/${selection.facet}/${encodeURIComponent(selection.slug)}.xml` : '/flux/avis.xml';
}

/** Long enough to scan, short enough to keep an archive page light at 10,000 notices. */
export const ARCHIVE_PAGE_SIZE = 100;

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
