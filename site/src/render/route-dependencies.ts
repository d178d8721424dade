import type { Notice } from '../lib/hub/types.js';
import type { Catalogue, NoticeGroups } from '../lib/notices/catalogue.js';
import { FILTER_FACETS, type FilterFacet } from '../lib/notices/filters.js';
import { noticeListView, openAndPastView, viewKey } from '../lib/notices/list-views.js';

/** What the narrowing needs to know of a route: its page of `src/pages/` and the parameters of its path. */
export interface RouteKey {
  component: string;
  params: Record<string, string | undefined>;
}

function find(catalogue: Catalogue, reference: string): Notice | undefined {
  try {
    return catalogue.notice(reference);
  } catch {
    return undefined;
  }
}

function pageNumber(param: string | undefined): number {
  return param === undefined || param === '' ? 1 : Number(param);
}

/** The buyers whose pages list a notice: its own, and for a group's notice the coordinator and every member. */
function buyersOf(notice: Notice): string[] {
  return [
    notice.organisation.slug,
    ...(notice.purchasingGroup ? [notice.purchasingGroup.coordinator.slug, ...notice.purchasingGroup.members.map((member) => member.slug)] : []),
  ];
}

/**
 * The routes an incremental release must render again after the notices `references` changed, `before` and `after`
 * being the site's data around the change: a predicate over routes, true for any route it cannot prove unchanged.
 *
 * A page of a notice list draws a view of the list (src/lib/notices/list-views.ts: which notices, where, how far its
 * links reach, and on a first page only the sizes of the list) and each notice's card: it changes when its view
 * changes or when it holds a notice that changed. The notices that changed are the ones named and the ones the
 * clock moved between the two releases (a deadline passed: their `notice.closed` follows). So a notice published at
 * the end of a list changes its last page and the first one (which counts the list), not the pages before it; a
 * corrected title changes the pages that hold it; a cancelled notice shifts the pages from its place on. A facet
 * value's feed and JSON file, and a buyer's or a family's first page (its plan names the notices it launched),
 * change when a notice of theirs changed, before or after the event.
 */
export function routesToRender(before: Catalogue, after: Catalogue, references: readonly string[]): (route: RouteKey) => boolean {
  const affected = new Set(references);
  const openBefore = new Set(before.open.map((notice) => notice.reference));
  const openAfter = new Set(after.open.map((notice) => notice.reference));
  for (const reference of openBefore) if (!openAfter.has(reference)) affected.add(reference);
  for (const reference of openAfter) if (!openBefore.has(reference)) affected.add(reference);

  // Where the affected notices are listed, before and after.
  const facetValues = new Set<string>();
  const buyers = new Set<string>();
  const families = new Set<string>();
  for (const [catalogue, reference] of [...affected].flatMap((reference) => [[before, reference], [after, reference]] as const)) {
    const notice = find(catalogue, reference);
    if (!notice) continue;
    const facets = catalogue.facetsOf(notice);
    for (const facet of FILTER_FACETS) if (facets[facet] !== null) facetValues.add(`${facet}/${facets[facet]}`);
    for (const buyer of buyersOf(notice)) buyers.add(buyer);
    if (notice.family) families.add(notice.family.slug);
  }

  const holdsAffected = (notices: readonly Notice[]) => notices.some((notice) => affected.has(notice.reference));
  /** A page of one list: its view moved, or it holds a notice that changed. */
  const listPage = (list: (catalogue: Catalogue) => readonly Notice[], number: number) => {
    const next = noticeListView(list(after), number);
    return holdsAffected(next.items) || viewKey(next) !== viewKey(noticeListView(list(before), number));
  };
  const groupsPage = (groups: (catalogue: Catalogue) => NoticeGroups, number: number) => {
    const next = openAndPastView(groups(after), number);
    return holdsAffected(next.page.items) || viewKey(next) !== viewKey(openAndPastView(groups(before), number));
  };

  return (route) => {
    const { params } = route;
    const number = pageNumber(params.page);
    switch (route.component) {
      case 'src/pages/avis/page/[page].astro':
        return listPage((catalogue) => catalogue.open, number);
      case 'src/pages/archives/[...page].astro':
        return listPage((catalogue) => catalogue.archived, number);
      case 'src/pages/avis/[facet]/[slug]/[...page].astro': {
        const { facet, slug = '' } = params;
        return isFacet(facet) ? listPage((catalogue) => catalogue.openWith(facet, slug), number) : true;
      }
      case 'src/pages/familles/[slug]/[...page].astro': {
        const slug = params.slug ?? '';
        return (number === 1 && families.has(slug)) || groupsPage((catalogue) => catalogue.noticesOfFamily(slug), number);
      }
      case 'src/pages/acheteurs/[slug]/[...page].astro': {
        const slug = params.slug ?? '';
        return (number === 1 && buyers.has(slug)) || groupsPage((catalogue) => catalogue.noticesOfOrganisation(slug), number);
      }
      case 'src/pages/avis/[facet]/[slug].json.ts':
      case 'src/pages/flux/[facet]/[slug].xml.ts':
        return isFacet(params.facet) ? facetValues.has(`${params.facet}/${params.slug ?? ''}`) : true;
      default:
        // The first page of /avis/ (it counts the open notices per value of each filter), home, the notice-wide
        // feeds, calendar and open-data files, the plan: every release renders them.
        return true;
    }
  };
}

function isFacet(value: string | undefined): value is FilterFacet {
  return (FILTER_FACETS as readonly string[]).includes(value ?? '');
}
