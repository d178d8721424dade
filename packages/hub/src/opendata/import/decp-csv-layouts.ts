import type { Nature } from '../../notices/notice-enums.js';
import { foldText } from '../../shared/text.js';

/**
 * The tabular DECP layouts the importer reads, told apart by their header (never by the file's name). Each is one
 * row per contract and holder, or one row per contract with numbered holder columns. Every layout maps its columns
 * onto the DECP record fields of the arrêtés of 22 December 2022 (`schema_decp_v2.0.3.json`: `id`, `objet`,
 * `codeCPV`, `montant`…), so that a row goes through the same checks and mapping as a DECP JSON record.
 *
 * | layout | how it is recognised | one row is | `type` column |
 * | --- | --- | --- | --- |
 * | `consolidated` (national consolidated file: `uid,id,type,codeCPV,acheteur_id,acheteur_nom,titulaire_id,titulaire_nom,montant,dateNotification,procedure,dureeMois,offresRecues,acheteur_departement_code,…`) | `uid`, `type`, `acheteur_id`, `titulaire_id`, `montant`, `dateNotification` and no `objet` column | a contract × one holder | the contract's category: `Travaux`, `Services`, `Fournitures` |
 * | `per-holder` (decp.info / DECP Table Schema, `;` or `,`) | `acheteur_id` (or `acheteur.id`), `montant`, `dateNotification`, `objet` | a contract × one holder (`titulaire_id`, `titulaire_typeIdentifiant`, `titulaire_denominationSociale`) | DECP 1's `_type`: `Marché` or `Contrat de concession` |
 * | `numbered-holders` (publishers' own exports on data.gouv: `acheteur.id`, `titulaire_id_1`, `titulaire_typeidentifiant_1`…) | an acheteur id column and `titulaire_id_1` (or `idtitulaire_1`) | a contract, holders 1 to n in numbered columns | `nature` (`Marché`, `Accord-cadre`, `Marché subséquent`…) |
 */
export const DECP_CSV_LAYOUTS = ['consolidated', 'per-holder', 'numbered-holders'] as const;
export type DecpCsvLayout = (typeof DECP_CSV_LAYOUTS)[number];

/** Header names as the publishers write them, folded (lowercase, no accent, `.`/space/`-` as `_`) to one spelling. */
const ALIASES: Record<string, string> = {
  uid: 'uid',
  id: 'id',
  type: 'type',
  _type: 'type',
  nature: 'nature',
  objet: 'objet',
  codecpv: 'codeCPV',
  procedure: 'procedure',
  dureemois: 'dureeMois',
  datenotification: 'dateNotification',
  datepublicationdonnees: 'datePublicationDonnees',
  montant: 'montant',
  formeprix: 'formePrix',
  acheteur_id: 'acheteur_id',
  idacheteur: 'acheteur_id',
  acheteur_nom: 'acheteur_nom',
  titulaire_id: 'titulaire_id',
  titulaire_nom: 'titulaire_nom',
  titulaire_denominationsociale: 'titulaire_nom',
  titulaire_typeidentifiant: 'titulaire_typeIdentifiant',
  lieuexecution_code: 'lieu_code',
  lieuxexecution_code: 'lieu_code',
  lieuexecution_typecode: 'lieu_typeCode',
  lieuxexecution_typecode: 'lieu_typeCode',
  offresrecues: 'offresRecues',
  ccag: 'ccag',
  marcheinnovant: 'marcheInnovant',
  soustraitancedeclaree: 'sousTraitanceDeclaree',
  attributionavance: 'attributionAvance',
  typegroupementoperateurs: 'typeGroupementOperateurs',
  idaccordcadre: 'idAccordCadre',
};

/** Numbered holder columns: `titulaire_id_2`, `idtitulaire_2`, `titulaire_typeidentifiant_2`, `denominationtitulaire_2`… */
const NUMBERED: Array<[RegExp, string]> = [
  [/^(?:titulaire_id|idtitulaire)_(\d+)$/, 'titulaire_id'],
  [/^(?:titulaire_typeidentifiant|typeidentifianttitulaire)_(\d+)$/, 'titulaire_typeIdentifiant'],
  [/^(?:titulaire_denominationsociale|titulaire_nom|denominationtitulaire)_(\d+)$/, 'titulaire_nom'],
];

/** One header cell in the importer's spelling: `titulaire_id_2` stays numbered as `titulaire_id#2`. */
export function canonicalColumn(header: string): string {
  const folded = foldText(header.trim()).replace(/[.\s-]+/g, '_');
  for (const [pattern, name] of NUMBERED) {
    const match = pattern.exec(folded);
    if (match) return `${name}#${match[1]}`;
  }
  return ALIASES[folded] ?? header.trim();
}

export type LayoutResult = { layout: DecpCsvLayout } | { missing: string[] };

/** Which layout a header (already canonical) is; or, when none fits, the columns that the closest one lacks. */
export function layoutOf(columns: readonly string[]): LayoutResult {
  const has = (name: string) => columns.includes(name);
  const lacking = (names: string[]) => names.filter((name) => !has(name));
  const numbered = has('titulaire_id#1');
  if (!has('objet') && !numbered && has('type') && has('uid')) {
    const missing = lacking(['id', 'acheteur_id', 'titulaire_id', 'montant', 'dateNotification']);
    return missing.length ? { missing } : { layout: 'consolidated' };
  }
  const missing = lacking(['acheteur_id', 'montant', 'dateNotification']);
  if (!has('uid') && !has('id')) missing.unshift('uid or id');
  if (missing.length) return { missing };
  return { layout: numbered ? 'numbered-holders' : 'per-holder' };
}

/** The `type` of the consolidated layout: the contract's category (arrêté of 22 December 2022, annex: « nature »). */
const CATEGORIES: Record<string, Nature> = { travaux: 'WORKS', services: 'SERVICES', fournitures: 'SUPPLIES' };

export function categoryNature(value: string | undefined): Nature | null {
  return CATEGORIES[foldText(value ?? '').trim()] ?? null;
}
