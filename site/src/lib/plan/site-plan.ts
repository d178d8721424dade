import { getCatalogue } from '../site.js';
import { getPlan } from './load.js';
import { PlanCatalogue } from './plan-catalogue.js';

// The plan read once per build, grouped with the territory's reference data the notices came with.
let planCatalogue: Promise<PlanCatalogue> | undefined;

export function getPlanCatalogue(): Promise<PlanCatalogue> {
  planCatalogue ??= (async () => {
    const [plan, catalogue] = await Promise.all([getPlan(), getCatalogue()]);
    return new PlanCatalogue(plan.plannedPurchases, catalogue);
  })();
  return planCatalogue;
}

/** The next read groups afresh (with `forgetPlan`, for a long-lived renderer). */
export function forgetPlanCatalogue(): void {
  planCatalogue = undefined;
}
