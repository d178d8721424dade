import type { APIRoute, GetStaticPaths } from 'astro';
import { chartCsv } from '../../lib/indicators/cells.js';
import { getIndicators, pageCharts } from '../../lib/indicators/load.js';
import { getPlanAnnouncement } from '../../lib/plan/load.js';
import { planAnnouncementCharts } from '../../lib/plan/announcement-chart.js';

export const getStaticPaths = (async () => {
  const [data, announcement] = await Promise.all([getIndicators(), getPlanAnnouncement()]);
  // A chart left out (the page says so) has no CSV either.
  const charts = [...pageCharts(data), ...(announcement.ok ? planAnnouncementCharts(announcement.value) : [])];
  return charts.map((chart) => ({ params: { chart: chart.id }, props: { csv: chartCsv(chart) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { csv: string }).csv, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
