import type { APIRoute, GetStaticPaths } from 'astro';
import { FEED_SIZE, noticeFeed, rssResponse } from '../../../lib/feeds/rss.js';
import { feedTitle } from '../../../lib/notices/facet-labels.js';
import { FILTER_FACETS, type FilterFacet } from '../../../lib/notices/filters.js';
import { getCatalogue, TERRITORY_NAME } from '../../../lib/site.js';

// One feed per value of each facet, the same selections as the static filtered pages that link them.
export const getStaticPaths = (async () => {
  const catalogue = await getCatalogue();
  const options = catalogue.facetOptions();
  return FILTER_FACETS.flatMap((facet) =>
    options[facet].map((option) => ({ params: { facet, slug: option.slug }, props: { label: option.label } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ label: string }> = async ({ params, props, site }) => {
  const catalogue = await getCatalogue();
  const facet = params.facet as FilterFacet;
  const slug = params.slug as string;
  // The latest of the value's notices, open and archived, from the read model's list of them newest published first
  // (not a pass over every notice of the territory).
  const notices = catalogue.latestPublished(FEED_SIZE, { facet, slug });
  const title = feedTitle({ facet, label: props.label });
  return rssResponse(
    noticeFeed(notices, {
      title: `${title} — ${TERRITORY_NAME}`,
      description: `${title} : les derniers avis d’appel public à la concurrence publiés.`,
      siteUrl: String(site),
    }),
  );
};
