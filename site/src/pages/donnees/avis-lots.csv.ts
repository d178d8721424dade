import type { APIRoute } from 'astro';
import { lotsCsv } from '../../lib/open-data/notice-rows.js';
import { getCatalogue } from '../../lib/site.js';

export const GET: APIRoute = async ({ site }) => {
  const catalogue = await getCatalogue();
  return new Response(lotsCsv(catalogue.notices, { siteUrl: String(site), builtAt: catalogue.builtAt }), {
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  });
};
