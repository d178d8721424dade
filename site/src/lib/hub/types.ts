// The public part of the hub's GraphQL schema, as the site reads it. Every type here picks its fields from
// schema.generated.ts (generated from /schema.graphql by site/scripts/generate-hub-types.mjs), so a field the site
// reads that leaves the schema, or changes its type or nullability, fails the site's type-check. The selections
// here are the ones queries.ts asks for.
import type * as Hub from './schema.generated.js';

export type { LotStatus, Nature, NoticeStatus, OrganisationKind, Procedure, Reservation, SupplierMode } from './schema.generated.js';

/** A field as the hub sends it (nullable, list or both, as the schema says) with only the selected part `V` of its objects. */
export type Selected<F, V> = F extends (infer E)[] ? Selected<E, V>[] : null extends F ? V | null : V;

export type Cpv = Pick<Hub.Cpv, 'code' | 'label'>;

/** `siren` is null for a buyer imported without one (historical data, e.g. a foreign authority). */
export type Organisation = Pick<Hub.Organisation, 'siren' | 'slug' | 'name' | 'kind' | 'inseeCode' | 'population'>;

export type Commune = Pick<Hub.Commune, 'inseeCode' | 'name' | 'slug' | 'postalCodes' | 'population'> & {
  organisation: Selected<Hub.Commune['organisation'], Pick<Hub.Organisation, 'slug'>>;
};

export type PurchasingFamily = Pick<Hub.PurchasingFamily, 'slug' | 'name' | 'description' | 'cpvPrefixes'>;

/** Imported historical awards may lack the SIRET, the SME status or the amount (euros excl. VAT): null, never a made-up value. */
export type Award = Pick<Hub.Award, 'supplierName' | 'supplierSiret' | 'sme' | 'supplierCommune' | 'amount' | 'awardedOn'>;

export type Lot = Pick<Hub.Lot, 'number' | 'title' | 'estimatedValue' | 'status' | 'unsuccessfulReason'> & {
  cpv: Selected<Hub.Lot['cpv'], Cpv>;
  award: Selected<Hub.Lot['award'], Award>;
};

export type FieldChange = Pick<Hub.FieldChange, 'field' | 'label' | 'before' | 'after'>;

export type Corrigendum = Pick<Hub.Corrigendum, 'publishedAt' | 'reason'> & {
  changes: Selected<Hub.Corrigendum['changes'], FieldChange>;
};

/** A marché subséquent or bon de commande under a framework agreement (`orderedOn`: YYYY-MM-DD; `amount`: euros excl. VAT). */
export type FrameworkOrder = Pick<Hub.FrameworkOrder, 'reference' | 'lotNumber' | 'orderedOn' | 'supplierName' | 'amount'>;

/** `consumedAmount` is computed by the hub as `consumptionMethod` says; `remainingAmount` is null without a maximum. */
export type FrameworkAgreement = Pick<
  Hub.FrameworkAgreement,
  'maximumAmount' | 'durationMonths' | 'supplierMode' | 'consumedAmount' | 'remainingAmount' | 'consumptionMethod'
> & {
  /** Oldest first. */
  orders: Selected<Hub.FrameworkAgreement['orders'], FrameworkOrder>;
};

/** The groupement de commandes a notice is published for: the coordinator publishes for the members (coordinator first). */
export type NoticePurchasingGroup = Pick<Hub.NoticePurchasingGroup, 'subject'> & {
  coordinator: Selected<Hub.NoticePurchasingGroup['coordinator'], Pick<Hub.Organisation, 'slug' | 'name'>>;
  members: Selected<Hub.NoticePurchasingGroup['members'], Pick<Hub.Organisation, 'slug' | 'name'>>;
};

export type Notice = Pick<
  Hub.Notice,
  | 'reference'
  | 'title'
  | 'description'
  | 'status'
  | 'isOpen'
  | 'nature'
  | 'procedure'
  | 'estimatedValue'
  | 'submissionDeadline'
  | 'publishedAt'
  | 'closedAt'
  | 'buyerProfileUrl'
  | 'contactEmail'
  | 'socialClause'
  | 'environmentalClause'
  | 'reservedFor'
  | 'cancelledAt'
  | 'cancellationReason'
  | 'updatedAt'
> & {
  organisation: Selected<Hub.Notice['organisation'], Pick<Hub.Organisation, 'siren' | 'slug' | 'name' | 'kind' | 'inseeCode'>>;
  mainCpv: Selected<Hub.Notice['mainCpv'], Cpv>;
  additionalCpvs: Selected<Hub.Notice['additionalCpvs'], Cpv>;
  family: Selected<Hub.Notice['family'], Pick<Hub.PurchasingFamily, 'slug' | 'name'>>;
  placeOfPerformance: Selected<Hub.Notice['placeOfPerformance'], Pick<Hub.Commune, 'inseeCode' | 'name' | 'slug'>>;
  frameworkAgreement: Selected<Hub.Notice['frameworkAgreement'], FrameworkAgreement>;
  /** The groupement de commandes the notice is published for: each member lists it. */
  purchasingGroup?: Selected<Hub.Notice['purchasingGroup'], NoticePurchasingGroup>;
  lots: Selected<Hub.Notice['lots'], Lot>;
  corrigenda: Selected<Hub.Notice['corrigenda'], Corrigendum>;
  /** The planned purchase of the forward purchasing plan this notice launched, announced on `publishedAt`. */
  plannedPurchase: Selected<Hub.Notice['plannedPurchase'], Pick<Hub.PlannedPurchase, 'reference' | 'publishedAt'>>;
  /** The publicity the law requires at the notice's estimated value (all lots) and publication day, with why; the hub derives it. */
  publicity: Selected<Hub.Notice['publicity'], NoticePublicity>;
};

export type NoticePublicity = Pick<Hub.Publicity, 'level' | 'label' | 'explanation'>;
