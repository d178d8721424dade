// The registers of the site (the archives, a buyer's and a family's notices) and the plan are cut into numbered pages
// of the same size, in a stable order, so that no page grows with the territory: at 50,000 notices a list page still
// holds 50 of them. The open lists, where notices come and go everywhere, are cut by their notices instead
// (anchored-pages.ts).

/** Items per page of a numbered list (a buyer, a family, the archives, the plan, a selection filtered in the browser). */
export const LIST_PAGE_SIZE = 50;

export interface ListPage<T> {
  /** 1-based */
  number: number;
  /** the number of the last page (1 for an empty list: the first page always exists and says the list is empty) */
  last: number;
  items: T[];
  /** index in the whole list of the first item of this page (0-based) */
  start: number;
  total: number;
}

export function pageCount(total: number, size = LIST_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The page `number` of `items`; past the last page, an empty page (callers only ask for existing ones). */
export function listPage<T>(items: readonly T[], number: number, size = LIST_PAGE_SIZE): ListPage<T> {
  const start = (number - 1) * size;
  return { number, last: pageCount(items.length, size), items: items.slice(start, start + size), start, total: items.length };
}

/** Every page of `items`, the first one even when the list is empty. */
export function listPages<T>(items: readonly T[], size = LIST_PAGE_SIZE): ListPage<T>[] {
  return Array.from({ length: pageCount(items.length, size) }, (_, index) => listPage(items, index + 1, size));
}

export type PageLink = { kind: 'page'; number: number } | { kind: 'gap' };

/**
 * The numbered links of a pagination bar: the first and last pages, the current one and two on each side, gaps
 * between. A list of 1,000 pages gets about nine links, not 1,000.
 */
export function pageLinks(current: number, last: number, around = 2): PageLink[] {
  const wanted = new Set<number>([1, last]);
  for (let n = current - around; n <= current + around; n += 1) if (n >= 1 && n <= last) wanted.add(n);
  const numbers = [...wanted].sort((a, b) => a - b);
  const links: PageLink[] = [];
  numbers.forEach((number, index) => {
    const previous = numbers[index - 1];
    if (previous !== undefined && number - previous === 2) links.push({ kind: 'page', number: previous + 1 });
    else if (previous !== undefined && number - previous > 2) links.push({ kind: 'gap' });
    links.push({ kind: 'page', number });
  });
  return links;
}

/** Reads a page number from a route parameter ("2"), undefined for the first page; anything else is not a page. */
export function parsePageParam(param: string | undefined): number | null {
  if (param === undefined || param === '') return 1;
  if (!/^[1-9][0-9]*$/.test(param)) return null;
  const number = Number(param);
  return number >= 2 ? number : null;
}

/** The addresses of the pages before and after `page`, for `<link rel="prev|next">`. */
export function neighbours(page: { number: number; last: number }, href: (n: number) => string): { prev?: string; next?: string } {
  return {
    ...(page.number > 1 ? { prev: href(page.number - 1) } : {}),
    ...(page.number < page.last ? { next: href(page.number + 1) } : {}),
  };
}

/**
 * "Avis 51 à 100 sur 1 234, page 2 sur 25." for a page of a longer list (`what`: « Achats prévus »…); null when the
 * list fits one page.
 */
export function rangeText(page: Pick<ListPage<unknown>, 'number' | 'last' | 'start' | 'items' | 'total'>, what = 'Avis'): string | null {
  if (page.last <= 1) return null;
  const n = new Intl.NumberFormat('fr-FR');
  return `${what} ${n.format(page.start + 1)} à ${n.format(page.start + page.items.length)} sur ${n.format(page.total)}, page ${page.number} sur ${page.last}.`;
}

/**
 * A page of a list numbered from the oldest, as a register is: the archives, a buyer's and a family's notices.
 * Page 1 holds the fifty oldest, page 2 the next fifty, and so on; the newest page, which holds the remaining one
 * to fifty, is the front page (`/archives/`, `/acheteurs/<slug>/`). A notice added at the new end (archived, or
 * published) goes on the front page and the numbered pages do not move: an event renders the front page and the
 * page of the notice it changes, not every page of the list.
 */
export interface RegisterPage<T> {
  /** 1 for the oldest page; the front page's number is the number of pages */
  number: number;
  front: boolean;
  /** newest first */
  items: T[];
  /** the last page this page's links name: the front page's number on the front page, else at most four ahead */
  reach: number;
  /** the size of the list, on the front page only */
  total: number | null;
}

/** The address of a register's page: `front` for the front page, else its number. */
export type RegisterHref = (number: number, front: boolean) => string;

/** The page `number` of `newestFirst` (1 = the oldest fifty); `null` for the front page. */
export function registerPage<T>(newestFirst: readonly T[], number: number | null, size = LIST_PAGE_SIZE): RegisterPage<T> {
  const last = pageCount(newestFirst.length, size);
  const n = number ?? last;
  const end = newestFirst.length - (n - 1) * size;
  const front = n === last;
  return {
    number: n,
    front,
    items: newestFirst.slice(Math.max(0, end - size), Math.max(0, end)),
    reach: front ? last : Math.min(last, n + 4),
    total: front ? newestFirst.length : null,
  };
}

/** Where page `number` of the archives is; the front page is /archives/ itself. */
export const archivePagePath: RegisterHref = (number, front) => (front ? '/archives/' : `/archives/${number}/`);

/**
 * Whether page `number`, within a page's reach, is the front page. The reach is the front page's number when the
 * front is within three pages, else `number + 4`, which draws the same bar whatever the front's number.
 */
function isFront(page: RegisterPage<unknown>, number: number): boolean {
  return number === page.reach && (page.front || page.reach < page.number + 4);
}

/** The pages next to `page`: newer (`prev`: the reader comes from the front page) and older (`next`). */
export function registerNeighbours(page: RegisterPage<unknown>, href: RegisterHref): { prev?: string; next?: string } {
  return {
    ...(page.front ? {} : { prev: href(page.number + 1, isFront(page, page.number + 1)) }),
    ...(page.number > 1 ? { next: href(page.number - 1, false) } : {}),
  };
}

/** What a register's bar shows, newest first: the front page, a gap, two pages on each side, a gap, page 1. */
export type RegisterLink = { kind: 'front' } | { kind: 'page'; number: number } | { kind: 'gap' };

export function registerLinks(page: RegisterPage<unknown>, around = 2): RegisterLink[] {
  const numbered = page.front ? page.number - 1 : Math.min(page.number + around, page.reach - 1);
  const oldest = Math.max(1, page.number - around);
  const links: RegisterLink[] = [{ kind: 'front' }];
  // Beyond the pages shown ahead, the front page is further than the next number.
  if (!page.front && !isFront(page, numbered + 1)) links.push({ kind: 'gap' });
  for (let n = numbered; n >= oldest; n -= 1) links.push({ kind: 'page', number: n });
  if (oldest === 3) links.push({ kind: 'page', number: 2 });
  else if (oldest > 3) links.push({ kind: 'gap' });
  if (oldest > 1) links.push({ kind: 'page', number: 1 });
  return links;
}
