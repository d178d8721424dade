import type { Nature, Procedure } from '../hub/types.js';

// Pure and dependency-free: the same rules filter the static pages at build time and the list in the browser.

export const FILTER_FACETS = ['commune', 'famille', 'nature', 'procedure'] as const;
export type FilterFacet = (typeof FILTER_FACETS)[number];

/** One slug per facet, absent when the facet is not filtered. */
export type FilterSelection = Partial<Record<FilterFacet, string>>;

/** The facet values of one notice (null when it has none, e.g. no family). */
export type NoticeFacets = Record<FilterFacet, string | null>;

export const NATURE_SLUGS = {
  WORKS: 'travaux',
  SUPPLIES: 'fournitures',
  SERVICES: 'services',
} as const satisfies Record<Nature, string>;

export const PROCEDURE_SLUGS = {
  ADAPTED: 'procedure-adaptee',
  OPEN: 'appel-d-offres-ouvert',
  RESTRICTED: 'appel-d-offres-restreint',
  NEGOTIATED: 'procedure-avec-negociation',
  COMPETITIVE_DIALOGUE: 'dialogue-competitif',
  NEGOTIATED_WITHOUT_PUBLICATION: 'negocie-sans-publicite',
} as const satisfies Record<Procedure, string>;

/** Reads a query string ("?commune=lorgues&nature=travaux"), keeping only known facets with known values. */
export function parseFilterQuery(
  search: string,
  allowed: Readonly<Record<FilterFacet, ReadonlySet<string>>>,
): FilterSelection {
  const params = new URLSearchParams(search);
  const selection: FilterSelection = {};
  for (const facet of FILTER_FACETS) {
    const value = params.get(facet);
    if (value && allowed[facet].has(value)) selection[facet] = value;
  }
  return selection;
}

/** The query string of a selection, facets in a fixed order so equal selections share one URL ("" when empty). */
export function buildFilterQuery(selection: FilterSelection): string {
  const params = new URLSearchParams();
  for (const facet of FILTER_FACETS) {
    const value = selection[facet];
    if (value) params.set(facet, value);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

export function matchesSelection(facets: NoticeFacets, selection: FilterSelection): boolean {
  return FILTER_FACETS.every((facet) => {
    const wanted = selection[facet];
    return !wanted || facets[facet] === wanted;
  });
}

export function selectedFacets(selection: FilterSelection): FilterFacet[] {
  return FILTER_FACETS.filter((facet) => Boolean(selection[facet]));
}

/**
 * The feed closest to a selection. A feed exists per single facet value, so with several facets the first in
 * FILTER_FACETS order wins (a commune's feed is a superset of "this commune and works"), and the caller says so.
 */
export function feedForSelection(selection: FilterSelection): { facet: FilterFacet; slug: string } | null {
  const facet = selectedFacets(selection)[0];
  return facet ? { facet, slug: selection[facet] as string } : null;
}
