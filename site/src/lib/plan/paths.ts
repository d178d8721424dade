import type { PlanFacet } from './plan-catalogue.js';

// Every address of the plan, so that pages, feeds, the CSV and tests agree on one shape.

export function plannedPurchasePath(reference: string): string {
  return `/programmation/${encodeURIComponent(reference)}/`;
}

/** The plan, page 1 at /programmation/; the next ones under /programmation/page/, which no reference can take. */
export function planListPath(page = 1): string {
  return page > 1 ? `/programmation/page/${page}/` : '/programmation/';
}

export function planFacetPath(facet: PlanFacet, slug: string, page = 1): string {
  return `/programmation/${facet}/${encodeURIComponent(slug)}/${page > 1 ? `${page}/` : ''}`;
}

export function withdrawnPlanPath(page = 1): string {
  return `/programmation/retires/${page > 1 ? `${page}/` : ''}`;
}

export const PLAN_CSV_PATH = '/donnees/programmation.csv';
export const PLAN_FEED_PATH = '/flux/programmation.xml';
