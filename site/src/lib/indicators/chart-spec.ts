import * as vega from 'vega';
import { compile, version as vegaLiteVersion, type TopLevelSpec } from 'vega-lite';
import { cachedChart, chartCacheKey } from '../chart-cache.js';

/**
 * Charts are Vega-Lite specifications rendered to SVG at build time, in Node, by Vega's headless view: the page
 * ships a static picture, no script. The text alternative, the table and the CSV are made from the same rows.
 */

// French number formats on the axes: decimal comma, narrow no-break space between thousands, euros after.
vega.formatLocale({ decimal: ',', thousands: '\u202f', grouping: [3], currency: ['', '\u00a0€'] });

/** Colours with a contrast of at least 3:1 on white, told apart by lightness too. */
export const CHART_COLOURS = ['#1d4e89', '#c2410c', '#4d7c0f', '#7e22ce'] as const;

export type ChartRow = Record<string, string | number | null>;

export interface BarChartOptions {
  rows: readonly ChartRow[];
  /** Field of the bar's label, drawn on the vertical axis in the rows' order. */
  category: string;
  /** What the categories are; not drawn on the axis (see barChartSpec). */
  categoryTitle: string;
  /** Field of the bar's length. */
  value: string;
  valueTitle: string;
  /** Values are percentages (0 to 100). */
  percent?: boolean;
  /** Values are euros. */
  euros?: boolean;
  /** Field telling the bars of one category apart (grouped bars, with a legend). */
  series?: string;
  seriesTitle?: string;
  /** Field of a target drawn as a tick on each bar (e.g. the sustainable purchasing target). */
  target?: string;
}

/** A horizontal bar chart: long labels (families, communes) stay readable. */
export function barChartSpec(options: BarChartOptions): TopLevelSpec {
  const categories = [...new Set(options.rows.map((row) => String(row[options.category])))];
  const format = options.percent ? '.0f' : options.euros ? '$,.0f' : ',.0f';
  const x = {
    field: options.value,
    type: 'quantitative' as const,
    title: options.valueTitle,
    axis: { format, tickMinStep: 1 },
    ...(options.percent ? { scale: { domain: [0, 100] } } : {}),
  };
  // No axis title for the categories: Vega's estimate of label widths in Node can make it overlap them, and the
  // chart's heading, caption and table header already say what the bars are.
  const y = { field: options.category, type: 'nominal' as const, title: null, sort: categories, axis: { labelLimit: 400 } };
  const bars = {
    mark: { type: 'bar' as const },
    encoding: {
      x,
      y,
      ...(options.series
        ? {
            yOffset: { field: options.series, type: 'nominal' as const },
            color: {
              field: options.series,
              type: 'nominal' as const,
              title: options.seriesTitle ?? options.series,
              scale: { range: [...CHART_COLOURS] },
              legend: { orient: 'bottom' as const },
            },
          }
        : { color: { value: CHART_COLOURS[0] } }),
    },
  };
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']> = [bars];
  if (options.target) {
    layers.push({
      mark: { type: 'tick', color: '#111827', thickness: 3 },
      encoding: { x: { field: options.target, type: 'quantitative' }, y },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 520,
    height: { step: options.series ? 14 : 24 },
    data: { values: options.rows.map((row) => ({ ...row })) },
    layer: layers,
    config: {
      // The figure around the SVG carries the text alternative: no ARIA inside the picture.
      aria: false,
      font: 'system-ui, sans-serif',
      axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1f2937', titleColor: '#1f2937' },
      legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 400 },
      view: { stroke: null },
    },
  } as TopLevelSpec;
}

/**
 * The chart as an SVG element to inline in the page: an image (role="img") labelled by the page's caption and text
 * alternative, its inner marks hidden from assistive technologies.
 */
export async function renderChartSvg(spec: TopLevelSpec, labelledBy: string): Promise<string> {
  // The drawing code is part of the key, so a change to it never reuses a chart drawn the old way.
  const key = chartCacheKey([drawChart.toString(), vega.version, vegaLiteVersion, labelledBy, JSON.stringify(spec)]);
  return cachedChart(key, () => drawChart(spec, labelledBy));
}

async function drawChart(spec: TopLevelSpec, labelledBy: string): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Vega still marks some groups with ARIA roles; inside an image they would only confuse checkers and readers.
    const plain = svg.replace(/ (role|aria-roledescription|aria-label)="[^"]*"/g, '');
    return plain.replace(/^<svg /, `<svg role="img" aria-labelledby="${labelledBy}" focusable="false" `);
  } finally {
    view.finalize();
  }
}
