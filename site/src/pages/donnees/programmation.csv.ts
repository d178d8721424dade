import type { APIRoute } from 'astro';
import { planCsv } from '../../lib/plan/csv.js';
import { getPlanCatalogue } from '../../lib/plan/site-plan.js';
import { textResponse } from '../../lib/http/text-response.js';

export const GET: APIRoute = async ({ site }) => {
  const plan = await getPlanCatalogue();
  return textResponse(planCsv(plan.all, String(site)), 'text/csv; charset=utf-8');
};
