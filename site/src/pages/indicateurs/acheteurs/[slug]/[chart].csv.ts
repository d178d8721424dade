import type { APIRoute, GetStaticPaths } from 'astro';
import { chartCsv } from '../../../../lib/indicators/cells.js';
import { getIndicators } from '../../../../lib/indicators/load.js';
import { indicatorCharts } from '../../../../lib/indicators/page-charts.js';

export const getStaticPaths = (async () => {
  const { organisations } = await getIndicators();
  return organisations.flatMap(({ slug, figures }) =>
    (figures ? indicatorCharts(figures, 'toutes années') : []).map((chart) => ({
      params: { slug, chart: chart.id },
      props: { csv: chartCsv(chart) },
    })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { csv: string }).csv, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
