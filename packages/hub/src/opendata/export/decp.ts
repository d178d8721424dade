import type { ContractEssentials, SupplierId } from '../../notices/contract-essentials.js';
import type { Nature } from '../../notices/notice-enums.js';
import { parisDateOf } from '../../shared/paris-calendar.js';
import { essentialDataThresholdOn } from '../../notices/thresholds.js';
import { DECP_PROCEDURE } from '../import/decp-mapping.js';
import type { OpenDataLot, OpenDataNotice } from './open-data-notice.js';


/** Why an awarded lot from the threshold is left out of the DECP: a value DECP requires that the hub does not know. */
export const LEFT_OUT_KINDS = ['BUYER_SIRET', 'CPV', 'DURATION', 'HOLDER_ID'] as const;
export type LeftOutKind = (typeof LEFT_OUT_KINDS)[number];

/** A record left out of the DECP, and why (no buyer SIRET, duration unknown…): the export reports them. */
export interface LeftOut {
  reference: string;
  lot: number;
  kind: LeftOutKind;
  reason: string;
}

export type DecpMarche = Record<string, unknown>;

const CCAG = ['Travaux', "Maitrise d'œuvre", 'Fournitures courantes et services', 'Marchés industriels', 'Prestations intellectuelles', 'Techniques de l\'information et de la communication', 'Pas de CCAG'];
const PRICE_FORMS = ['Unitaire', 'Forfaitaire', 'Mixte'];
const GROUPINGS = ['Conjoint', 'Solidaire', 'Pas de groupement'];

/**
 * A joint bid whose source did not give the group's form (BOAMP, TED, consolidated DECP): « Conjoint », the form
 * in which each member answers for its own share (code de la commande publique, R2142-20), never « Pas de
 * groupement », which would deny the group.
 */
const JOINT_BID_DEFAULT = 'Conjoint';

const oneOf = (value: string | undefined, allowed: readonly string[]) => (value && allowed.includes(value) ? value : undefined);

/**
 * The CCAG a contract most likely refers to when the buyer did not say: works, then intellectual services
 * (architecture and engineering 71, studies 73, consultancy 79.4), IT (48, 72), else supplies and services.
 */
export function defaultCcag(nature: Nature, cpv: string): string {
  if (nature === 'WORKS') return 'Travaux';
  if (cpv.startsWith('71')) return "Maitrise d'œuvre";
  if (cpv.startsWith('73') || cpv.startsWith('794')) return 'Prestations intellectuelles';
  if (cpv.startsWith('48') || cpv.startsWith('72')) return "Techniques de l'information et de la communication";
  return 'Fournitures courantes et services';
}

/** The DECP identifier: unique per buyer, 1 to 16 characters, stable (the notice reference, with the lot number). */
export function decpId(notice: OpenDataNotice, lot: OpenDataLot): string {
  if (notice.lots.length <= 1) return notice.reference;
  const withLot = `${notice.reference}-${lot.number}`;
  return withLot.length <= 16 ? withLot : `${notice.reference.replaceAll('-', '')}-${lot.number}`.slice(0, 16);
}

const holder = (id: SupplierId) => ({ titulaire: { typeIdentifiant: id.type, id: id.id } });

/**
 * The DECP v2 `marche` of each awarded lot of a notice. Values the hub records come first, then what an imported
 * DECP said (`award.contract`), then documented defaults for what the hub's award form does not ask yet:
 * offers received 1 (an award implies at least one offer), no advance, no declared subcontracting, no grouping unless
 * the source said the contract went to a group (then « Conjoint »), not
 * innovative, price « Définitif ferme », « Unitaire » for a framework agreement and « Forfaitaire » otherwise, the
 * CCAG of the nature and CPV, the award date as notification date, the day the award was recorded as first
 * publication. A lot is left out, with its reason, when DECP needs what the hub cannot know: the buyer's SIRET,
 * the contract's duration, a holder's identifier, a CPV code.
 */
export function decpMarches(notice: OpenDataNotice): { marches: DecpMarche[]; leftOut: LeftOut[]; belowThreshold: number } {
  const marches: DecpMarche[] = [];
  const leftOut: LeftOut[] = [];
  let belowThreshold = 0;
  const { organisation } = notice;
  for (const lot of notice.lots) {
    const { award } = lot;
    if (lot.status !== 'AWARDED' || !award || award.amount === null) continue;
    const contract: ContractEssentials = award.contract ?? {};
    // Article R2196-1, with the threshold in force on the day the contract was notified.
    if (award.amount < essentialDataThresholdOn(contract.notifiedOn ?? award.awardedOn)) {
      belowThreshold++;
      continue;
    }
    const skip = (kind: LeftOutKind, reason: string) => leftOut.push({ reference: notice.reference, lot: lot.number, kind, reason });
    const cpv = [lot.cpv, notice.mainCpv].find((code) => /^\d{8}(-\d)?$/.test(code));
    const duration = contract.durationMonths ?? notice.frameworkDurationMonths ?? undefined;
    const mainId: SupplierId | undefined = award.supplierSiret ? { type: 'SIRET', id: award.supplierSiret } : contract.mainSupplierId;
    // The establishment that signed the contract, else the organisation's own: the pair (acheteur.id, id) is the contract's key.
    const buyerSiret = contract.buyerSiret ?? organisation.siret;
    if (!buyerSiret) {
      skip('BUYER_SIRET', `the buyer ${organisation.name} has no known SIRET`);
      continue;
    }
    if (!cpv) {
      skip('CPV', 'no CPV code');
      continue;
    }
    if (!duration) {
      skip('DURATION', 'the duration of the contract is unknown');
      continue;
    }
    if (!mainId) {
      skip('HOLDER_ID', `the holder ${award.supplierName} has no identifier`);
      continue;
    }
    const coHolders = award.coSuppliers.flatMap((supplier) => {
      const id = supplier.siret ? { type: 'SIRET' as const, id: supplier.siret } : supplier.otherId;
      return id ? [holder(id)] : [];
    });
    const social = [
      ...(notice.socialClause ? ['Clause sociale'] : []),
      ...(notice.reservedFor !== 'NONE' ? ['Marché réservé'] : []),
    ];
    const objet = notice.lots.length > 1 ? `${notice.title} — Lot ${lot.number} : ${lot.title}` : notice.title;
    const place = contract.placeOfPerformance ?? (notice.placeOfPerformanceInsee ?? organisation.inseeCode ? { code: (notice.placeOfPerformanceInsee ?? organisation.inseeCode)!, typeCode: 'Code commune' } : { code: 'FR', typeCode: 'Code pays' });
    const modifications = (contract.modifications ?? []).map((modification) => ({
      modification: {
        id: modification.id,
        dateNotificationModification: modification.notifiedOn,
        datePublicationDonneesModification: modification.publishedOn,
        ...(modification.durationMonths ? { dureeMois: modification.durationMonths } : {}),
        ...(modification.amount ? { montant: modification.amount } : {}),
        ...(modification.suppliers?.length ? { titulaires: modification.suppliers.map(holder) } : {}),
      },
    }));
    marches.push({
      id: contract.contractId ?? decpId(notice, lot),
      acheteur: { id: buyerSiret },
      nature: 'Marché',
      objet: objet.length > 1000 ? `${objet.slice(0, 999)}…` : objet,
      codeCPV: cpv,
      techniques: { technique: contract.techniques ?? [notice.frameworkAgreement ? 'Accord-cadre' : 'Sans objet'] },
      modalitesExecution: { modaliteExecution: contract.executionModes ?? ['Sans objet'] },
      ...(contract.frameworkContractId ? { idAccordCadre: contract.frameworkContractId.slice(0, 16) } : {}),
      marcheInnovant: contract.innovative ?? false,
      ccag: oneOf(contract.ccag, CCAG) ?? defaultCcag(notice.nature, cpv),
      offresRecues: contract.offersReceived ?? 1,
      attributionAvance: contract.advancePayment ?? false,
      ...(contract.advanceRate !== undefined ? { tauxAvance: contract.advanceRate } : {}),
      typeGroupementOperateurs: oneOf(contract.groupingType, GROUPINGS) ?? (contract.jointBid ? JOINT_BID_DEFAULT : 'Pas de groupement'),
      sousTraitanceDeclaree: contract.subcontractingDeclared ?? false,
      procedure: DECP_PROCEDURE[notice.procedure],
      lieuExecution: place,
      dureeMois: duration,
      dateNotification: contract.notifiedOn ?? award.awardedOn,
      datePublicationDonnees: contract.dataPublishedOn ?? parisDateOf(award.createdAt),
      montant: award.amount,
      typesPrix: { typePrix: contract.priceTypes ?? ['Définitif ferme'] },
      formePrix: oneOf(contract.priceForm, PRICE_FORMS) ?? (notice.frameworkAgreement ? 'Unitaire' : 'Forfaitaire'),
      ...(contract.euOriginShare !== undefined ? { origineUE: contract.euOriginShare } : {}),
      ...(contract.frenchOriginShare !== undefined ? { origineFrance: contract.frenchOriginShare } : {}),
      titulaires: [holder(mainId), ...coHolders],
      considerationsSociales: { considerationSociale: contract.socialConsiderations ?? (social.length ? social : ['Pas de considération sociale']) },
      considerationsEnvironnementales: {
        considerationEnvironnementale:
          contract.environmentalConsiderations ?? [notice.environmentalClause ? 'Clause environnementale' : 'Pas de considération environnementale'],
      },
      // The schema wants at least one modification when the list is present: none means no list.
      ...(modifications.length ? { modifications } : {}),
    });
  }
  return { marches, leftOut, belowThreshold };
}
