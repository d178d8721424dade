import type { APIRoute } from 'astro';
import { rssResponse } from '../../lib/feeds/rss.js';
import { planFeed } from '../../lib/plan/feed.js';
import { getPlanCatalogue } from '../../lib/plan/site-plan.js';
import { TERRITORY_NAME } from '../../lib/site.js';

export const GET: APIRoute = async ({ site }) => {
  const plan = await getPlanCatalogue();
  return rssResponse(
    planFeed(plan.all, {
      title: `Programmation prévisionnelle des achats — ${TERRITORY_NAME}`,
      description: `Les achats que les acheteurs de ${TERRITORY_NAME} annoncent pour les mois qui viennent, avant leurs avis.`,
      siteUrl: String(site),
    }),
  );
};
