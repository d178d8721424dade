import type { APIRoute } from 'astro';
import { noticesJson } from '../../lib/open-data/notice-rows.js';
import { getCatalogue } from '../../lib/site.js';
import { textResponse } from '../../lib/http/text-response.js';

export const GET: APIRoute = async ({ site }) => {
  const catalogue = await getCatalogue();
  const body = noticesJson(catalogue.notices, { siteUrl: String(site), builtAt: catalogue.builtAt });
  return textResponse(JSON.stringify(body, null, 1), 'application/json');
};
