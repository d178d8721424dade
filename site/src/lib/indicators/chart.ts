import type { TopLevelSpec } from 'vega-lite';
import { barChartSpec, type BarChartOptions, type ChartRow } from './chart-spec.js';

export type ColumnKind = 'text' | 'count' | 'euros' | 'percent';
export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
}

/** One chart of the page: its picture, text alternative, table and CSV all come from `rows`. */
export interface IndicatorChart {
  /** Anchor and CSV file name. */
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in one or two sentences. */
  summary: string;
  method: string;
  columns: Column[];
  rows: ChartRow[];
  spec: TopLevelSpec;
}

/** An IndicatorChart of `base`, its bar chart drawn from the same rows; the axes' titles default to the columns' labels. */
export function chart(
  base: Omit<IndicatorChart, 'spec'>,
  options: Omit<BarChartOptions, 'rows' | 'categoryTitle' | 'valueTitle'> & { categoryTitle?: string; valueTitle?: string },
): IndicatorChart {
  const title = (key: string) => base.columns.find((column) => column.key === key)?.label ?? key;
  return {
    ...base,
    spec: barChartSpec({
      ...options,
      rows: base.rows,
      categoryTitle: options.categoryTitle ?? title(options.category),
      valueTitle: options.valueTitle ?? title(options.value),
    }),
  };
}

