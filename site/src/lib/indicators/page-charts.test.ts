import { describe, expect, it } from 'vitest';
import { chartCsv, formatCell, percent } from './cells.js';
import { renderChartSvg } from './chart-spec.js';
import { parseCsv } from '../test-support/csv.js';
import { indicatorCharts, organisationsChart, yearlyChart } from './page-charts.js';
import type { Indicators } from './types.js';

const share = (noticeCount: number, noticeShare: number | null, amount: number, amountShare: number | null) => ({
  noticeCount,
  noticeShare,
  amount,
  amountShare,
});
const sustainability = (noticeShare: number | null) => ({
  environmental: share(2, 0.5, 100_000, 0.4),
  social: share(1, 0.25, 50_000, 0.2),
  reserved: share(1, 0.25, 25_000, 0.1),
  sustainable: share(2, noticeShare, 150_000, 0.6),
  target: 0.5,
  meetsTarget: noticeShare === null ? null : noticeShare >= 0.5,
});
const savings = { lotCount: 3, estimatedAmount: 300_000, awardedAmount: 270_000, savedAmount: 30_000, rate: 0.1 };

const FIGURES: Indicators = {
  year: null,
  organisationSiren: null,
  noticeCount: 4,
  awardedLotCount: 3,
  awardedAmount: 250_000,
  sustainability: sustainability(0.5),
  suppliers: { sme: { amount: 125_000, share: 0.5 }, territory: { amount: 62_500.5, share: 0.250002 }, departement: { amount: 200_000, share: 0.8 } },
  savings,
  byCommune: [
    { key: '83050', label: 'Draguignan', noticeCount: 3, awardedAmount: 200_000 },
    { key: null, label: 'Lieu non précisé', noticeCount: 1, awardedAmount: 0 },
  ],
  byNature: [{ key: 'WORKS', label: 'WORKS', noticeCount: 4, awardedAmount: 250_000 }],
  byProcedure: [{ key: 'ADAPTED', label: 'ADAPTED', noticeCount: 4, awardedAmount: 250_000 }],
  byFamily: [
    { key: 'batiments', label: 'Bâtiments', noticeCount: 3, awardedAmount: 250_000, sustainability: sustainability(2 / 3), savings },
    {
      key: 'energie',
      label: 'Énergie, « fluides »',
      noticeCount: 1,
      awardedAmount: 0,
      sustainability: sustainability(0),
      savings: { lotCount: 0, estimatedAmount: 0, awardedAmount: 0, savedAmount: 0, rate: null },
    },
  ],
  methods: { notices: 'Avis publiés.', amounts: 'Montants attribués.', sustainability: 'Clauses.', suppliers: 'Titulaires.', savings: 'Économies.' },
};

const charts = [...indicatorCharts(FIGURES, 'toutes années'), yearlyChart([{ ...FIGURES, year: 2026 }]), organisationsChart([{ name: 'Draguignan', figures: FIGURES }])];

describe('the charts of the indicators page', () => {
  it('have unique ids, since they name the CSV files and the anchors', () => {
    const ids = charts.map((chart) => chart.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
  });

  it.each(charts.map((chart) => [chart.id, chart] as const))('%s: its CSV holds exactly the data of its chart', (_, chart) => {
    const [header, ...rows] = parseCsv(chartCsv(chart));
    expect(header).toEqual(chart.columns.map((column) => column.label));
    const values = (chart.spec as { data: { values: Array<Record<string, unknown>> } }).data.values;
    expect(rows).toEqual(values.map((row) => chart.columns.map((column) => (row[column.key] === null ? '' : String(row[column.key])))));
  });

  it.each(charts.map((chart) => [chart.id, chart] as const))('%s: its text alternative names every row', (_, chart) => {
    const labelKey = chart.columns[0]!.key;
    for (const row of chart.rows) expect(chart.summary).toContain(String(row[labelKey]));
  });

  it('compares each family with its target, and leaves out families without notices', () => {
    const families = charts.find((chart) => chart.id === 'achats-durables-par-famille')!;
    expect(families.rows).toEqual([
      { famille: 'Bâtiments', avis: 3, part_durable: 66.7, cible: 50 },
      { famille: 'Énergie, « fluides »', avis: 1, part_durable: 0, cible: 50 },
    ]);
    expect(families.summary).toContain('Bâtiments : 66,7 % pour une cible de 50 %');
  });

  it('lists savings only for families with estimated, awarded lots', () => {
    const savingsChart = charts.find((chart) => chart.id === 'economies-par-famille')!;
    expect(savingsChart.rows.map((row) => row.famille)).toEqual(['Bâtiments']);
  });

  it('translates natures and procedures into French', () => {
    expect(charts.find((chart) => chart.id === 'natures')!.rows[0]!.cle).toBe('Travaux');
    expect(charts.find((chart) => chart.id === 'procedures')!.rows[0]!.cle).toBe('Procédure adaptée (MAPA)');
  });

  it('says so when a period has no notice', () => {
    const empty = indicatorCharts({ ...FIGURES, byFamily: [], byCommune: [] }, '2020');
    expect(empty.find((chart) => chart.id === 'achats-durables-par-famille')!.summary).toBe('Aucun avis publié sur la période.');
    expect(empty.find((chart) => chart.id === 'communes')!.rows).toEqual([]);
  });
});

describe('writing the figures', () => {
  it.each([
    [0.456, 45.6],
    [2 / 3, 66.7],
    [0, 0],
    [1, 100],
    [null, null],
  ])('turns the share %s into the percentage %s', (share, expected) => {
    expect(percent(share)).toBe(expected);
  });

  it.each<[string | number | null, Parameters<typeof formatCell>[1], string]>([
    [66.7, 'percent', '66,7 %'],
    [1250000, 'euros', '1\u202f250\u202f000\u00a0€'],
    [1234, 'count', '1\u202f234'],
    ['Bâtiments', 'text', 'Bâtiments'],
    [null, 'percent', 'non disponible'],
  ])('writes %s as a %s: %s', (value, kind, expected) => {
    expect(formatCell(value, kind)).toBe(expected);
  });
});

describe('rendering a chart to SVG at build time', () => {
  it('draws an image labelled by the page, with every category on its axis and no script', async () => {
    const chart = charts.find((chart) => chart.id === 'achats-durables-par-famille')!;
    const svg = await renderChartSvg(chart.spec, 'titre resume');
    expect(svg).toMatch(/^<svg role="img" aria-labelledby="titre resume" focusable="false" /);
    expect(svg).toContain('Bâtiments');
    expect(svg).toContain('Énergie, « fluides »');
    expect(svg).not.toMatch(/<script/i);
    // Two bars and two target ticks.
    expect(svg.match(/<path[^>]*aria-hidden|<path /g)?.length ?? 0).toBeGreaterThan(0);
  });

  it('draws grouped bars with a legend for the clauses', async () => {
    const svg = await renderChartSvg(charts.find((chart) => chart.id === 'clauses')!.spec, 'x');
    expect(svg).toContain('Part des avis');
    expect(svg).toContain('Part du montant attribué');
  });
});
