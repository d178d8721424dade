/**
 * What the essential data of a contract (DECP, arrêtés of 22 December 2022) says beyond the award itself. The hub's
 * award form does not ask for these yet; imports of DECP files carry them, and the DECP export prefers them to its
 * documented defaults. Every field is optional: absent means unknown.
 */

/** How a supplier is identified in DECP: SIRET first, else an EU VAT number, else a non-EU identifier, etc. */
export const SUPPLIER_ID_TYPES = ['SIRET', 'TVA', 'TAHITI', 'RIDET', 'FRWF', 'IREP', 'HORS-UE'] as const;
export type SupplierIdType = (typeof SUPPLIER_ID_TYPES)[number];

export interface SupplierId {
  type: SupplierIdType;
  id: string;
}

/** A supplier holding an award, with whatever identifier the source gave (often none in old notices). */
export interface SupplierRecord {
  name: string;
  siret: string | null;
  /** A non-SIRET identifier (VAT number, foreign register), when that is all the source gave. */
  otherId?: SupplierId | null;
}

/** A change to the contract after its essential data were first published (DECP `modifications`). */
export interface ContractModification {
  id: number;
  notifiedOn: string;
  publishedOn: string;
  durationMonths?: number;
  amount?: number;
  suppliers?: SupplierId[];
}

export interface ContractEssentials {
  /** The buyer's own identifier of the contract (DECP `id`, 1 to 16 characters). */
  contractId?: string;
  /**
   * The SIRET of the buyer's establishment that signed the contract (DECP `acheteur.id`), which may be another than
   * the organisation's own SIRET: a buyer numbers its contracts per establishment.
   */
  buyerSiret?: string;
  /** YYYY-MM-DD. */
  notifiedOn?: string;
  /** YYYY-MM-DD: when the essential data were first published. */
  dataPublishedOn?: string;
  durationMonths?: number;
  offersReceived?: number;
  ccag?: string;
  priceForm?: string;
  priceTypes?: string[];
  techniques?: string[];
  executionModes?: string[];
  frameworkContractId?: string;
  innovative?: boolean;
  advancePayment?: boolean;
  advanceRate?: number;
  subcontractingDeclared?: boolean;
  groupingType?: string;
  /**
   * True when the source says the contract went to a group of economic operators (a joint bid: BOAMP
   * `GROUPEMENT_ECONOMIQUE`, TED `AWARDED_TO_GROUP`, several holders of one DECP contract) without saying the
   * group's form, which `groupingType` gives when known.
   */
  jointBid?: boolean;
  euOriginShare?: number;
  frenchOriginShare?: number;
  placeOfPerformance?: { code: string; typeCode: string };
  socialConsiderations?: string[];
  environmentalConsiderations?: string[];
  /**
   * The award's value as the source wrote it when not in euros (a TED notice in PLN, GBP…): the award's amount, in
   * euros like every figure of the hub, stays empty, since the source gives no rate.
   */
  amountInCurrency?: { amount: number; currency: string };
  /**
   * The award's identifiers at its source (OCDS `awards[].id`; several when awards of one lot were joined), which a
   * contract release read later names (`contracts[].awardID`).
   */
  sourceAwardIds?: string[];
  /** The main supplier's identifier when it is not a SIRET. */
  mainSupplierId?: SupplierId;
  modifications?: ContractModification[];
}
