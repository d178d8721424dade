import type { SupplierRecord } from '../../notices/contract-essentials.js';
import type { Nature } from '../../notices/notice-enums.js';
import type { Procedure } from '../../notices/response-times.js';
import { BrokenRecordError, type ImportedAward, type ImportedLot, type ImportedNotice, type Parser } from './imported-notice.js';
import { amountAt, countAt, cpvAt, cpvOf, dayAt, frenchIdsAt, instantAt, lotNumberAt } from './xml-values.js';
import { all, at, child, flags, has, readXmlTree, textAt, textOf, type XmlElement } from './xml-tree.js';
import { clip, zonedInstant } from './values.js';

const NATURES: Record<string, Nature> = { TRAVAUX: 'WORKS', FOURNITURES: 'SUPPLIES', SERVICE: 'SERVICES', SERVICES: 'SERVICES' };

const PROCEDURES: Record<string, Procedure> = {
  OUVERT: 'OPEN',
  RESTREINT: 'RESTRICTED',
  PROCEDURE_ADAPTE: 'ADAPTED',
  NEGOCIE: 'NEGOTIATED',
  PROCEDURE_NEGOCIEE: 'NEGOTIATED',
  PROCEDURE_CONCURRENTIELLE_NEGOCIATION: 'NEGOTIATED',
  DIALOGUE_COMPETITIF: 'COMPETITIVE_DIALOGUE',
  NEGOCIE_SANS_PUBLICITE: 'NEGOTIATED_WITHOUT_PUBLICATION',
};

const paris = (day: string | null) => (day ? zonedInstant(day, null, 'Europe/Paris') : null);

/**
 * A BOAMP notice in the DILA XML (schema Boamp v230, root `<ANNONCE>`): a call for competition or an award notice.
 * An award notice that names the call it follows (ANNONCE_ANTERIEUR) updates that call's notice: both carry the
 * call's IDWEB as source identifier.
 */
export const parseBoamp: Parser = async function* (file, onProgress) {
  const root = await readXmlTree(file, onProgress);
  if (root.name !== 'ANNONCE') throw new BrokenRecordError('/', `expected a BOAMP <ANNONCE>, found <${root.name}>`);
  const idweb = textAt(root, 'GESTION/REFERENCE/IDWEB');
  const location = `ANNONCE (IDWEB ${idweb || '?'})`;
  if (!idweb) throw new BrokenRecordError('ANNONCE/GESTION/REFERENCE', 'the notice has no IDWEB');
  const nature = flags(at(root, 'GESTION/REFERENCE/TYPE_AVIS/NATURE'))[0] ?? '';
  const status = flags(at(root, 'GESTION/REFERENCE/TYPE_AVIS/STATUT'))[0] ?? 'INITIAL';
  if (status !== 'INITIAL') {
    yield { kind: 'skipped', skipped: { location, reason: `BOAMP ${status.toLowerCase()} notices are not imported (import the notice they change)` } };
    return;
  }
  if (nature !== 'APPEL_OFFRE' && nature !== 'ATTRIBUTION') {
    yield { kind: 'skipped', skipped: { location, reason: `BOAMP notices of nature ${nature || 'unknown'} are not imported` } };
    return;
  }
  yield { kind: 'notice', notice: boampNotice(root, idweb, nature === 'ATTRIBUTION', location) };
};

function originalCall(root: XmlElement): string | null {
  for (const previous of all(root, 'GESTION/MARCHE/ANNONCE_ANTERIEUR')) {
    const type = at(previous, 'REFERENCE/TYPE_AVIS');
    if (has(type, 'NATURE/APPEL_OFFRE') && has(type, 'STATUT/INITIAL')) return textAt(previous, 'REFERENCE/IDWEB') || null;
  }
  return null;
}

function boampNotice(root: XmlElement, idweb: string, isAward: boolean, location: string): ImportedNotice {
  const data = child(root, 'DONNEES');
  const identity = child(data, 'IDENTITE');
  const object = child(data, 'OBJET');
  const warnings: string[] = [];
  const title =
    textAt(object, 'TITRE_MARCHE') || textAt(root, 'GESTION/INDEXATION/RESUME_OBJET') || clip(textAt(object, 'OBJET_COMPLET'), 300);
  if (!title) throw new BrokenRecordError(`${location}/DONNEES/OBJET`, 'the notice has no object');
  const natureFlag = flags(child(object, 'TYPE_MARCHE'))[0] ?? '';
  const procedureFlag = flags(at(data, 'PROCEDURE/TYPE_PROCEDURE'))[0];
  const family = flags(at(root, 'GESTION/REFERENCE/TYPE_AVIS/FAMILLE'))[0];
  let procedure = procedureFlag ? PROCEDURES[procedureFlag] : undefined;
  if (!procedure) {
    procedure = family === 'MAPA' ? 'ADAPTED' : 'OPEN';
    warnings.push(`procedure ${procedureFlag ?? 'not stated'}: recorded as ${procedure === 'ADAPTED' ? 'adapted (MAPA notice)' : 'open'}`);
  }
  const mainCpv = cpvAt(object, 'CPV/PRINCIPAL');
  const lots = boampLots(object, title, mainCpv, warnings);
  const additional = new Set<string>(all(object, 'CPV/SECONDAIRE').map(textOf));
  for (const lot of all(object, 'LOTS/LOT')) for (const cpv of all(lot, 'CPV/PRINCIPAL')) additional.add(cpvOf(cpv, textOf(cpv)) ?? '');
  if (mainCpv) additional.delete(mainCpv);
  // The total value: of the call (OBJET, or its CARACTERISTIQUES in JOUE forms), or of the contracts an award notice
  // reports (ATTRIBUTION/VALEUR_TOTALE).
  const totalValue = amountAt(object, 'VALEUR_TOTALE') ?? amountAt(object, 'CARACTERISTIQUES/VALEUR_TOTALE') ?? amountAt(data, 'ATTRIBUTION/VALEUR_TOTALE');
  if (isAward) applyDecisions(data, lots, title, mainCpv, totalValue, warnings);
  const frameworkFlags = flags(at(data, 'PROCEDURE/AVIS_IMPLIQUE'));
  const social = has(root, 'GESTION/INDEXATION/CRITERES_SOCIAUX_ENV/SOCIAUX');
  return {
    sourceSystem: 'BOAMP',
    kind: isAward ? 'award' : 'call',
    sourceId: (isAward ? originalCall(root) : null) ?? idweb,
    location,
    // The buyer's SIRET (or SIREN) is CODE_IDENT_NATIONAL in the DILA schema; TYPE_IDENT_NATIONAL only says which.
    buyer: { name: textAt(identity, 'DENOMINATION'), country: 'FR', ...frenchIdsAt(identity, 'CODE_IDENT_NATIONAL', warnings) },
    title: clip(title, 300),
    description: textAt(object, 'OBJET_COMPLET') || title,
    nature: NATURES[natureFlag] ?? 'SERVICES',
    procedure,
    mainCpv,
    additionalCpvs: [...additional].filter(Boolean),
    estimatedValue: totalValue,
    publishedAt: paris(dayAt(root, 'GESTION/INDEXATION/DATE_PUBLICATION')),
    submissionDeadline: instantAt(data, 'CONDITION_DELAI/RECEPT_OFFRES'),
    electronicSubmission: !has(data, 'CONDITION_RELATIVE_MARCHE/PARTICIPATION_ELECTRONIQUE_NON'),
    buyerProfileUrl:
      textAt(identity, 'URL_PROFIL_ACHETEUR') || textAt(identity, 'URL_DOCUMENT') || textAt(identity, 'URL_PARTICIPATION') || textAt(identity, 'URL') || null,
    contactEmail: textAt(identity, 'MEL') || null,
    socialClause: social,
    environmentalClause: has(root, 'GESTION/INDEXATION/CRITERES_SOCIAUX_ENV/ENVIRONNEMENTAUX'),
    reservedFor: has(data, 'CONDITION_PARTICIPATION/MARCHE_RESERVE_OUI') ? 'DISABILITY' : 'NONE',
    framework: frameworkFlags.includes('ACCORD_CADRE_OUI')
      ? {
          maximumAmount: null,
          durationMonths: countAt(object, 'LOTS/LOT/DUREE_MOIS'),
          supplierMode: has(data, 'PROCEDURE/ACCORD_CADRE/PLUSIEURS_OPERATEURS') ? 'MULTIPLE' : 'SINGLE',
        }
      : null,
    lots,
    cancelled: false,
    warnings,
  };
}

function boampLots(object: XmlElement | undefined, title: string, mainCpv: string | null, warnings: string[]): ImportedLot[] {
  const lots = all(object, 'LOTS/LOT');
  return lots.map((lot, index) => ({
    number: lotNumberAt(lot, 'NUM', index + 1, warnings),
    title: clip(textAt(lot, 'INTITULE') || (lots.length === 1 ? title : textAt(lot, 'DESCRIPTION')) || title, 300),
    cpv: cpvAt(lot, 'CPV/PRINCIPAL') ?? mainCpv,
    estimatedValue: amountAt(lot, 'VALEUR'),
    award: null,
    unsuccessfulReason: null,
  }));
}

/** Award notices: each DECISION decides a lot (NUM_LOT), listing its holders (TITULAIRE) and their RENSEIGNEMENT. */
function applyDecisions(data: XmlElement | undefined, lots: ImportedLot[], title: string, mainCpv: string | null, totalValue: number | null, warnings: string[]) {
  const decisions = all(data, 'ATTRIBUTION/DECISION');
  decisions.forEach((decision, index) => {
    const number = lotNumberAt(decision, 'NUM_LOT', index + 1, warnings);
    let lot = lots.find((candidate) => candidate.number === number);
    if (!lot) {
      lot = {
        number,
        title: clip(textAt(decision, 'INTITULE') || (decisions.length === 1 ? title : textAt(decision, 'DESCRIPTION')) || title, 300),
        cpv: mainCpv,
        estimatedValue: null,
        award: null,
        unsuccessfulReason: null,
      };
      lots.push(lot);
    }
    if (!has(decision, 'ATTRIBUE')) {
      lot.unsuccessfulReason = has(decision, 'INFRUCTUEUX') ? 'Lot déclaré infructueux' : 'Lot non attribué';
      return;
    }
    const suppliers: SupplierRecord[] = [];
    let sme: boolean | null = null;
    let amount: number | null = null;
    let awardedOn: string | null = null;
    let offers: number | null = null;
    let joint = false;
    for (const element of decision.children) {
      if (element.name === 'TITULAIRE') {
        const holder: SupplierRecord = { name: textAt(element, 'DENOMINATION'), siret: frenchIdsAt(element, 'CODE_IDENT_NATIONAL', warnings).siret };
        // A holder named twice is one holder: told apart by SIRET, by name only when the notice gives none.
        if (holder.name && !suppliers.some((known) => sameHolder(known, holder))) suppliers.push(holder);
        // The SME flag of the main holder (the first), as TED and DECP give it for the contract.
        if (suppliers.length === 1 && sme === null) sme = has(element, 'PME_OUI') ? true : has(element, 'PME_NON') ? false : null;
      } else if (element.name === 'RENSEIGNEMENT') {
        awardedOn ??= dayAt(element, 'DATE_ATTRIBUTION');
        offers ??= countAt(element, 'NB_OFFRE_RECU');
        joint ||= has(element, 'GROUPEMENT_ECONOMIQUE');
        const value = amountAt(element, 'MONTANT') ?? amountAt(element, 'MONTANT_FINAL');
        if (value !== null) amount = (amount ?? 0) + value;
      }
    }
    if (suppliers.length === 0) warnings.push(`lot ${number} is awarded but the notice names no supplier`);
    const contract = { ...(offers ? { offersReceived: offers } : {}), ...(joint ? { jointBid: true } : {}) };
    const award: ImportedAward = {
      suppliers,
      sme,
      amount,
      awardedOn,
      contract: Object.keys(contract).length ? contract : null,
    };
    lot.award = award;
  });
  // A notice of one contract that gives its total value but no amount per decision: that value is the contract's.
  const awarded = lots.filter((lot) => lot.award);
  if (awarded.length === 1 && awarded[0]!.award!.amount === null && totalValue !== null && decisions.length === 1) awarded[0]!.award!.amount = totalValue;
  lots.sort((a, b) => a.number - b.number);
  if (decisions.length === 0) warnings.push('the award notice holds no decision');
}

function sameHolder(a: SupplierRecord, b: SupplierRecord): boolean {
  if (a.siret && b.siret) return a.siret === b.siret;
  if (a.siret || b.siret) return false;
  return a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}
