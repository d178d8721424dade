import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalogue } from '../../../../../lib/site.js';
import { FILTER_FACETS, type FilterFacet } from '../../../../../lib/notices/filters.js';
import { noticeCardView } from '../../../../../lib/notices/card-view.js';
import { openCardData } from '../../../../../lib/notices/card-html.js';
import { filterDataParts, filterPartJson } from '../../../../../lib/notices/filter-data.js';
import { textResponse } from '../../../../../lib/http/text-response.js';

// A further part of a facet value's compact rows (lib/notices/filter-data.ts), named by the notice before it.
export const getStaticPaths = (async () => {
  const catalogue = await getCatalogue();
  const options = catalogue.facetOptions();
  return FILTER_FACETS.flatMap((facet) =>
    options[facet].flatMap((option) =>
      filterDataParts(catalogue.openWith(facet, option.slug))
        .pages.slice(1)
        .map((part) => ({ params: { facet, slug: option.slug, after: part.after as string } })),
    ),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const catalogue = await getCatalogue();
  const part = filterDataParts(catalogue.openWith(params.facet as FilterFacet, params.slug as string)).page(params.after as string);
  if (!part) return new Response('Partie inconnue', { status: 404 });
  return textResponse(filterPartJson(part.items.map((notice) => openCardData(noticeCardView(notice, catalogue)))), 'application/json');
};
