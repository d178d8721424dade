import type { APIRoute } from 'astro';
import { deadlinesCalendarPieces } from '../../lib/feeds/calendar.js';
import { getCatalogue } from '../../lib/site.js';

export const GET: APIRoute = async ({ site }) => {
  const catalogue = await getCatalogue();
  // Answered as the runs of events it is joined from: 25 MB at 50,000 open notices, never copied whole here.
  const pieces = deadlinesCalendarPieces(catalogue.open, { siteUrl: String(site), builtAt: catalogue.builtAt });
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next++];
      if (piece) controller.enqueue(piece);
      else controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
