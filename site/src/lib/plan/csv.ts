import { toCsv, type CsvValue } from '../open-data/csv.js';
import { absoluteUrl, noticePath } from '../notices/paths.js';
import { plannedPurchasePath } from './paths.js';
import type { PlannedPurchase } from './types.js';

/** One column of the plan's CSV: its name, what a re-user reads about it on /donnees/, and how to fill it. */
export interface PlanCsvColumn {
  name: string;
  description: string;
  value: (plan: PlannedPurchase, siteUrl: string) => CsvValue;
}

// One list drives both the file and its documentation, so they cannot drift apart.
export const PLAN_COLUMNS: readonly PlanCsvColumn[] = [
  { name: 'reference', description: 'Référence de l’achat prévu (PREV-année-acheteur-numéro)', value: (plan) => plan.reference },
  { name: 'url', description: 'Adresse de l’achat prévu sur ce site', value: (plan, siteUrl) => absoluteUrl(plannedPurchasePath(plan.reference), siteUrl) },
  {
    name: 'status',
    description: 'État : PUBLISHED (prévu), LAUNCHED (lancé : un avis publié y répond), WITHDRAWN (retiré de la programmation)',
    value: (plan) => plan.status,
  },
  { name: 'subject', description: 'Objet de l’achat prévu', value: (plan) => plan.subject },
  { name: 'description', description: 'Description', value: (plan) => plan.description },
  { name: 'buyer_name', description: 'Acheteur', value: (plan) => plan.organisation.name },
  { name: 'buyer_siren', description: 'SIREN de l’acheteur (vide s’il n’est pas connu)', value: (plan) => plan.organisation.siren },
  { name: 'launch_year', description: 'Année de lancement prévue', value: (plan) => plan.launchYear },
  { name: 'launch_quarter', description: 'Trimestre de lancement prévu, 1 à 4', value: (plan) => plan.launchQuarter },
  {
    name: 'nature',
    description: 'Nature du marché : WORKS (travaux), SUPPLIES (fournitures), SERVICES (services)',
    value: (plan) => plan.nature,
  },
  {
    name: 'procedure',
    description:
      'Procédure envisagée : ADAPTED (adaptée), OPEN (appel d’offres ouvert), RESTRICTED (appel d’offres restreint), NEGOTIATED (avec négociation), COMPETITIVE_DIALOGUE (dialogue compétitif), NEGOTIATED_WITHOUT_PUBLICATION (négocié sans publicité)',
    value: (plan) => plan.procedure,
  },
  { name: 'cpv', description: 'Code CPV principal', value: (plan) => plan.cpv.code },
  { name: 'family', description: 'Famille d’achats (identifiant)', value: (plan) => plan.family?.slug },
  { name: 'place_insee', description: 'Code INSEE du lieu d’exécution (vide s’il n’est pas précisé)', value: (plan) => plan.placeOfPerformance?.inseeCode },
  { name: 'amount_min', description: 'Montant estimé, borne basse de la tranche, en euros HT (incluse)', value: (plan) => plan.amountMin },
  { name: 'amount_max', description: 'Montant estimé, borne haute de la tranche, en euros HT (exclue ; vide pour la dernière tranche)', value: (plan) => plan.amountMax },
  { name: 'social_clause', description: 'Clause sociale envisagée (oui / non)', value: (plan) => plan.socialClause },
  { name: 'environmental_clause', description: 'Clause environnementale envisagée (oui / non)', value: (plan) => plan.environmentalClause },
  {
    name: 'reserved_for',
    description: 'Marché ou lot réservé envisagé : NONE, DISABILITY (EA et ESAT), INSERTION (SIAE)',
    value: (plan) => plan.reservedFor,
  },
  { name: 'contact_service', description: 'Service à contacter', value: (plan) => plan.contactService },
  { name: 'contact_email', description: 'Adresse de ce service (jamais celle d’une personne)', value: (plan) => plan.contactEmail },
  { name: 'published_at', description: 'Date d’annonce dans la programmation (ISO 8601, UTC)', value: (plan) => plan.publishedAt },
  { name: 'notice_reference', description: 'Référence de l’avis qui a lancé l’achat (vide sinon)', value: (plan) => plan.notice?.reference },
  {
    name: 'notice_url',
    description: 'Adresse de cet avis sur ce site',
    value: (plan, siteUrl) => (plan.notice ? absoluteUrl(noticePath(plan.notice.reference), siteUrl) : null),
  },
  { name: 'launched_at', description: 'Date de publication de cet avis (ISO 8601, UTC)', value: (plan) => plan.launchedAt },
  { name: 'withdrawn_at', description: 'Date du retrait de la programmation (ISO 8601, UTC)', value: (plan) => plan.withdrawnAt },
  { name: 'withdrawal_reason', description: 'Motif du retrait', value: (plan) => plan.withdrawalReason },
];

/** Every public planned purchase, one row each, in the plan's order, withdrawn ones included. */
export function planCsv(plans: readonly PlannedPurchase[], siteUrl: string): string {
  return toCsv(
    PLAN_COLUMNS.map((column) => column.name),
    plans.map((plan) => PLAN_COLUMNS.map((column) => column.value(plan, siteUrl))),
  );
}
