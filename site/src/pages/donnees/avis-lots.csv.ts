import type { APIRoute } from 'astro';
import { lotsCsv } from '../../lib/open-data/notice-rows.js';
import { getCatalogue } from '../../lib/site.js';
import { textResponse } from '../../lib/http/text-response.js';

export const GET: APIRoute = async ({ site }) => {
  const catalogue = await getCatalogue();
  return textResponse(lotsCsv(catalogue.notices, { siteUrl: String(site), builtAt: catalogue.builtAt }), 'text/csv; charset=utf-8');
};
