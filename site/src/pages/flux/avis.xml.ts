import type { APIRoute } from 'astro';
import { noticeFeed, rssResponse } from '../../lib/feeds/rss.js';
import { feedTitle } from '../../lib/notices/facet-labels.js';
import { getCatalogue, TERRITORY_NAME } from '../../lib/site.js';

export const GET: APIRoute = async ({ site }) => {
  const catalogue = await getCatalogue();
  return rssResponse(
    noticeFeed(catalogue.notices, {
      title: `${feedTitle(null)} — ${TERRITORY_NAME}`,
      description: `Les derniers avis d’appel public à la concurrence publiés par les acheteurs de ${TERRITORY_NAME}.`,
      siteUrl: String(site),
    }),
  );
};
