import type { APIRoute } from 'astro';
import { FEED_SIZE, noticeFeed, rssResponse } from '../../lib/feeds/rss.js';
import { feedTitle } from '../../lib/notices/facet-labels.js';
import { getCatalogue, TERRITORY_NAME } from '../../lib/site.js';

export const GET: APIRoute = async ({ site }) => {
  const catalogue = await getCatalogue();
  return rssResponse(
    // The latest of the read model's list newest published first, not a pass over every notice of the territory.
    noticeFeed(catalogue.latestPublished(FEED_SIZE), {
      title: `${feedTitle(null)} — ${TERRITORY_NAME}`,
      description: `Les derniers avis d’appel public à la concurrence publiés par les acheteurs de ${TERRITORY_NAME}.`,
      siteUrl: String(site),
    }),
  );
};
