import type { APIRoute } from 'astro';
import { deadlinesCalendarBytes } from '../../lib/feeds/calendar.js';
import { getCatalogue } from '../../lib/site.js';

export const GET: APIRoute = async ({ site }) => {
  const catalogue = await getCatalogue();
  const bytes = deadlinesCalendarBytes(catalogue.open, { siteUrl: String(site), builtAt: catalogue.builtAt });
  // Buffer.concat allocates a plain ArrayBuffer (never a shared one).
  return new Response(bytes as Buffer<ArrayBuffer>, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
