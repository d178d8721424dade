import type { Notice } from '../lib/hub/types.js';
import type { AnchoredPage } from '../lib/notices/anchored-pages.js';
import type { Catalogue } from '../lib/notices/catalogue.js';
import { FILTER_FACETS, type FilterFacet } from '../lib/notices/filters.js';
import { deadlineMonths, openListView, registerView, type DeadlineMonth } from '../lib/notices/list-views.js';
import { filterDataIndex, filterDataParts } from '../lib/notices/filter-data.js';
import type { RegisterPage } from '../lib/notices/pagination.js';
import { OPEN_PAGE_SEGMENT } from '../lib/notices/paths.js';

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

/** The name of a facet list's page from its `[...page]` parameter: none for the first, `suite/<reference>` after. */
function openPageName(param: string | undefined): string | null {
  if (param === undefined || param === '') return null;
  const prefix = `${OPEN_PAGE_SEGMENT}/`;
  return param.startsWith(prefix) ? param.slice(prefix.length) : param;
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
 * links reach, and on a first page only the size of the list) and each notice's card: it changes when its view
 * changes or when it holds a notice that changed. The notices that changed are the ones named and the ones the
 * clock moved between the two releases (a deadline passed: their `notice.closed` follows). The open list and the
 * facet lists are cut into pages by their notices (src/lib/notices/anchored-pages.ts): a notice published or
 * closed changes its own page, the first page (which counts the list) and seldom a neighbour; the facet values' JSON
 * rows are cut the same way into larger parts (src/lib/notices/filter-data.ts). The archives, a buyer's and a
 * family's notices are numbered from the oldest (newest first): a publication or an archived notice changes their
 * front page, an award or a correction the page that holds it. A facet value's feed, and a buyer's
 * or a family's front page, change when a notice of theirs changed, before or after the event.
 */
export function routesToRender(before: Catalogue, after: Catalogue, references: readonly string[]): (route: RouteKey) => boolean {
  const affected = new Set(references);
  if (after.builtAt.getTime() >= before.builtAt.getTime()) {
    // Only the notices named change otherwise; the clock only closes, the soonest deadlines first: a prefix of the
    // open list (soonest first). Not a comparison of every open notice before and after.
    const now = after.builtAt.getTime();
    for (const notice of before.open) {
      if (new Date(notice.submissionDeadline).getTime() > now) break;
      affected.add(notice.reference);
    }
  } else {
    const openBefore = new Set(before.open.map((notice) => notice.reference));
    const openAfter = new Set(after.open.map((notice) => notice.reference));
    for (const reference of openBefore) if (!openAfter.has(reference)) affected.add(reference);
    for (const reference of openAfter) if (!openBefore.has(reference)) affected.add(reference);
  }

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
  /** A page of an open list (cut by its notices, named after the page before's last): its view moved, or it holds a notice that changed. */
  const listPage = (list: (catalogue: Catalogue) => readonly Notice[], name: string | null) => {
    // A list the change did not touch is the previous version's own array (catalogue.ts): none of its pages moved.
    if (list(after) === list(before)) return false;
    const next = openListView(list(after), name);
    if (!next) return true;
    const previous = openListView(list(before), name);
    if (!previous || holdsAffected(next.items) || !samePage(next, previous)) return true;
    // A first page also links the page of each month's first deadline, which a notice elsewhere may move.
    return name === null && !sameMonths(deadlineMonths(list(after)), deadlineMonths(list(before)));
  };
  /** A page of a list numbered from the oldest (archives, a buyer's, a family's): the same, by its parameter. */
  const registerPage = (list: (catalogue: Catalogue) => readonly Notice[], param: string | undefined) => {
    if (list(after) === list(before)) return false;
    const next = registerView(list(after), param);
    return holdsAffected(next.items) || !sameRegisterPage(next, registerView(list(before), param));
  };

  return (route) => {
    const { params } = route;
    switch (route.component) {
      case 'src/pages/avis/index.astro':
        // The first page also counts the open notices per value of each filter: rendered at every release.
        return true;
      case 'src/pages/avis/suite/[after].astro':
        return listPage((catalogue) => catalogue.open, params.after ?? null);
      case 'src/pages/archives/[...page].astro':
        return registerPage((catalogue) => catalogue.archived, params.page);
      case 'src/pages/avis/[facet]/[slug]/[...page].astro': {
        const { facet, slug = '' } = params;
        return isFacet(facet) ? listPage((catalogue) => catalogue.openWith(facet, slug), openPageName(params.page)) : true;
      }
      // A buyer's or a family's front page also counts its open notices and shows its plan, whose purchases name
      // the notices that launched them: rendered whenever a notice of theirs changed.
      case 'src/pages/familles/[slug]/[...page].astro': {
        const slug = params.slug ?? '';
        return (isFront(params.page) && families.has(slug)) || registerPage((catalogue) => catalogue.familyList(slug), params.page);
      }
      case 'src/pages/acheteurs/[slug]/[...page].astro': {
        const slug = params.slug ?? '';
        return (isFront(params.page) && buyers.has(slug)) || registerPage((catalogue) => catalogue.organisationList(slug), params.page);
      }
      case 'src/pages/avis/[facet]/[slug].json.ts': {
        // The first file of a value's rows: its count, the names of its parts, the rows of its first part.
        const { facet, slug = '' } = params;
        if (!isFacet(facet)) return true;
        if (after.openWith(facet, slug) === before.openWith(facet, slug)) return false;
        const [next, previous] = [filterDataIndex(after.openWith(facet, slug)), filterDataIndex(before.openWith(facet, slug))];
        return (
          next.total !== previous.total ||
          !sameNames(next.parts, previous.parts) ||
          holdsAffected(next.first.items) ||
          !sameNotices(next.first.items, previous.first.items)
        );
      }
      case 'src/pages/avis/[facet]/[slug]/lignes/[after].json.ts': {
        // A further part of a value's rows: its notices, or one of them changed.
        const { facet, slug = '', after: name = '' } = params;
        if (!isFacet(facet)) return true;
        if (after.openWith(facet, slug) === before.openWith(facet, slug)) return false;
        const next = filterDataParts(after.openWith(facet, slug)).page(name);
        const previous = filterDataParts(before.openWith(facet, slug)).page(name);
        return !next || !previous || holdsAffected(next.items) || !sameNotices(next.items, previous.items);
      }
      case 'src/pages/flux/[facet]/[slug].xml.ts':
        return isFacet(params.facet) ? facetValues.has(`${params.facet}/${params.slug ?? ''}`) : true;
      default:
        // Home, the notice-wide
        // feeds, calendar and open-data files, the plan: every release renders them.
        return true;
    }
  };
}

/** Whether two lists of notices hold the same notices in the same order (their content apart). */
function sameNotices(a: readonly Notice[], b: readonly Notice[]): boolean {
  return a.length === b.length && a.every((notice, index) => notice.reference === b[index]!.reference);
}

/** Whether two pages of an open list draw the same (their notices' own content apart): name, links, size, notices. */
function samePage(a: AnchoredPage<Notice>, b: AnchoredPage<Notice>): boolean {
  return a.after === b.after && a.prev === b.prev && a.next === b.next && a.total === b.total && a.pages === b.pages && sameNotices(a.items, b.items);
}

/** Whether two pages of a register draw the same (their notices' own content apart): place, links, size, notices. */
function sameRegisterPage(a: RegisterPage<Notice>, b: RegisterPage<Notice>): boolean {
  return a.number === b.number && a.front === b.front && a.reach === b.reach && a.total === b.total && sameNotices(a.items, b.items);
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index]);
}

function sameMonths(a: readonly DeadlineMonth[], b: readonly DeadlineMonth[]): boolean {
  return a.length === b.length && a.every((month, index) => month.label === b[index]!.label && month.after === b[index]!.after);
}

function isFront(param: string | undefined): boolean {
  return param === undefined || param === '';
}

function isFacet(value: string | undefined): value is FilterFacet {
  return (FILTER_FACETS as readonly string[]).includes(value ?? '');
}
