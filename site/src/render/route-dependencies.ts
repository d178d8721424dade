import type { Notice } from '../lib/hub/types.js';
import type { Catalogue } from '../lib/notices/catalogue.js';
import { FILTER_FACETS, type FilterFacet } from '../lib/notices/filters.js';
import { LIST_PAGE_SIZE } from '../lib/notices/pagination.js';

/** What the narrowing needs to know of a route: its page of `src/pages/` and the parameters of its path. */
export interface RouteKey {
  component: string;
  params: Record<string, string | undefined>;
}

/**
 * What decides where a notice is listed: whether it is public, open or archived, its place in the lists (deadline,
 * publication), its facets and the buyers that list it. Two versions with the same placement are in the same lists,
 * at the same rank, and leave every count of every page as it was.
 */
function placement(catalogue: Catalogue, notice: Notice | undefined): string {
  if (!notice) return 'absent';
  return JSON.stringify([
    catalogue.isOpen(notice),
    notice.status,
    notice.submissionDeadline,
    notice.publishedAt,
    catalogue.facetsOf(notice),
    notice.organisation.slug,
    notice.purchasingGroup?.coordinator.slug ?? null,
    notice.purchasingGroup?.members.map((member) => member.slug) ?? [],
  ]);
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

/** Whether page `number` of `list` holds one of `references`. */
function pageHolds(list: readonly Notice[], number: number, references: ReadonlySet<string>): boolean {
  const start = (number - 1) * LIST_PAGE_SIZE;
  return list.slice(start, start + LIST_PAGE_SIZE).some((notice) => references.has(notice.reference));
}

/**
 * The routes an incremental release must render again after the notices `references` changed, `before` and `after`
 * being the site's data around the change: a predicate over routes, true for any route it cannot prove unchanged.
 *
 * When a changed notice moves (published, cancelled, closed, its deadline or facets corrected…), the lists it leaves
 * and enters, their ranks and every list page's facet counts move with it: every route is rendered (but the notice
 * pages of other notices, which the caller keeps). When none moves (a corrected title, description, lot, contact…),
 * a list page changes only if it holds one of them: the other pages of the open list, the archives, the facet
 * lists, families and buyers, and the feeds and JSON files of other facet values are kept as they are.
 */
export function routesToRender(before: Catalogue, after: Catalogue, references: readonly string[]): (route: RouteKey) => boolean {
  const changed = [...new Set(references)];
  // Other notices move too when the clock passes a deadline between two releases (their `notice.closed` follows):
  // every list is then rendered, never half of a list shifted by one.
  const sameLists =
    sameReferences(before.open, after.open) && sameReferences(before.archived, after.archived);
  const moved =
    !sameLists || changed.some((reference) => placement(before, find(before, reference)) !== placement(after, find(after, reference)));
  if (moved) return () => true;
  const notices = changed.map((reference) => find(after, reference)).filter((notice): notice is Notice => notice !== undefined);
  // Not public before nor after (a draft, say): no list holds it.
  if (notices.length === 0) return (route) => !LIST_COMPONENTS.has(route.component);
  const held = new Set(notices.map((notice) => notice.reference));
  const ofFacet = (facet: FilterFacet, slug: string | undefined) => notices.some((notice) => after.facetsOf(notice)[facet] === slug);
  const buyers = new Set(
    notices.flatMap((notice) => [
      notice.organisation.slug,
      ...(notice.purchasingGroup ? [notice.purchasingGroup.coordinator.slug, ...notice.purchasingGroup.members.map((member) => member.slug)] : []),
    ]),
  );
  return (route) => {
    const { params } = route;
    switch (route.component) {
      case 'src/pages/avis/index.astro':
        return pageHolds(after.open, 1, held);
      case 'src/pages/avis/page/[page].astro':
        return pageHolds(after.open, pageNumber(params.page), held);
      case 'src/pages/archives/[...page].astro':
        return pageHolds(after.archived, pageNumber(params.page), held);
      case 'src/pages/avis/[facet]/[slug]/[...page].astro':
        return isFacet(params.facet) ? pageHolds(after.openWith(params.facet, params.slug ?? ''), pageNumber(params.page), held) : true;
      case 'src/pages/familles/[slug]/[...page].astro': {
        const groups = after.noticesOfFamily(params.slug ?? '');
        return pageHolds([...groups.open, ...groups.past], pageNumber(params.page), held);
      }
      // A buyer's pages also show its plan, whose purchases name the notices that launched them: all of them.
      case 'src/pages/acheteurs/[slug]/[...page].astro':
        return buyers.has(params.slug ?? '');
      case 'src/pages/avis/[facet]/[slug].json.ts':
      case 'src/pages/flux/[facet]/[slug].xml.ts':
        return isFacet(params.facet) ? ofFacet(params.facet, params.slug) : true;
      default:
        return true;
    }
  };
}

const LIST_COMPONENTS = new Set([
  'src/pages/avis/index.astro',
  'src/pages/avis/page/[page].astro',
  'src/pages/archives/[...page].astro',
  'src/pages/avis/[facet]/[slug]/[...page].astro',
  'src/pages/familles/[slug]/[...page].astro',
  'src/pages/avis/[facet]/[slug].json.ts',
  'src/pages/flux/[facet]/[slug].xml.ts',
]);

function sameReferences(a: readonly Notice[], b: readonly Notice[]): boolean {
  return a.length === b.length && a.every((notice, index) => notice.reference === b[index]!.reference);
}

function isFacet(value: string | undefined): value is FilterFacet {
  return (FILTER_FACETS as readonly string[]).includes(value ?? '');
}
