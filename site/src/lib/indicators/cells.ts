import { formatEuros } from '../format/money.js';
import { toCsv } from '../open-data/csv.js';
import type { ChartRow } from './chart-spec.js';
import type { ColumnKind, IndicatorChart } from './chart.js';

// How a figure reads in the table, the text alternative and the CSV of a chart.

/** 0.456 → 45.6 (one decimal): percentages as the chart, the table and the CSV show them. */
export const percent = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);

const frenchPercent = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const frenchCount = new Intl.NumberFormat('fr-FR');

/** A value as the table and the text alternative write it. */
export function formatCell(value: string | number | null, kind: ColumnKind): string {
  if (value === null) return 'non disponible';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'percent':
      return `${frenchPercent.format(value)} %`;
    case 'euros':
      return formatEuros(value);
    case 'count':
      return frenchCount.format(value);
    case 'text':
      return String(value);
  }
}

/** The chart's data as CSV: the columns' French labels, then the rows' raw values (numbers with a dot). */
export function chartCsv(chart: Pick<IndicatorChart, 'columns' | 'rows'>): string {
  return toCsv(
    chart.columns.map((column) => column.label),
    chart.rows.map((row) => chart.columns.map((column) => row[column.key])),
  );
}

/** "Bâtiments : 50 %, Voirie : 20 %" — the rows of one measure, for a text alternative. */
export function listing(rows: readonly ChartRow[], label: string, value: string, kind: ColumnKind): string {
  return rows.map((row) => `${row[label]} : ${formatCell(row[value] ?? null, kind)}`).join(' ; ');
}

