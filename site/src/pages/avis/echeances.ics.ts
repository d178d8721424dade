import type { APIRoute } from 'astro';
import { deadlinesCalendar } from '../../lib/feeds/calendar.js';
import { getCatalogue } from '../../lib/site.js';

export const GET: APIRoute = async ({ site }) => {
  const catalogue = await getCatalogue();
  return new Response(deadlinesCalendar(catalogue.open, { siteUrl: String(site), builtAt: catalogue.builtAt }), {
    headers: { 'content-type': 'text/calendar; charset=utf-8' },
  });
};
