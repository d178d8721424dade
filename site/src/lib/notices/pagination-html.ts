import { escapeHtml } from './card-html.js';
import { pageLinks } from './pagination.js';

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
