import type { Notice } from '../hub/types.js';
import type { NoticeGroups } from './catalogue.js';
import { framedPage, type FramedPage } from './pagination.js';

// What a page of a notice list draws, besides each notice's own card or row: which notices, where in the list,
// how far its links reach and, on a first page only, the sizes of the list. The pages draw from these views and
// nothing else of the list, so the publisher can tell which pages an event changes by comparing the views before
// and after it (src/render/route-dependencies.ts).

/** A page of one list (open notices, a facet value's, the archives). */
export function noticeListView(notices: readonly Notice[], number: number): FramedPage<Notice> {
  return framedPage(notices, number);
}

/** A page of a buyer's or a family's notices: its open ones first (soonest deadline first), then its past ones. */
export interface OpenAndPastView {
  page: FramedPage<Notice>;
  /** the open notices on this page; null when the page has no « Avis ouverts » section */
  open: Notice[] | null;
  /** the past notices on this page; null when the page has no « Avis passés » section */
  past: Notice[] | null;
  /** the sizes of both groups, on the first page only */
  openCount: number | null;
  pastCount: number | null;
}

export function openAndPastView(groups: NoticeGroups, number: number): OpenAndPastView {
  const page = framedPage([...groups.open, ...groups.past], number);
  const openOnPage = page.items.slice(0, Math.max(0, groups.open.length - page.start));
  const pastOnPage = page.items.slice(openOnPage.length);
  // The horizon of a page is its own number only on the list's last page.
  const isLast = page.last === page.number;
  const showOpen = openOnPage.length > 0 || (number === 1 && groups.open.length === 0);
  const showPast = pastOnPage.length > 0 || (isLast && groups.past.length === 0);
  return {
    page,
    open: showOpen ? openOnPage : null,
    past: showPast ? pastOnPage : null,
    openCount: number === 1 ? groups.open.length : null,
    pastCount: number === 1 ? groups.past.length : null,
  };
}

/** A view as text, each notice by its reference: two views with the same key draw the same page for the same notices. */
export function viewKey(view: unknown): string {
  return JSON.stringify(view, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && 'reference' in value && 'submissionDeadline' in value
      ? `notice ${(value as Notice).reference}`
      : value,
  );
}
