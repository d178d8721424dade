import type { Lot, Notice } from '../hub/types.js';
import { publicStatus } from '../notices/lifecycle.js';
import { absoluteUrl, noticePath } from '../notices/paths.js';
import { escapeCsvField, toCsv, type CsvValue } from './csv.js';

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
export function lotsCsv(notices: readonly Notice[], context: { siteUrl: string; builtAt: Date }): string {
  return [...lotsCsvChunks(notices, context)].join('');
}

/**
 * How many notices one piece of the open-data files holds: the files of a large territory are tens of megabytes
 * (about 45 MB of CSV and 100 MB of JSON at 50,000 notices), made and encoded a piece at a time rather than as one
 * string (twice their size in memory when they hold a curly apostrophe) beside the rows it was joined from.
 */
export const NOTICES_PER_PIECE = 500;

/** `lotsCsv`, in pieces of `perPiece` notices: their concatenation is `lotsCsv`'s text (`toCsv`'s format). */
export function* lotsCsvChunks(
  notices: readonly Notice[],
  { siteUrl, builtAt }: { siteUrl: string; builtAt: Date },
  perPiece = NOTICES_PER_PIECE,
): Generator<string> {
  yield toCsv(
    LOT_COLUMNS.map((c) => c.name),
    [],
  );
  for (let start = 0; start < notices.length; start += perPiece) {
    let piece = '';
    for (const notice of notices.slice(start, start + perPiece)) {
      for (const lot of notice.lots) {
        piece += `${LOT_COLUMNS.map((column) => escapeCsvField(column.value({ notice, lot, siteUrl, builtAt }))).join(',')}\r\n`;
      }
    }
    if (piece) yield piece;
  }
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
    notices: notices.map((notice) => noticeEntry(notice, siteUrl, builtAt)),
  };
}

function noticeEntry(notice: Notice, siteUrl: string, builtAt: Date) {
  return {
    url: absoluteUrl(noticePath(notice.reference), siteUrl),
    ...notice,
    status: publicStatus(notice, builtAt),
    isOpen: notice.isOpen && publicStatus(notice, builtAt) === 'PUBLISHED',
  };
}

/**
 * `JSON.stringify(noticesJson(…), null, 1)` (the file /donnees/avis.json), in pieces of `perPiece` notices whose
 * concatenation is that text, byte for byte: each notice is stringified alone and indented to its depth (a JSON
 * string holds no raw line break, so every line break is the layout's).
 */
export function* noticesJsonChunks(
  notices: readonly Notice[],
  { siteUrl, builtAt }: { siteUrl: string; builtAt: Date },
  perPiece = NOTICES_PER_PIECE,
): Generator<string> {
  const head = JSON.stringify({ ...noticesJson([], { siteUrl, builtAt }), count: notices.length }, null, 1);
  if (notices.length === 0) {
    yield head;
    return;
  }
  // `"notices": []` closes the head: the entries go between its brackets.
  const open = head.lastIndexOf('[]');
  yield `${head.slice(0, open)}[\n`;
  for (let start = 0; start < notices.length; start += perPiece) {
    const entries = notices
      .slice(start, start + perPiece)
      .map((notice) => `  ${JSON.stringify(noticeEntry(notice, siteUrl, builtAt), null, 1).replaceAll('\n', '\n  ')}`);
    yield `${entries.join(',\n')}${start + perPiece < notices.length ? ',\n' : '\n'}`;
  }
  yield ` ${head.slice(open + 1)}`;
}
