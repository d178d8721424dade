import type { Notice } from '../hub/types.js';
import { framedPage, registerPage, type FramedPage, type RegisterPage } from './pagination.js';

// What a page of a notice list draws, besides each notice's own card or row: which notices, where in the list,
// how far its links reach and, on a first page only, the sizes of the list. The pages draw from these views and
// nothing else of the list, so the publisher can tell which pages an event changes by comparing the views before
// and after it (src/render/route-dependencies.ts).

/** A page of one list counted from its start: the open notices, a facet value's. */
export function noticeListView(notices: readonly Notice[], number: number): FramedPage<Notice> {
  return framedPage(notices, number);
}

/**
 * A page of a list numbered from the oldest (the archives, a buyer's or a family's notices), from its route
 * parameter: none for the front page (the newest), `1` for the oldest. A parameter that is no page number gives an
 * empty page (routes only ask for existing ones).
 */
export function registerView(newestFirst: readonly Notice[], param: string | undefined): RegisterPage<Notice> {
  if (param === undefined || param === '') return registerPage(newestFirst, null);
  return registerPage(newestFirst, /^[1-9][0-9]*$/.test(param) ? Number(param) : 0);
}

/** A view as text, each notice by its reference: two views with the same key draw the same page for the same notices. */
export function viewKey(view: unknown): string {
  return JSON.stringify(view, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && 'reference' in value && 'submissionDeadline' in value
      ? `notice ${(value as Notice).reference}`
      : value,
  );
}
