// The public part of the hub's GraphQL schema, as the site reads it (see /schema.graphql at the repository root).
export type NoticeStatus = 'DRAFT' | 'PUBLISHED' | 'CLOSED' | 'AWARDED' | 'UNSUCCESSFUL' | 'CANCELLED';
export type Nature = 'WORKS' | 'SUPPLIES' | 'SERVICES';
export type Procedure =
  | 'ADAPTED'
  | 'OPEN'
  | 'RESTRICTED'
  | 'NEGOTIATED'
  | 'COMPETITIVE_DIALOGUE'
  | 'NEGOTIATED_WITHOUT_PUBLICATION';
export type Reservation = 'NONE' | 'DISABILITY' | 'INSERTION';
export type SupplierMode = 'SINGLE' | 'MULTIPLE';
export type OrganisationKind = 'AGGLOMERATION' | 'COMMUNE' | 'OTHER_PUBLIC_BODY';
export type LotStatus = 'OPEN' | 'AWARDED' | 'UNSUCCESSFUL' | 'CANCELLED';

export interface Cpv {
  code: string;
  label: string;
}

export interface Organisation {
  /** Null for a buyer imported without one (historical data, e.g. a foreign authority). */
  siren: string | null;
  slug: string;
  name: string;
  kind: OrganisationKind;
  inseeCode: string | null;
  population: number | null;
}

export interface Commune {
  inseeCode: string;
  name: string;
  slug: string;
  postalCodes: string[];
  population: number | null;
  organisation: { slug: string } | null;
}

export interface PurchasingFamily {
  slug: string;
  name: string;
  description: string;
  cpvPrefixes: string[];
}

/** Imported historical awards may lack the SIRET, the SME status or the amount: null, never a made-up value. */
export interface Award {
  supplierName: string;
  supplierSiret: string | null;
  sme: boolean | null;
  supplierCommune: string | null;
  /** Euros excl. VAT. */
  amount: number | null;
  awardedOn: string;
}

export interface Lot {
  number: number;
  title: string;
  cpv: Cpv;
  estimatedValue: number | null;
  status: LotStatus;
  award: Award | null;
  unsuccessfulReason: string | null;
}

export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface Corrigendum {
  publishedAt: string;
  reason: string;
  changes: FieldChange[];
}

/** A marché subséquent or bon de commande under a framework agreement. */
export interface FrameworkOrder {
  reference: string;
  lotNumber: number;
  /** YYYY-MM-DD */
  orderedOn: string;
  supplierName: string;
  /** Euros excl. VAT. */
  amount: number;
}

export interface FrameworkAgreement {
  maximumAmount: number | null;
  durationMonths: number;
  supplierMode: SupplierMode;
  /** Computed by the hub as `consumptionMethod` says; euros excl. VAT. */
  consumedAmount: number;
  /** Null without a maximum; negative when the records exceed it. */
  remainingAmount: number | null;
  consumptionMethod: string;
  /** Oldest first. */
  orders: FrameworkOrder[];
}

/** The groupement de commandes a notice is published for. */
export interface NoticePurchasingGroup {
  subject: string;
  /** Publishes the notice on behalf of the members. */
  coordinator: Pick<Organisation, 'slug' | 'name'>;
  /** Every member, the coordinator first. */
  members: Pick<Organisation, 'slug' | 'name'>[];
}

export interface Notice {
  reference: string;
  title: string;
  description: string;
  status: NoticeStatus;
  isOpen: boolean;
  organisation: Pick<Organisation, 'siren' | 'slug' | 'name' | 'kind' | 'inseeCode'>;
  nature: Nature;
  procedure: Procedure;
  mainCpv: Cpv;
  additionalCpvs: Cpv[];
  family: Pick<PurchasingFamily, 'slug' | 'name'> | null;
  estimatedValue: number | null;
  placeOfPerformance: Pick<Commune, 'inseeCode' | 'name' | 'slug'> | null;
  submissionDeadline: string;
  publishedAt: string | null;
  closedAt: string | null;
  buyerProfileUrl: string;
  contactEmail: string;
  socialClause: boolean;
  environmentalClause: boolean;
  reservedFor: Reservation;
  frameworkAgreement: FrameworkAgreement | null;
  /** The groupement de commandes the notice is published for: each member lists it. */
  purchasingGroup?: NoticePurchasingGroup | null;
  lots: Lot[];
  corrigenda: Corrigendum[];
  cancelledAt: string | null;
  cancellationReason: string | null;
  updatedAt: string;
  /** The planned purchase of the forward purchasing plan this notice launched, announced on `publishedAt`. */
  plannedPurchase: { reference: string; publishedAt: string | null } | null;
}
