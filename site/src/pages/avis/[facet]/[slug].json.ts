import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalogue } from '../../../lib/site.js';
import { FILTER_FACETS, type FilterFacet } from '../../../lib/notices/filters.js';
import { noticeCardView } from '../../../lib/notices/card-view.js';
import { openCardData } from '../../../lib/notices/card-html.js';
import { textResponse } from '../../../lib/http/text-response.js';

// The open notices of one facet value, soonest deadline first, as compact rows: the filter script fetches the
// file of the narrowest value a visitor picked, keeps the rows matching the other filters and draws the cards.
export const getStaticPaths = (async () => {
  const catalogue = await getCatalogue();
  const options = catalogue.facetOptions();
  return FILTER_FACETS.flatMap((facet) => options[facet].map((option) => ({ params: { facet, slug: option.slug } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const catalogue = await getCatalogue();
  const notices = catalogue.openWith(params.facet as FilterFacet, params.slug as string);
  const rows = notices.map((notice) => openCardData(noticeCardView(notice, catalogue)));
  return textResponse(JSON.stringify({ builtAt: catalogue.builtAt.toISOString(), notices: rows }), 'application/json');
};
