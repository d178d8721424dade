import type { APIRoute } from 'astro';
import { deadlinesCalendar } from '../../lib/feeds/calendar.js';
import { getCatalogue } from '../../lib/site.js';
import { textResponse } from '../../lib/http/text-response.js';

export const GET: APIRoute = async ({ site }) => {
  const catalogue = await getCatalogue();
  return textResponse(deadlinesCalendar(catalogue.open, { siteUrl: String(site), builtAt: catalogue.builtAt }), 'text/calendar; charset=utf-8');
};
