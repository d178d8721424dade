import type { Lot, Notice } from '../hub/types.js';
import { publicStatus } from '../notices/lifecycle.js';
import { absoluteUrl, noticePath } from '../notices/paths.js';
import { toCsv, type CsvValue } from './csv.js';

interface RowContext {
  notice: Notice;
  lot: Lot;
  siteUrl: string;
  builtAt: Date;
}

/** One column of the lots CSV: its name, what a re-user reads about it on /donnees/, and how to fill it. */
export interface CsvColumn {
  name: string;
  description: string;
  value: (row: RowContext) => CsvValue;
}

// One list drives both the file and its documentation, so they cannot drift apart.
export const LOT_COLUMNS: readonly CsvColumn[] = [
  { name: 'reference', description: 'Référence de l’avis', value: ({ notice }) => notice.reference },
  {
    name: 'url',
    description: 'Adresse de l’avis sur ce site',
    value: ({ notice, siteUrl }) => absoluteUrl(noticePath(notice.reference), siteUrl),
  },
  { name: 'title', description: 'Objet de l’avis', value: ({ notice }) => notice.title },
  { name: 'buyer_name', description: 'Acheteur', value: ({ notice }) => notice.organisation.name },
  { name: 'buyer_siren', description: 'SIREN de l’acheteur (vide s’il n’est pas connu)', value: ({ notice }) => notice.organisation.siren },
  {
    name: 'status',
    description: 'État de l’avis à la date du fichier : PUBLISHED (ouvert), CLOSED (clos), AWARDED (attribué), UNSUCCESSFUL (infructueux), CANCELLED (sans suite)',
    value: ({ notice, builtAt }) => publicStatus(notice, builtAt),
  },
  {
    name: 'nature',
    description: 'Nature du marché : WORKS (travaux), SUPPLIES (fournitures), SERVICES (services)',
    value: ({ notice }) => notice.nature,
  },
  {
    name: 'procedure',
    description:
      'Procédure : ADAPTED (adaptée), OPEN (appel d’offres ouvert), RESTRICTED (appel d’offres restreint), NEGOTIATED (avec négociation), COMPETITIVE_DIALOGUE (dialogue compétitif), NEGOTIATED_WITHOUT_PUBLICATION (négocié sans publicité)',
    value: ({ notice }) => notice.procedure,
  },
  { name: 'main_cpv', description: 'Code CPV principal de l’avis', value: ({ notice }) => notice.mainCpv.code },
  { name: 'family', description: 'Famille d’achats (identifiant)', value: ({ notice }) => notice.family?.slug },
  {
    name: 'place_insee',
    description: 'Code INSEE du lieu d’exécution',
    value: ({ notice }) => notice.placeOfPerformance?.inseeCode,
  },
  { name: 'published_at', description: 'Date de publication (ISO 8601, UTC)', value: ({ notice }) => notice.publishedAt },
  {
    name: 'submission_deadline',
    description: 'Date limite de remise des offres (ISO 8601, UTC)',
    value: ({ notice }) => notice.submissionDeadline,
  },
  {
    name: 'notice_estimated_value',
    description: 'Valeur estimée de l’avis en euros HT (vide si non publiée)',
    value: ({ notice }) => notice.estimatedValue,
  },
  { name: 'social_clause', description: 'Clause sociale (oui / non)', value: ({ notice }) => notice.socialClause },
  {
    name: 'environmental_clause',
    description: 'Clause environnementale (oui / non)',
    value: ({ notice }) => notice.environmentalClause,
  },
  {
    name: 'reserved_for',
    description: 'Marché réservé : NONE, DISABILITY (EA et ESAT), INSERTION (SIAE)',
    value: ({ notice }) => notice.reservedFor,
  },
  {
    name: 'framework_agreement',
    description: 'Accord-cadre (oui / non)',
    value: ({ notice }) => notice.frameworkAgreement !== null,
  },
  { name: 'lot_number', description: 'Numéro du lot', value: ({ lot }) => lot.number },
  { name: 'lot_title', description: 'Intitulé du lot', value: ({ lot }) => lot.title },
  { name: 'lot_cpv', description: 'Code CPV du lot', value: ({ lot }) => lot.cpv.code },
  {
    name: 'lot_estimated_value',
    description: 'Valeur estimée du lot en euros HT (vide si non publiée)',
    value: ({ lot }) => lot.estimatedValue,
  },
  {
    name: 'lot_status',
    description: 'État du lot : OPEN, AWARDED, UNSUCCESSFUL, CANCELLED',
    value: ({ lot }) => lot.status,
  },
  { name: 'supplier_name', description: 'Titulaire (si attribué)', value: ({ lot }) => lot.award?.supplierName },
  { name: 'supplier_siret', description: 'SIRET du titulaire (vide s’il n’est pas communiqué)', value: ({ lot }) => lot.award?.supplierSiret },
  {
    name: 'supplier_sme',
    description: 'Le titulaire est une PME (oui / non ; vide si ce n’est pas connu)',
    value: ({ lot }) => (lot.award ? lot.award.sme : null),
  },
  { name: 'award_amount', description: 'Montant attribué en euros HT (vide s’il n’est pas communiqué)', value: ({ lot }) => lot.award?.amount },
  { name: 'awarded_on', description: 'Date d’attribution (AAAA-MM-JJ)', value: ({ lot }) => lot.award?.awardedOn },
  {
    name: 'cancellation_reason',
    description: 'Motif de la déclaration sans suite',
    value: ({ notice }) => notice.cancellationReason,
  },
];

/** The lots CSV: one row per lot of every public notice, notice fields repeated on each row. */
export function lotsCsv(notices: readonly Notice[], { siteUrl, builtAt }: { siteUrl: string; builtAt: Date }): string {
  const rows = notices.flatMap((notice) =>
    notice.lots.map((lot) => LOT_COLUMNS.map((column) => column.value({ notice, lot, siteUrl, builtAt }))),
  );
  return toCsv(
    LOT_COLUMNS.map((c) => c.name),
    rows,
  );
}

export const OPEN_DATA_LICENCE = {
  name: 'Licence Ouverte / Open Licence version 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

/** The JSON file: the notices as the hub's public API gives them, with their page and the status at build time. */
export function noticesJson(notices: readonly Notice[], { siteUrl, builtAt }: { siteUrl: string; builtAt: Date }) {
  return {
    generatedAt: builtAt.toISOString(),
    source: siteUrl,
    licence: OPEN_DATA_LICENCE,
    count: notices.length,
    notices: notices.map((notice) => ({
      url: absoluteUrl(noticePath(notice.reference), siteUrl),
      ...notice,
      status: publicStatus(notice, builtAt),
      isOpen: notice.isOpen && publicStatus(notice, builtAt) === 'PUBLISHED',
    })),
  };
}
