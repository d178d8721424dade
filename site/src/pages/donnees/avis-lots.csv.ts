import type { APIRoute } from 'astro';
import { lotsCsvChunks } from '../../lib/open-data/notice-rows.js';
import { getCatalogue } from '../../lib/site.js';
import { textPiecesResponse } from '../../lib/http/text-response.js';

// About 45 MB at 50,000 notices: made a piece at a time (notice-rows.ts).
export const GET: APIRoute = async ({ site }) => {
  const catalogue = await getCatalogue();
  return textPiecesResponse(lotsCsvChunks(catalogue.notices, { siteUrl: String(site), builtAt: catalogue.builtAt }), 'text/csv; charset=utf-8');
};
