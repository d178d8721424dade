import type { EntityManager } from '@mikro-orm/sqlite';
import { amountBand, type AmountBand } from '../planning/amount-bands.js';
import { PlannedPurchase } from '../planning/planned-purchase.entity.js';
import type { PlannedPurchaseStatus } from '../planning/planned-purchase-lifecycle.js';
import type { Procedure } from '../notices/response-times.js';
import { getVarCommune } from '../reference/territory.js';
import { foldText, type MatchableNotice } from './alert-criteria.js';

/**
 * What the alerts read of a published planned purchase (programmation prévisionnelle): what the matching rules need
 * (its amount is a band, matched against a subscriber's range by overlap) and what a mail shows. Public fields only.
 */
export interface AlertPlan extends MatchableNotice {
  reference: string;
  title: string;
  buyerName: string;
  communeName: string | null;
  launchYear: number;
  launchQuarter: number;
  amountLabel: string;
  status: PlannedPurchaseStatus;
  /** Why it was withdrawn, for a PLAN_WITHDRAWN alert. */
  withdrawalReason: string | null;
  foldedText: string;
}

export async function loadAlertPlans(em: EntityManager, references: string[]): Promise<Map<string, AlertPlan>> {
  if (references.length === 0) return new Map();
  const plans = await em.find(PlannedPurchase, { reference: { $in: [...new Set(references)] } }, { populate: ['organisation', 'family'] });
  return new Map(plans.map((plan) => [plan.reference, toAlertPlan(plan)]));
}

export function toAlertPlan(plan: PlannedPurchase): AlertPlan {
  const organisation = plan.organisation.getEntity();
  const family = plan.family?.getEntity() ?? null;
  const communeInsee = plan.placeOfPerformanceInsee ?? organisation.inseeCode;
  const band = amountBand(plan.amountBand as AmountBand);
  const text = [plan.subject, plan.description].join(' \n ');
  return {
    reference: plan.reference,
    title: plan.subject,
    buyerName: organisation.name,
    buyerSlug: organisation.slug,
    communeInsee,
    communeName: communeInsee ? (getVarCommune(communeInsee)?.name ?? null) : null,
    familySlug: family?.slug ?? null,
    cpvCodes: [plan.cpv],
    text,
    foldedText: foldText(text),
    estimatedValue: null,
    amountRange: { min: band.min, max: band.max },
    procedure: plan.procedure as Procedure,
    launchYear: plan.launchYear,
    launchQuarter: plan.launchQuarter,
    amountLabel: band.label,
    status: plan.status,
    withdrawalReason: plan.withdrawalReason,
  };
}
