import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalogue } from '../../../lib/site.js';
import { FILTER_FACETS, type FilterFacet } from '../../../lib/notices/filters.js';
import { noticeCardView } from '../../../lib/notices/card-view.js';
import { openCardData } from '../../../lib/notices/card-html.js';
import { filterDataIndex, filterIndexJson } from '../../../lib/notices/filter-data.js';
import { filterDataPartPath } from '../../../lib/notices/paths.js';
import { textResponse } from '../../../lib/http/text-response.js';

// The open notices of one facet value, soonest deadline first, as compact rows: the filter script fetches the
// file of the narrowest value a visitor picked (and the further parts it names: lib/notices/filter-data.ts), keeps
// the rows matching the other filters and draws the cards.
export const getStaticPaths = (async () => {
  const catalogue = await getCatalogue();
  const options = catalogue.facetOptions();
  return FILTER_FACETS.flatMap((facet) => options[facet].map((option) => ({ params: { facet, slug: option.slug } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const catalogue = await getCatalogue();
  const facet = params.facet as FilterFacet;
  const slug = params.slug as string;
  const { total, parts, first } = filterDataIndex(catalogue.openWith(facet, slug));
  const rows = first.items.map((notice) => openCardData(noticeCardView(notice, catalogue)));
  return textResponse(filterIndexJson(total, parts.map((after) => filterDataPartPath(facet, slug, after)), rows), 'application/json');
};
