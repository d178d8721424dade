import { LOT_COLUMNS } from './notice-rows.js';

/**
 * The official open-data files the hub exports (`GET <hub>/opendata/<name>`), republished by each build under
 * /donnees/<name>, with what a re-user needs to know about each one.
 */
export interface OfficialFile {
  name: 'decp.json' | 'ocds.json' | 'lots.csv';
  title: string;
  format: string;
  /** What the file holds, in one or two sentences. */
  content: string;
  schema: string;
  /** Official documentation, shown as text (the address is what a re-user copies). */
  documentation: readonly string[];
  notes: readonly string[];
}

export type OfficialFileName = OfficialFile['name'];

export const OFFICIAL_FILES: readonly OfficialFile[] = [
  {
    name: 'decp.json',
    title: 'Données essentielles des marchés publics (DECP)',
    format: 'JSON, encodage UTF-8',
    content:
      'Les données essentielles de chaque marché attribué à partir de 40 000 € HT (article R2196-1 du code de la ' +
      'commande publique), avec leurs modifications : un marché par lot attribué, dans la liste marches.marche.',
    schema:
      'Format réglementaire des arrêtés du 22 décembre 2022 (marchés notifiés depuis le 1er janvier 2024), schéma ' +
      'JSON DECP version 2.0.3.',
    documentation: ['https://github.com/139bercy/format-commande-publique'],
    notes: [
      'Chaque marché est vérifié avec le schéma officiel avant d’être publié.',
      'Un lot attribué n’y figure pas tant qu’il manque une donnée obligatoire que le hub ne connaît pas : SIRET de ' +
        'l’acheteur, durée du marché, identifiant du titulaire ou code CPV.',
      'Identifiant du marché : la référence de l’avis, suivie du numéro de lot quand l’avis en a plusieurs.',
    ],
  },
  {
    name: 'ocds.json',
    title: 'Procédures et attributions au standard international OCDS',
    format: 'JSON, encodage UTF-8 (paquet de publications, « release package »)',
    content:
      'Tous les avis publics et leurs attributions, une publication (« release ») par étape : avis initial (tender), ' +
      'chaque rectificatif (tenderAmendment), déclaration sans suite (tenderCancellation), attribution (award) ou ' +
      'lots tous infructueux (tenderUpdate), et une publication par marché signé (contract). Un marché connu par ' +
      'ses seules données essentielles (DECP) est publié par son attribution et son contrat, sans procédure inventée.',
    schema:
      'Open Contracting Data Standard 1.1.5, avec l’extension « lots » (version 1.1.5). Chaque procédure a un ' +
      'identifiant ocid stable, formé du préfixe OCDS de l’agglomération et de la référence de l’avis.',
    documentation: [
      'https://standard.open-contracting.org/1.1/fr/',
      'https://github.com/open-contracting-extensions/ocds_lots_extension',
    ],
    notes: [
      'Le fichier est vérifié avec le schéma officiel du paquet de publications et l’extension des lots.',
      'Montants hors taxes, en euros, sauf un montant que la source donnait dans une autre devise (gardé avec sa devise).',
    ],
  },
  {
    name: 'lots.csv',
    title: 'Lots et attributions pour tableur',
    format: 'CSV, encodage UTF-8 avec marque d’ordre des octets (BOM), séparateur virgule (RFC 4180)',
    content:
      'Une ligne par lot de chaque avis public ; les informations de l’avis sont répétées sur chaque ligne de ses ' +
      'lots. Par rapport au fichier avis-lots.csv, il donne aussi le SIRET de l’acheteur, les cotitulaires et ' +
      'l’origine des avis importés, mais pas l’adresse de l’avis sur ce site.',
    schema: 'Pas de schéma officiel : les colonnes sont décrites ci-dessous.',
    documentation: [],
    notes: [
      'Montants en euros hors taxes avec un point décimal ; dates et heures au format ISO 8601 en temps universel ' +
        '(UTC) ; oui / non pour les indicateurs ; valeur vide quand la donnée n’est pas publiée ou pas connue.',
      'L’état (« status ») est celui du moment de l’export : un avis dont la date limite est passée est « CLOSED ».',
    ],
  },
];

/** Where the hub serves a file: beside its GraphQL endpoint (`…/graphql` → `…/opendata/<name>`). */
export function officialFileUrl(hubUrl: string, name: OfficialFileName): string {
  return new URL(`opendata/${name}`, hubUrl.replace(/\/+$/, '')).toString();
}

export const officialFilePath = (name: OfficialFileName) => `/donnees/${name}`;

/** What the hub says of its DECP file (response headers of /opendata/decp.json): what it holds and leaves out. */
export interface DecpCounts {
  contracts: number;
  /** Awarded lots under the threshold of article R2196-1, which the DECP does not list. */
  belowThreshold: number;
  /** Awarded lots from the threshold left out, by what the hub does not know (BUYER_SIRET, DURATION…). */
  leftOut: Record<string, number>;
}

/** What a build downloaded: each file's size, or null when the hub had nothing to publish yet (no public notice). */
export interface OfficialManifest {
  downloadedAt: string;
  files: Record<OfficialFileName, { bytes: number; decp?: DecpCounts } | null>;
  /** The header line of lots.csv, in order: the page documents the columns the file really has. */
  csvColumns: string[];
}

/**
 * The build's integration starts the download when the build starts and hands its promise to the pages through a
 * process-wide symbol (they are rendered in the same process, from a bundle with its own module instances), so
 * the hub exports while Astro bundles and renders; only /donnees/ waits for it.
 */
const MANIFEST_KEY = Symbol.for('territoire-achats:official-open-data');
type ManifestHolder = { [MANIFEST_KEY]?: Promise<OfficialManifest> };

export function shareOfficialManifest(manifest: Promise<OfficialManifest> | undefined): void {
  (globalThis as ManifestHolder)[MANIFEST_KEY] = manifest;
}

/** What the build downloaded; undefined outside a build (`astro dev`, which passes the files through). */
export function officialManifest(): Promise<OfficialManifest | undefined> {
  return (globalThis as ManifestHolder)[MANIFEST_KEY] ?? Promise.resolve(undefined);
}

const LOT_DESCRIPTIONS: Record<string, string> = Object.fromEntries(LOT_COLUMNS.map((column) => [column.name, column.description]));

/** The hub's lots CSV shares most columns with the site's; these are its own. */
const HUB_ONLY_DESCRIPTIONS: Record<string, string> = {
  buyer_siret: 'SIRET de l’acheteur (vide s’il n’est pas connu)',
  buyer_siren: 'SIREN de l’acheteur (vide s’il n’est pas connu)',
  co_suppliers: 'Cotitulaires d’un groupement, « nom (SIRET) », séparés par « | »',
  award_amount: 'Montant attribué en euros HT (vide s’il n’est pas communiqué)',
  supplier_sme: 'Le titulaire est une PME (oui / non ; vide si ce n’est pas connu)',
  source_system: 'Origine d’un avis importé : BOAMP, TED ou DECP (vide pour un avis publié sur le hub)',
  source_id: 'Identifiant de l’avis dans sa source',
};

export const UNDESCRIBED_COLUMN = 'Colonne non encore décrite ici';

export interface DescribedColumn {
  name: string;
  description: string;
}

/** Each column of the hub's CSV with its description, in the file's order. */
export function describeOfficialCsvColumns(columns: readonly string[]): DescribedColumn[] {
  return columns.map((name) => ({ name, description: HUB_ONLY_DESCRIPTIONS[name] ?? LOT_DESCRIPTIONS[name] ?? UNDESCRIBED_COLUMN }));
}

/** "2,4 Mo", "812 ko": the size a re-user sees before downloading. */
export function formatFileSize(bytes: number): string {
  const number = (value: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1000) return `${bytes} octets`;
  if (bytes < 1_000_000) return `${number(bytes / 1000)} ko`;
  return `${number(bytes / 1_000_000)} Mo`;
}

/** `BUYER_SIRET=6;DURATION=1` (the hub's x-decp-left-out header) as counts; unknown or malformed parts are ignored. */
export function parseDecpCounts(headers: { get(name: string): string | null }): DecpCounts | undefined {
  const contracts = headers.get('x-decp-contracts');
  if (contracts === null || !/^\d+$/.test(contracts)) return undefined;
  const leftOut: Record<string, number> = {};
  for (const part of (headers.get('x-decp-left-out') ?? '').split(';')) {
    const match = /^([A-Z_]+)=(\d+)$/.exec(part.trim());
    if (match) leftOut[match[1]!] = Number(match[2]);
  }
  const below = Number(headers.get('x-decp-below-threshold') ?? '0');
  return { contracts: Number(contracts), belowThreshold: Number.isInteger(below) ? below : 0, leftOut };
}

/** What is missing for a contract to reach the DECP, as a re-user reads it. */
const MISSING_FOR_DECP: Record<string, string> = {
  BUYER_SIRET: 'le SIRET de l’acheteur n’est pas connu du hub',
  DURATION: 'la durée du marché n’est pas connue',
  HOLDER_ID: 'le titulaire n’a pas d’identifiant (SIRET)',
  CPV: 'le code CPV manque',
};

const lots = (count: number) => (count === 1 ? '1 lot attribué' : `${count} lots attribués`);

/**
 * Why the DECP file holds what it holds: an empty file says « aucun marché à publier » and why; a file that leaves
 * out contracts counts them by what is missing. Empty when there is nothing to say.
 */
export function explainDecp(counts: DecpCounts): { empty: boolean; reasons: string[] } {
  const reasons: string[] = [];
  for (const [kind, count] of Object.entries(counts.leftOut)) {
    if (count > 0) {
      reasons.push(`${lots(count)} à partir de 40 000 € HT n’y ${count === 1 ? 'figure' : 'figurent'} pas : ${MISSING_FOR_DECP[kind] ?? `donnée manquante (${kind})`}.`);
    }
  }
  if (counts.belowThreshold > 0) {
    reasons.push(`${lots(counts.belowThreshold)} sous le seuil de 40 000 € HT : la loi (article R2196-1) ne demande pas d’en publier les données essentielles.`);
  }
  if (counts.contracts === 0 && reasons.length === 0) reasons.push('Aucun lot n’est encore attribué.');
  return { empty: counts.contracts === 0, reasons };
}
