import type { APIRoute } from 'astro';
import { planCsv } from '../../lib/plan/csv.js';
import { getPlanCatalogue } from '../../lib/plan/site-plan.js';

export const GET: APIRoute = async ({ site }) => {
  const plan = await getPlanCatalogue();
  return new Response(planCsv(plan.all, String(site)), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
