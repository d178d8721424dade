import type { Cpv, Nature, OrganisationKind, Procedure, Reservation } from '../hub/types.js';

// The public part of the hub's forward purchasing plan (programmation prévisionnelle des achats), as the site
// reads it (see `PlannedPurchase` in /schema.graphql). A draft is never public.

/** PUBLISHED: announced; LAUNCHED: a published notice launched it; WITHDRAWN: taken out after being announced. */
export type PlannedPurchaseStatus = 'PUBLISHED' | 'LAUNCHED' | 'WITHDRAWN';

export type AmountBand = 'BELOW_40K' | 'FROM_40K_TO_90K' | 'FROM_90K_TO_216K' | 'FROM_216K_TO_1M' | 'FROM_1M_TO_5M' | 'ABOVE_5M';

export interface PlannedPurchase {
  reference: string;
  subject: string;
  description: string;
  status: PlannedPurchaseStatus;
  nature: Nature;
  procedure: Procedure;
  launchYear: number;
  launchQuarter: number;
  /** e.g. 2027-T2 */
  launchQuarterKey: string;
  launchQuarterStart: string;
  amountBand: AmountBand;
  amountMin: number;
  amountMax: number | null;
  environmentalClause: boolean;
  socialClause: boolean;
  reservedFor: Reservation;
  contactService: string;
  contactEmail: string;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  launchedAt: string | null;
  updatedAt: string;
  cpv: Cpv;
  family: { slug: string; name: string } | null;
  organisation: { siren: string | null; slug: string; name: string; kind: OrganisationKind; inseeCode: string | null };
  placeOfPerformance: { inseeCode: string; name: string; slug: string } | null;
  /** The notice that launched it (LAUNCHED only). */
  notice: { reference: string; title: string; publishedAt: string | null } | null;
}

/** How a buyer's notices were announced in the plan (the hub's `PlanAnnouncementFigures`). */
export interface PlanAnnouncementFigures {
  organisation: { slug: string; name: string } | null;
  publishedNotices: number;
  announcedNotices: number;
  announcedEarly: number;
  /** percent, one decimal; null without a notice */
  earlyShare: number | null;
}

export interface PlanAnnouncement {
  total: PlanAnnouncementFigures;
  buyers: PlanAnnouncementFigures[];
}

export interface PlanData {
  builtAt: Date;
  plannedPurchases: PlannedPurchase[];
}
