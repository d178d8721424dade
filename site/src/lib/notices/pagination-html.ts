import { escapeHtml } from './card-html.js';
import { pageLinks, registerLinks, registerNeighbours, type RegisterHref, type RegisterPage } from './pagination.js';

// The pagination bar as one pure function: the build writes it under every list, the filter script under the
// lists it draws in the browser.

export function paginationHtml(current: number, last: number, href: (page: number) => string, label: string): string {
  if (last <= 1) return '';
  const link = (page: number, text: string, rel: string) => `<li><a href="${escapeHtml(href(page))}" rel="${rel}">${text}</a></li>`;
  const items = pageLinks(current, last).map((item) =>
    item.kind === 'gap'
      ? '<li aria-hidden="true">…</li>'
      : `<li><a href="${escapeHtml(href(item.number))}"${item.number === current ? ' aria-current="page"' : ''}>` +
        `<span class="visually-hidden">Page </span>${item.number}</a></li>`,
  );
  return (
    `<nav class="pagination" aria-label="${escapeHtml(label)}"><ul>` +
    (current > 1 ? link(current - 1, 'Page précédente', 'prev') : '') +
    items.join('') +
    (current < last ? link(current + 1, 'Page suivante', 'next') : '') +
    '</ul></nav>'
  );
}

/**
 * A register's bar (the archives, a buyer's or a family's notices), newest first: « Avis plus récents » (rel=prev),
 * the front page, numbered pages counted from the oldest, « Avis plus anciens » (rel=next). See `registerPage`.
 */
export function registerPaginationHtml(page: RegisterPage<unknown>, href: RegisterHref, label: string): string {
  if (page.front && page.number === 1) return '';
  const { prev, next } = registerNeighbours(page, href);
  const link = (target: string, text: string, rel: string) => `<li><a href="${escapeHtml(target)}" rel="${rel}">${text}</a></li>`;
  const current = (yes: boolean) => (yes ? ' aria-current="page"' : '');
  const items = registerLinks(page).map((item) =>
    item.kind === 'gap'
      ? '<li aria-hidden="true">…</li>'
      : item.kind === 'front'
        ? `<li><a href="${escapeHtml(href(page.reach, true))}"${current(page.front)}>Les plus récents</a></li>`
        : `<li><a href="${escapeHtml(href(item.number, false))}"${current(item.number === page.number && !page.front)}>` +
          `<span class="visually-hidden">Page </span>${item.number}</a></li>`,
  );
  return (
    `<nav class="pagination" aria-label="${escapeHtml(label)}"><ul>` +
    (prev ? link(prev, 'Avis plus récents', 'prev') : '') +
    items.join('') +
    (next ? link(next, 'Avis plus anciens', 'next') : '') +
    '</ul></nav>'
  );
}

/**
 * The bar of an open list cut by its notices (anchored-pages.ts): « Page précédente » (rel=prev), « Première page »,
 * « Page suivante » (rel=next). No numbers: a page's number would change with every notice published or closed
 * before it, and every later page with it.
 */
export function anchoredPaginationHtml(
  page: { after: string | null; prev: string | null | undefined; next: string | undefined },
  href: (after: string | null) => string,
  label: string,
): string {
  if (page.prev === undefined && page.next === undefined) return '';
  const link = (after: string | null, text: string, rel?: string) =>
    `<li><a href="${escapeHtml(href(after))}"${rel ? ` rel="${rel}"` : ''}>${text}</a></li>`;
  return (
    `<nav class="pagination" aria-label="${escapeHtml(label)}"><ul>` +
    (page.prev !== undefined ? link(page.prev, 'Page précédente', 'prev') : '') +
    (page.prev !== undefined && page.prev !== null ? link(null, 'Première page') : '') +
    (page.next !== undefined ? link(page.next, 'Page suivante', 'next') : '') +
    '</ul></nav>'
  );
}
