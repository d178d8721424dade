import type { Procedure } from '../notices/response-times.js';
import type { AlertCriteria } from './alert-criteria.js';
import type { AlertFrequency } from './alert-subscription.entity.js';

/** What a person reads in the mails and pages of the alerts: French labels and formats (Europe/Paris, euros). */
export const PROCEDURE_LABELS: Record<Procedure, string> = {
  ADAPTED: 'Procédure adaptée (MAPA)',
  OPEN: 'Appel d’offres ouvert',
  RESTRICTED: 'Appel d’offres restreint',
  NEGOTIATED: 'Procédure avec négociation',
  COMPETITIVE_DIALOGUE: 'Dialogue compétitif',
  NEGOTIATED_WITHOUT_PUBLICATION: 'Marché négocié sans publicité',
};

export const FREQUENCY_LABELS: Record<AlertFrequency, string> = {
  IMMEDIATE: 'dès la publication',
  DAILY: 'une fois par jour (résumé du matin)',
};

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const DAY_AND_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "120 000 €" (with the narrow no-break spaces French uses). */
export function formatEuros(amount: number): string {
  return EUROS.format(amount);
}

/** "mardi 1 décembre 2026", in Paris. */
export function formatParisDay(instant: Date): string {
  return DAY.format(instant);
}

/** "mardi 1 décembre 2026 à 12:00", in Paris. */
export function formatParisDayAndTime(instant: Date): string {
  return DAY_AND_TIME.format(instant);
}

export interface CriteriaNames {
  communes: ReadonlyMap<string, string>;
  buyers: ReadonlyMap<string, string>;
  families: ReadonlyMap<string, string>;
}

/** The criteria in words, one line each, e.g. "Communes : Lorgues, Flayosc"; "Tous les avis" when none is set. */
export function describeCriteria(criteria: AlertCriteria, names: CriteriaNames): string[] {
  const name = (map: ReadonlyMap<string, string>, key: string) => map.get(key) ?? key;
  const lines: string[] = [];
  if (criteria.communes.length) lines.push(`Communes : ${criteria.communes.map((code) => name(names.communes, code)).join(', ')}`);
  if (criteria.buyers.length) lines.push(`Acheteurs : ${criteria.buyers.map((slug) => name(names.buyers, slug)).join(', ')}`);
  if (criteria.families.length) lines.push(`Familles d’achats : ${criteria.families.map((slug) => name(names.families, slug)).join(', ')}`);
  if (criteria.cpvPrefixes.length) lines.push(`Codes CPV commençant par : ${criteria.cpvPrefixes.join(', ')}`);
  if (criteria.keywords.length) lines.push(`Mots-clés : ${criteria.keywords.map((keyword) => `« ${keyword} »`).join(', ')}`);
  if (criteria.minAmount !== null || criteria.maxAmount !== null) {
    const from = criteria.minAmount !== null ? `à partir de ${formatEuros(criteria.minAmount)}` : '';
    const to = criteria.maxAmount !== null ? `jusqu’à ${formatEuros(criteria.maxAmount)}` : '';
    lines.push(`Montant estimé (HT) : ${[from, to].filter(Boolean).join(' ')}`);
  }
  if (criteria.procedures.length) lines.push(`Procédures : ${criteria.procedures.map((procedure) => PROCEDURE_LABELS[procedure]).join(', ')}`);
  if (lines.length === 0) lines.push('Tous les avis du territoire');
  if (criteria.includePlanned) lines.push('Avec les achats prévus (programmation)');
  return lines;
}
