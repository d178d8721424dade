import type { AdviceFigures, AdviceStatistics, AdviceWithheldReason } from './types.js';

// How /indicateurs/ writes the advice figures: one table per year and per breakdown (stage, family), each cell a
// figure or, where the hub withholds it, why. Pure, so every case is tested without a build.

/** The cells of one row: requests, answered, median delay; in French, as the page shows them. */
export interface AdviceRow {
  label: string;
  requests: string;
  answered: string;
  median: string;
}

export interface AdviceYearView {
  year: number;
  stages: AdviceRow[];
  families: AdviceRow[];
  total: AdviceRow;
  /** Families with no request are not listed; how many were left out that way. */
  familiesWithoutRequest: number;
}

const COUNT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const DAYS = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export function withheldText(reason: AdviceWithheldReason, minimumPeople: number): string {
  switch (reason) {
    case 'SMALL':
      return `non publié (moins de ${minimumPeople} demandeurs)`;
    case 'COMPLEMENTARY':
      return 'non publié (permettrait de retrouver un chiffre masqué)';
    case 'FEW_EXPERTS':
      return `non publié (moins de ${minimumPeople} experts)`;
  }
}

/** French agreement: singular below two (« 0 jour ouvré », « 1,5 jour ouvré », « 2 jours ouvrés »). */
export function workingDaysText(days: number): string {
  return `${DAYS.format(days)} ${days < 2 ? 'jour ouvré' : 'jours ouvrés'}`;
}

export function adviceRow(label: string, figures: AdviceFigures, minimumPeople: number): AdviceRow {
  if (figures.withheld) {
    const text = withheldText(figures.withheld, minimumPeople);
    return { label, requests: text, answered: text, median: text };
  }
  let median: string;
  if (figures.medianWorkingDaysToFirstAnswer !== null) median = workingDaysText(figures.medianWorkingDaysToFirstAnswer);
  else if (figures.medianWithheld) median = withheldText(figures.medianWithheld, minimumPeople);
  else median = 'aucune réponse';
  return {
    label,
    requests: COUNT.format(figures.requestCount ?? 0),
    answered: COUNT.format(figures.answeredCount ?? 0),
    median,
  };
}

/** Every year the hub gives, most recent first: every stage in the chain's order, the families that were asked about. */
export function adviceYearViews(statistics: AdviceStatistics): AdviceYearView[] {
  const { minimumPeople } = statistics;
  return statistics.years.map((year) => {
    const families = year.families.filter((family) => family.withheld !== null || (family.requestCount ?? 0) > 0);
    return {
      year: year.year,
      stages: year.stages.map((stage) => adviceRow(stage.label, stage, minimumPeople)),
      families: families.map((family) => adviceRow(family.family.name, family, minimumPeople)),
      total: adviceRow(`Total ${year.year}`, year, minimumPeople),
      familiesWithoutRequest: year.families.length - families.length,
    };
  });
}
