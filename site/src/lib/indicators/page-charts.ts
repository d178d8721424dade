import { formatEuros } from '../format/money.js';
import { NATURE_LABELS, PROCEDURE_LABELS } from '../format/labels.js';
import type { Nature, Procedure } from '../hub/types.js';
import { formatCell, listing, percent } from './cells.js';
import { chart, type Column, type IndicatorChart } from './chart.js';
import type { Breakdown, Indicators } from './types.js';

// The charts of /indicateurs/ and of each buyer's indicators page, from the hub's figures.

/** The columns several charts share, worded once so that a table reads the same on every chart. */
const COLUMNS = {
  famille: { key: 'famille', label: 'Famille d’achats', kind: 'text' },
  avis: { key: 'avis', label: 'Avis publiés', kind: 'count' },
  montant: { key: 'montant', label: 'Montant attribué (€ HT)', kind: 'euros' },
  partDurable: { key: 'part_durable', label: 'Part des avis avec clause ou réservés (%)', kind: 'percent' },
  economies: { key: 'economies', label: 'Économies (€ HT)', kind: 'euros' },
} as const satisfies Record<string, Column>;

const natureLabel = (key: string | null) => (key && key in NATURE_LABELS ? NATURE_LABELS[key as Nature] : (key ?? 'Non précisé'));
const procedureLabel = (key: string | null) =>
  key && key in PROCEDURE_LABELS ? PROCEDURE_LABELS[key as Procedure] : (key ?? 'Non précisée');

/** The charts of the indicators page, for one scope (every year, or one year). */
export function indicatorCharts(figures: Indicators, scopeLabel: string): IndicatorChart[] {
  const charts: IndicatorChart[] = [];
  const { methods } = figures;

  const families = figures.byFamily
    .filter((family) => family.noticeCount > 0)
    .map((family) => ({
      famille: family.label,
      avis: family.noticeCount,
      part_durable: percent(family.sustainability.sustainable.noticeShare),
      cible: percent(family.sustainability.target),
    }));
  charts.push(
    chart(
      {
        id: 'achats-durables-par-famille',
        title: `Achats durables par famille (${scopeLabel})`,
        summary: families.length
          ? `Part des avis comportant une clause environnementale ou sociale, ou réservés, par famille d’achats, comparée à la cible (trait noir) : ${families
              .map((row) => `${row.famille} : ${formatCell(row.part_durable, 'percent')} pour une cible de ${formatCell(row.cible, 'percent')}`)
              .join(' ; ')}.`
          : 'Aucun avis publié sur la période.',
        method: methods.sustainability,
        columns: [
          COLUMNS.famille,
          COLUMNS.avis,
          COLUMNS.partDurable,
          { key: 'cible', label: 'Cible (%)', kind: 'percent' },
        ],
        rows: families,
      },
      { category: 'famille', value: 'part_durable', percent: true, target: 'cible' },
    ),
  );

  const criteria = [
    ['Clause environnementale', figures.sustainability.environmental],
    ['Clause sociale', figures.sustainability.social],
    ['Marché réservé (handicap, insertion)', figures.sustainability.reserved],
    ['Au moins l’un des trois', figures.sustainability.sustainable],
  ] as const;
  const clauses = criteria.flatMap(([label, share]) => [
    { critere: label, mesure: 'Part des avis', part: percent(share.noticeShare) },
    { critere: label, mesure: 'Part du montant attribué', part: percent(share.amountShare) },
  ]);
  charts.push(
    chart(
      {
        id: 'clauses',
        title: `Clauses environnementales et sociales, marchés réservés (${scopeLabel})`,
        summary: `Sur ${formatCell(figures.noticeCount, 'count')} avis et ${formatEuros(figures.awardedAmount)} attribués : ${criteria
          .map(([label, share]) => `${label} : ${formatCell(percent(share.noticeShare), 'percent')} des avis, ${formatCell(percent(share.amountShare), 'percent')} du montant`)
          .join(' ; ')}.`,
        method: methods.sustainability,
        columns: [
          { key: 'critere', label: 'Critère', kind: 'text' },
          { key: 'mesure', label: 'Mesure', kind: 'text' },
          { key: 'part', label: 'Part (%)', kind: 'percent' },
        ],
        rows: clauses,
      },
      { category: 'critere', value: 'part', series: 'mesure', seriesTitle: 'Mesure', percent: true },
    ),
  );

  const suppliers = [
    { titulaires: 'PME', montant: figures.suppliers.sme.amount, part: percent(figures.suppliers.sme.share) },
    { titulaires: 'Établis dans l’agglomération', montant: figures.suppliers.territory.amount, part: percent(figures.suppliers.territory.share) },
    { titulaires: 'Établis dans le Var', montant: figures.suppliers.departement.amount, part: percent(figures.suppliers.departement.share) },
  ];
  charts.push(
    chart(
      {
        id: 'titulaires',
        title: `Part du montant attribué aux PME et aux entreprises du territoire (${scopeLabel})`,
        summary: `Sur ${formatEuros(figures.awardedAmount)} attribués : ${listing(suppliers, 'titulaires', 'part', 'percent')}.`,
        method: methods.suppliers,
        columns: [
          { key: 'titulaires', label: 'Titulaires', kind: 'text' },
          COLUMNS.montant,
          { key: 'part', label: 'Part du montant attribué (%)', kind: 'percent' },
        ],
        rows: suppliers,
      },
      { category: 'titulaires', value: 'part', percent: true },
    ),
  );

  const savings = figures.byFamily
    .filter((family) => family.savings.lotCount > 0)
    .map((family) => ({
      famille: family.label,
      lots: family.savings.lotCount,
      estimation: family.savings.estimatedAmount,
      attribue: family.savings.awardedAmount,
      economies: family.savings.savedAmount,
      taux: percent(family.savings.rate),
    }));
  charts.push(
    chart(
      {
        id: 'economies-par-famille',
        title: `Économies par famille d’achats (${scopeLabel})`,
        summary: savings.length
          ? `Estimation moins montant attribué, lots attribués dont l’estimation est publique ; au total ${formatEuros(figures.savings.savedAmount)} (${formatCell(percent(figures.savings.rate), 'percent')} des estimations). ${listing(savings, 'famille', 'economies', 'euros')}.`
          : 'Aucun lot attribué avec une estimation publique sur la période.',
        method: methods.savings,
        columns: [
          COLUMNS.famille,
          { key: 'lots', label: 'Lots', kind: 'count' },
          { key: 'estimation', label: 'Estimation (€ HT)', kind: 'euros' },
          { key: 'attribue', label: 'Montant attribué (€ HT)', kind: 'euros' },
          COLUMNS.economies,
          { key: 'taux', label: 'Taux d’économie (%)', kind: 'percent' },
        ],
        rows: savings,
      },
      { category: 'famille', value: 'economies', euros: true },
    ),
  );

  for (const [id, title, rows, label, dimension] of [
    ['communes', 'Avis par commune d’exécution', figures.byCommune, (row: Breakdown) => row.label, 'Commune'],
    ['natures', 'Avis par nature de marché', figures.byNature, (row: Breakdown) => natureLabel(row.key), 'Nature'],
    ['procedures', 'Avis par procédure', figures.byProcedure, (row: Breakdown) => procedureLabel(row.key), 'Procédure'],
  ] as const) {
    const data = rows.map((row) => ({ cle: label(row), avis: row.noticeCount, montant: row.awardedAmount }));
    charts.push(
      chart(
        {
          id,
          title: `${title} (${scopeLabel})`,
          summary: data.length
            ? `Nombre d’avis publiés et montant attribué : ${data
                .map((row) => `${row.cle} : ${formatCell(row.avis, 'count')} avis, ${formatEuros(row.montant)}`)
                .join(' ; ')}.`
            : 'Aucun avis publié sur la période.',
          method: `${methods.notices} ${methods.amounts}`,
          columns: [
            { key: 'cle', label: dimension, kind: 'text' },
            COLUMNS.avis,
            COLUMNS.montant,
          ],
          rows: data,
        },
        { category: 'cle', value: 'avis' },
      ),
    );
  }
  return charts;
}

/** Key figures per year, most recent first: one row per year for the page's summary chart and table. */
export function yearlyChart(years: ReadonlyArray<Indicators & { year: number }>): IndicatorChart {
  const rows = years.map((figures) => ({
    annee: String(figures.year),
    avis: figures.noticeCount,
    montant: figures.awardedAmount,
    part_durable: percent(figures.sustainability.sustainable.noticeShare),
    part_pme: percent(figures.suppliers.sme.share),
    economies: figures.savings.savedAmount,
  }));
  return chart(
    {
      id: 'par-annee',
      title: 'Chiffres clés par année',
      summary: rows.length
        ? rows
            .map((row) => `${row.annee} : ${formatCell(row.avis, 'count')} avis, ${formatEuros(row.montant)} attribués, ${formatCell(row.part_durable, 'percent')} d’achats durables`)
            .join(' ; ')
            .concat('.')
        : 'Aucune donnée.',
      method: years[0] ? `${years[0].methods.notices} ${years[0].methods.amounts}` : '',
      columns: [
        { key: 'annee', label: 'Année', kind: 'text' },
        COLUMNS.avis,
        COLUMNS.montant,
        COLUMNS.partDurable,
        { key: 'part_pme', label: 'Part du montant attribué aux PME (%)', kind: 'percent' },
        COLUMNS.economies,
      ],
      rows,
    },
    { category: 'annee', value: 'part_durable', percent: true },
  );
}

/** Figures of each organisation (every year): its notices, amounts and share of sustainable purchasing. */
export function organisationsChart(
  organisations: ReadonlyArray<{ name: string; figures: Indicators }>,
): IndicatorChart {
  const rows = organisations
    .filter((entry) => entry.figures.noticeCount > 0)
    .map((entry) => ({
      acheteur: entry.name,
      avis: entry.figures.noticeCount,
      montant: entry.figures.awardedAmount,
      part_durable: percent(entry.figures.sustainability.sustainable.noticeShare),
    }));
  return chart(
    {
      id: 'par-acheteur',
      title: 'Achats durables par acheteur (toutes années)',
      summary: rows.length
        ? `Part des avis avec clause ou réservés, par acheteur : ${listing(rows, 'acheteur', 'part_durable', 'percent')}.`
        : 'Aucun avis publié.',
      method: organisations[0]?.figures.methods.sustainability ?? '',
      columns: [
        { key: 'acheteur', label: 'Acheteur', kind: 'text' },
        COLUMNS.avis,
        COLUMNS.montant,
        COLUMNS.partDurable,
      ],
      rows,
    },
    { category: 'acheteur', value: 'part_durable', percent: true },
  );
}
