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
import { feedPath } from '../lib/notices/paths.js';
import { DEADLINE_PASSED_EVENT } from './deadline-watch.js';

// Progressive enhancement of /avis/: the static page lists every open notice and links one static page per filter
// value; with JavaScript, the form combines filters in place and keeps them in the URL so a selection can be shared.

function facetsOf(item: HTMLElement): NoticeFacets {
  return Object.fromEntries(FILTER_FACETS.map((facet) => [facet, item.dataset[facet] || null])) as NoticeFacets;
}

export function enhanceFilters(root: Document): void {
  const form = root.querySelector<HTMLFormElement>('[data-filter-form]');
  const count = root.querySelector<HTMLElement>('[data-filter-count]');
  const empty = root.querySelector<HTMLElement>('[data-filter-empty]');
  const feed = root.querySelector<HTMLAnchorElement>('[data-feed-link]');
  if (!form || !count) return;
  const items = [...root.querySelectorAll<HTMLElement>('[data-filter-list] > [data-notice]')];
  const selects = Object.fromEntries(
    FILTER_FACETS.map((facet) => [facet, form.elements.namedItem(facet) as HTMLSelectElement]),
  ) as Record<FilterFacet, HTMLSelectElement>;
  const allowed = Object.fromEntries(
    FILTER_FACETS.map((facet) => [facet, new Set([...selects[facet].options].map((o) => o.value).filter(Boolean))]),
  ) as Record<FilterFacet, Set<string>>;

  const readForm = (): FilterSelection =>
    Object.fromEntries(FILTER_FACETS.flatMap((f) => (selects[f].value ? [[f, selects[f].value]] : [])));

  const show = (selection: FilterSelection) => {
    let visible = 0;
    for (const item of items) {
      item.hidden = !matchesSelection(facetsOf(item), selection);
      if (!item.hidden && !item.hasAttribute('data-closed')) visible += 1;
    }
    const filtered = selectedFacets(selection).length > 0;
    const text = filterCountText(visible, filtered);
    if (count.textContent !== text) count.textContent = text;
    if (empty) empty.hidden = items.some((item) => !item.hidden);
    if (feed) {
      const target = feedForSelection(selection);
      const label = target ? (selects[target.facet].selectedOptions[0]?.text ?? target.slug) : '';
      feed.href = feedPath(target);
      feed.textContent = feedLinkText(feedTitle(target ? { facet: target.facet, label } : null));
    }
  };

  const applyUrl = () => {
    const selection = parseFilterQuery(location.search, allowed);
    for (const facet of FILTER_FACETS) selects[facet].value = selection[facet] ?? '';
    show(selection);
  };

  const applyForm = () => {
    const selection = readForm();
    history.replaceState(null, '', `${location.pathname}${buildFilterQuery(selection)}${location.hash}`);
    show(selection);
  };

  form.hidden = false;
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
  root.addEventListener(DEADLINE_PASSED_EVENT, () => show(readForm()));
  window.addEventListener('popstate', applyUrl);
  applyUrl();
}
