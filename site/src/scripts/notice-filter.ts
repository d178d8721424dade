import { cardFromData, escapeHtml, noticeCardHtml, type OpenCardData } from '../lib/notices/card-html.js';
import { feedLinkText, filterCountText, feedTitle } from '../lib/notices/facet-labels.js';
import {
  FILTER_FACETS,
  buildFilterQuery,
  feedForSelection,
  matchesSelection,
  parseFilterQuery,
  selectedFacets,
  type FilterFacet,
  type FilterSelection,
  type NoticeFacets,
} from '../lib/notices/filters.js';
import { listPage, parsePageParam, rangeText } from '../lib/notices/pagination.js';
import { paginationHtml } from '../lib/notices/pagination-html.js';
import { feedPath, filterDataPath, OPEN_LIST_PATH } from '../lib/notices/paths.js';
import { fetchFilterRows } from '../lib/notices/filter-data.js';
import { DEADLINE_PASSED_EVENT } from './deadline-watch.js';

// Progressive enhancement of the open-notice lists: the static pages list fifty open notices a page and link one
// static list per filter value; with JavaScript, the form combines filters in place. It fetches the compact list of
// the narrowest value picked (`/avis/<facet>/<slug>.json` and the parts it names), keeps the notices matching the other filters, and draws
// them fifty a page with the same card and pagination markup as the build. The choice lives in the query string
// (`/avis/?commune=lorgues&nature=travaux&page=2`), so a selection can be shared and survives a reload.

function facetsOfRow(row: OpenCardData): NoticeFacets {
  return { commune: row[5], famille: row[6], nature: row[7], procedure: row[8] };
}

export function enhanceFilters(root: Document): void {
  const form = root.querySelector<HTMLFormElement>('[data-filter-form]');
  const count = root.querySelector<HTMLElement>('[data-filter-count]');
  const staticList = root.querySelector<HTMLElement>('[data-filter-static]');
  const results = root.querySelector<HTMLElement>('[data-filter-results]');
  const empty = root.querySelector<HTMLElement>('[data-filter-empty]');
  const feed = root.querySelector<HTMLAnchorElement>('[data-feed-link]');
  if (!form || !count || !staticList || !results) return;
  const selects = Object.fromEntries(
    FILTER_FACETS.map((facet) => [facet, form.elements.namedItem(facet) as HTMLSelectElement]),
  ) as Record<FilterFacet, HTMLSelectElement>;
  const allowed = Object.fromEntries(
    FILTER_FACETS.map((facet) => [facet, new Set([...selects[facet].options].map((o) => o.value).filter(Boolean))]),
  ) as Record<FilterFacet, Set<string>>;
  const staticCount = count.textContent ?? '';
  const staticFeed = feed ? { href: feed.getAttribute('href') ?? '', text: feed.textContent ?? '' } : null;
  const rowsByFile = new Map<string, Promise<OpenCardData[]>>();
  let shown = 0;

  const readForm = (): FilterSelection =>
    Object.fromEntries(FILTER_FACETS.flatMap((f) => (selects[f].value ? [[f, selects[f].value]] : [])));

  const optionCount = (facet: FilterFacet, slug: string) =>
    Number([...selects[facet].options].find((o) => o.value === slug)?.dataset.count ?? Infinity);

  const rowsOf = (facet: FilterFacet, slug: string): Promise<OpenCardData[]> => {
    const file = filterDataPath(facet, slug);
    let rows = rowsByFile.get(file);
    if (!rows) {
      // The value's first file, then the further parts it names (lib/notices/filter-data.ts), together.
      rows = fetchFilterRows(file, async (path) => {
        const response = await fetch(path);
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return response.json();
      });
      rows.catch(() => rowsByFile.delete(file));
      rowsByFile.set(file, rows);
    }
    return rows;
  };

  const setFeed = (selection: FilterSelection) => {
    if (!feed || !staticFeed) return;
    const target = feedForSelection(selection);
    if (!target) {
      feed.href = staticFeed.href;
      feed.textContent = staticFeed.text;
      return;
    }
    const label = selects[target.facet].selectedOptions[0]?.text ?? target.slug;
    feed.href = feedPath(target);
    feed.textContent = feedLinkText(feedTitle({ facet: target.facet, label }));
  };

  const setCount = (text: string) => {
    if (count.textContent !== text) count.textContent = text;
  };

  const show = async (selection: FilterSelection, pageNumber: number) => {
    const run = (shown += 1);
    setFeed(selection);
    const facets = selectedFacets(selection);
    if (facets.length === 0) {
      staticList.hidden = false;
      results.hidden = true;
      results.replaceChildren();
      setCount(staticCount);
      if (empty) empty.hidden = staticList.querySelector('[data-notice]') !== null;
      return;
    }
    const narrowest = facets.reduce((a, b) =>
      optionCount(b, selection[b] as string) < optionCount(a, selection[a] as string) ? b : a,
    );
    let rows: OpenCardData[];
    try {
      rows = await rowsOf(narrowest, selection[narrowest] as string);
    } catch {
      if (run !== shown) return;
      setCount('Les avis n’ont pas pu être chargés : utilisez les listes par critère plus bas dans la page.');
      return;
    }
    if (run !== shown) return;
    const now = new Date();
    const matching = rows.filter(
      (row) => matchesSelection(facetsOfRow(row), selection) && Date.parse(row[3]) > now.getTime(),
    );
    const page = listPage(matching, Math.min(pageNumber, Math.max(1, Math.ceil(matching.length / 50))));
    const query = buildFilterQuery(selection);
    const href = (n: number) => `${OPEN_LIST_PATH}${query}${n > 1 ? `&page=${n}` : ''}`;
    const range = rangeText(page);
    results.innerHTML =
      (range ? `<p>${escapeHtml(range)}</p>` : '') +
      (page.items.length > 0
        ? `<ol class="notice-list" data-filter-list>${page.items.map((row) => noticeCardHtml(cardFromData(row, now))).join('')}</ol>`
        : '') +
      paginationHtml(page.number, page.last, href, 'Pages des avis correspondant à vos critères');
    staticList.hidden = true;
    results.hidden = false;
    setCount(filterCountText(matching.length, true));
    if (empty) empty.hidden = matching.length > 0;
  };

  const pageOfUrl = () => parsePageParam(new URLSearchParams(location.search).get('page') ?? undefined) ?? 1;

  const applyUrl = () => {
    const selection = parseFilterQuery(location.search, allowed);
    for (const facet of FILTER_FACETS) selects[facet].value = selection[facet] ?? '';
    void show(selection, pageOfUrl());
  };

  const applyForm = () => {
    const selection = readForm();
    const query = buildFilterQuery(selection);
    // A selection is a list of its own: it starts at its first page, under /avis/ whatever page it was made on.
    const pathname = query === '' ? location.pathname : OPEN_LIST_PATH;
    history.replaceState(null, '', `${pathname}${query}${location.hash}`);
    void show(selection, 1);
  };

  const fold = form.closest('details');
  if (fold) fold.hidden = false;
  else form.hidden = false;
  form.addEventListener('change', applyForm);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    applyForm();
  });
  root.querySelector('[data-filter-reset]')?.addEventListener('click', (event) => {
    event.preventDefault();
    for (const facet of FILTER_FACETS) selects[facet].value = '';
    applyForm();
  });
  root.addEventListener(DEADLINE_PASSED_EVENT, () => {
    if (selectedFacets(readForm()).length > 0) void show(readForm(), pageOfUrl());
  });
  window.addEventListener('popstate', applyUrl);
  applyUrl();
  // Folded on a phone, where the tenders come first; open on a wide screen, or when a choice is already made.
  if (fold && (window.matchMedia('(min-width: 48rem)').matches || selectedFacets(readForm()).length > 0)) fold.open = true;
}
