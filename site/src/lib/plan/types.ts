import type * as Hub from '../hub/schema.generated.js';
import type { Cpv, Selected } from '../hub/types.js';

// The public part of the hub's forward purchasing plan (programmation prévisionnelle des achats), as the site
// reads it (see PLANNED_PURCHASE_FIELDS): picked from the types generated from schema.graphql, so a field that
// leaves the schema fails the site's type-check. A draft is never public.

/** PUBLISHED: announced; LAUNCHED: a published notice launched it; WITHDRAWN: taken out after being announced. */
export type PlannedPurchaseStatus = Exclude<Hub.PlannedPurchaseStatus, 'DRAFT'>;

export type AmountBand = Hub.AmountBand;

/** `launchQuarterKey`: e.g. 2027-T2. `notice`: the notice that launched it (LAUNCHED only). */
export type PlannedPurchase = Pick<
  Hub.PlannedPurchase,
  | 'reference'
  | 'subject'
  | 'description'
  | 'nature'
  | 'procedure'
  | 'launchYear'
  | 'launchQuarter'
  | 'launchQuarterKey'
  | 'launchQuarterStart'
  | 'amountBand'
  | 'amountMin'
  | 'amountMax'
  | 'environmentalClause'
  | 'socialClause'
  | 'reservedFor'
  | 'contactService'
  | 'contactEmail'
  | 'publishedAt'
  | 'withdrawnAt'
  | 'withdrawalReason'
  | 'launchedAt'
  | 'updatedAt'
> & {
  status: PlannedPurchaseStatus & Hub.PlannedPurchase['status'];
  cpv: Selected<Hub.PlannedPurchase['cpv'], Cpv>;
  family: Selected<Hub.PlannedPurchase['family'], Pick<Hub.PurchasingFamily, 'slug' | 'name'>>;
  organisation: Selected<Hub.PlannedPurchase['organisation'], Pick<Hub.Organisation, 'siren' | 'slug' | 'name' | 'kind' | 'inseeCode'>>;
  placeOfPerformance: Selected<Hub.PlannedPurchase['placeOfPerformance'], Pick<Hub.Commune, 'inseeCode' | 'name' | 'slug'>>;
  notice: Selected<Hub.PlannedPurchase['notice'], Pick<Hub.Notice, 'reference' | 'title' | 'publishedAt'>>;
};

/** How a buyer's notices were announced in the plan (`earlyShare`: percent, one decimal; null without a notice). */
export type PlanAnnouncementFigures = Pick<Hub.PlanAnnouncementFigures, 'publishedNotices' | 'announcedNotices' | 'announcedEarly' | 'earlyShare'> & {
  organisation: Selected<Hub.PlanAnnouncementFigures['organisation'], Pick<Hub.Organisation, 'slug' | 'name'>>;
};

export type PlanAnnouncement = {
  total: Selected<Hub.PlanAnnouncementIndicators['total'], PlanAnnouncementFigures>;
  buyers: Selected<Hub.PlanAnnouncementIndicators['buyers'], PlanAnnouncementFigures>;
};

export type YearPlanAnnouncement = PlanAnnouncement & { year: number };

/** The indicator for every year together, and for each year with a notice written in the hub, most recent first. */
export type PlanAnnouncementData = PlanAnnouncement & { years: YearPlanAnnouncement[] };

export interface PlanData {
  builtAt: Date;
  plannedPurchases: PlannedPurchase[];
}
