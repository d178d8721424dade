import { formatCell } from '../indicators/cells.js';
import type { IndicatorChart } from '../indicators/chart.js';
import { barChartSpec, type ChartRow } from '../indicators/chart-spec.js';
import type { PlanAnnouncement, PlanAnnouncementData, PlanAnnouncementFigures } from './types.js';

/** Anchor of the section on /indicateurs/ and name of its CSV file; a year's add the year (`annonce-programmation-2026`). */
export const PLAN_ANNOUNCEMENT_CHART_ID = 'annonce-programmation';

export const PLAN_ANNOUNCEMENT_METHOD =
  'Avis publiés par les acheteurs dans le hub (les avis importés d’autres plateformes sont exclus). Un avis compte ' +
  'comme annoncé à l’avance quand l’achat prévu qu’il lance avait été publié dans la programmation prévisionnelle au ' +
  'moins trois mois calendaires avant lui (dates de Paris : un achat annoncé le 15 mars compte pour un avis du 15 juin ' +
  'ou plus tard). Par année : l’année de publication de l’avis.';

/** « 2 avis sur 5 (40 %) », or « aucun avis publié ». */
export function announcementText(figures: PlanAnnouncementFigures): string {
  if (figures.publishedNotices === 0) return 'aucun avis publié';
  return `${formatCell(figures.announcedEarly, 'count')} avis sur ${formatCell(figures.publishedNotices, 'count')} (${formatCell(figures.earlyShare, 'percent')})`;
}

/**
 * The share of each buyer's notices announced in the plan three months or more before, as the hub computes it, for
 * every year together or for one year (the year of the notices' publication): a chart, its text alternative, its
 * table and its CSV, like every chart of the indicators page.
 */
export function planAnnouncementChart(announcement: PlanAnnouncement, year: number | null = null): IndicatorChart {
  const rows: ChartRow[] = announcement.buyers.map((figures) => ({
    acheteur: figures.organisation?.name ?? 'Acheteur inconnu',
    avis: figures.publishedNotices,
    annonces: figures.announcedNotices,
    annonces_tot: figures.announcedEarly,
    part: figures.earlyShare,
  }));
  const total = announcement.total;
  const summary =
    total.publishedNotices === 0
      ? 'Aucun avis publié.'
      : `${year === null ? 'Sur tout le territoire' : `En ${year}, sur tout le territoire`}, ${announcementText(total)} avaient été annoncés dans la programmation au moins trois mois avant leur publication. ` +
        `Par acheteur : ${rows.map((row) => `${row.acheteur} : ${formatCell(row.part ?? null, 'percent')}`).join(' ; ')}.`;
  const columns = [
    { key: 'acheteur', label: 'Acheteur', kind: 'text' as const },
    { key: 'avis', label: 'Avis publiés', kind: 'count' as const },
    { key: 'annonces', label: 'Avis annoncés dans la programmation', kind: 'count' as const },
    { key: 'annonces_tot', label: 'Dont annoncés au moins trois mois avant', kind: 'count' as const },
    { key: 'part', label: 'Part des avis annoncés au moins trois mois avant (%)', kind: 'percent' as const },
  ];
  return {
    id: year === null ? PLAN_ANNOUNCEMENT_CHART_ID : `${PLAN_ANNOUNCEMENT_CHART_ID}-${year}`,
    title: `Avis annoncés dans la programmation prévisionnelle, par acheteur (${year ?? 'toutes années'})`,
    summary,
    method: PLAN_ANNOUNCEMENT_METHOD,
    columns,
    rows,
    spec: barChartSpec({
      rows,
      category: 'acheteur',
      categoryTitle: 'Acheteur',
      value: 'part',
      valueTitle: 'Part des avis annoncés au moins trois mois avant (%)',
      percent: true,
    }),
  };
}

/** The indicator for every year together, then one chart per year with a notice written in the hub, most recent first. */
export function planAnnouncementCharts(data: PlanAnnouncementData): IndicatorChart[] {
  return [planAnnouncementChart(data), ...data.years.map((one) => planAnnouncementChart(one, one.year))];
}
