import type { Notice } from '../hub/types.js';
import { formatShortDate, parisDay } from '../format/date.js';
import { AnchoredList, PAGE_CUT, type AnchoredPage } from './anchored-pages.js';
import { derivedFrom } from './list-lineage.js';
import { registerPage, type RegisterPage } from './pagination.js';

// What a page of a notice list draws, besides each notice's own card or row: which notices, where in the list,
// how far its links reach and, on a first page only, the sizes of the list. The pages draw from these views and
// nothing else of the list, so the publisher can tell which pages an event changes by comparing the views before
// and after it (src/render/route-dependencies.ts).

const cut = new WeakMap<readonly Notice[], AnchoredList<Notice>>();

/**
 * An open list (every open notice, or a facet value's, soonest deadline first) cut into pages by its notices
 * (anchored-pages.ts), once per list: the read model hands every page of a list the same array.
 */
export function openListPages(notices: readonly Notice[]): AnchoredList<Notice> {
  let pages = cut.get(notices);
  if (!pages) {
    // From the pages of the list it was worked out from, when cut: only the stretch that changed is cut again.
    const from = derivedFrom(notices);
    const before = from && cut.get(from);
    pages = new AnchoredList(notices, (notice) => notice.reference, PAGE_CUT, before ? { items: from, list: before } : undefined);
    cut.set(notices, pages);
  }
  return pages;
}

/** The page of an open list named `after` (null: its first page); undefined when the list has no such page. */
export function openListView(notices: readonly Notice[], after: string | null): AnchoredPage<Notice> | undefined {
  return openListPages(notices).page(after);
}

export interface DeadlineMonth {
  /** « janvier 2027 » */
  label: string;
  /** the page holding the month's first deadline (null: the first page) */
  after: string | null;
}

const monthLabel = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/**
 * The months of an open list's deadlines, each with the page where its first deadline is: the first page's way to
 * reach any part of a long list in one step, as numbered links did.
 */
export function deadlineMonths(notices: readonly Notice[]): DeadlineMonth[] {
  let months = monthsOf.get(notices);
  if (!months) {
    months = listMonths(notices);
    monthsOf.set(notices, months);
  }
  return months;
}

const monthsOf = new WeakMap<readonly Notice[], DeadlineMonth[]>();

function listMonths(notices: readonly Notice[]): DeadlineMonth[] {
  const months: DeadlineMonth[] = [];
  let seen = '';
  const monthOf = (notice: Notice | undefined) => (notice?.submissionDeadline ? parisDay(notice.submissionDeadline).slice(0, 7) : null);
  for (const page of openListPages(notices).pages) {
    // Deadlines ascend: a page that starts and ends in the month already seen holds no other (at 50,000 open
    // notices, a date in Paris's time zone worked out for every notice was a tenth of a second of each publication).
    if (monthOf(page.items[0]) === seen && monthOf(page.items.at(-1)) === seen) continue;
    for (const notice of page.items) {
      if (!notice.submissionDeadline) continue;
      const month = parisDay(notice.submissionDeadline).slice(0, 7);
      if (month === seen) continue;
      seen = month;
      months.push({ label: monthLabel.format(new Date(notice.submissionDeadline)), after: page.after });
    }
  }
  return months;
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


/** « date limite le 15 janvier 2027 », « dates limites du 15 janvier au 2 février 2027 »: what a page of an open list spans. */
export function deadlineSpan(notices: readonly Pick<Notice, 'submissionDeadline'>[]): string {
  const first = notices[0]?.submissionDeadline;
  const last = notices.at(-1)?.submissionDeadline;
  if (!first || !last) return 'aucun avis';
  const [from, to] = [formatShortDate(first), formatShortDate(last)];
  if (from === to) return `date limite le ${from}`;
  const [, fromYear] = /(\d{4})$/.exec(from) ?? [];
  const [, toYear] = /(\d{4})$/.exec(to) ?? [];
  return `dates limites du ${fromYear === toYear ? from.replace(/ \d{4}$/, '') : from} au ${to}`;
}

/** The addresses of the pages before and after an open list's page, for `<link rel="prev|next">`. */
export function anchoredNeighbours(
  page: Pick<AnchoredPage<unknown>, 'prev' | 'next'>,
  href: (after: string | null) => string,
): { prev?: string; next?: string } {
  return {
    ...(page.prev !== undefined ? { prev: href(page.prev) } : {}),
    ...(page.next !== undefined ? { next: href(page.next) } : {}),
  };
}
