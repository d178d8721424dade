import type { Commune, Organisation, PurchasingFamily } from '../hub/types.js';
import type { PlannedPurchase } from './types.js';

// The plan as the site's pages need it: the listed lines in the hub's order (soonest quarter first), the withdrawn
// ones apart, and the same lines grouped by quarter, commune, family and buyer.

export const PLAN_FACETS = ['trimestre', 'commune', 'famille', 'acheteur'] as const;
export type PlanFacet = (typeof PLAN_FACETS)[number];

export const PLAN_FACET_LABELS = {
  trimestre: 'Trimestre de lancement',
  commune: 'Commune',
  famille: 'Famille d’achats',
  acheteur: 'Acheteur',
} as const satisfies Record<PlanFacet, string>;

export interface PlanFacetOption {
  slug: string;
  label: string;
  /** listed planned purchases with this value */
  count: number;
}

/** What the plan knows of the territory: the site's reference data (communes, buyers, families). */
export interface PlanReference {
  communes: readonly Commune[];
  organisations: readonly Organisation[];
  families: readonly PurchasingFamily[];
}

/** « 1er trimestre 2027 », « 2e trimestre 2027 ». */
export function quarterLabel(year: number, quarter: number): string {
  return `${quarter === 1 ? '1er' : `${quarter}e`} trimestre ${year}`;
}

/** The quarter's slug in addresses: 2027-T2 → 2027-t2. */
export function quarterSlug(plan: Pick<PlannedPurchase, 'launchYear' | 'launchQuarter'>): string {
  return `${plan.launchYear}-t${plan.launchQuarter}`;
}

/** Where the purchase will be carried out: its place of performance, else the buying commune (as for notices). */
export function planCommuneInsee(plan: Pick<PlannedPurchase, 'placeOfPerformance' | 'organisation'>): string | null {
  return plan.placeOfPerformance?.inseeCode ?? plan.organisation.inseeCode;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The hub's order, kept whatever order the rows came in: quarter, then reference. */
export function comparePlans(a: PlannedPurchase, b: PlannedPurchase): number {
  return a.launchYear - b.launchYear || a.launchQuarter - b.launchQuarter || (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);
}

export class PlanCatalogue {
  /** Published and launched lines, soonest quarter first. */
  readonly listed: PlannedPurchase[];
  /** Lines taken out of the plan after being announced, most recently withdrawn first. */
  readonly withdrawn: PlannedPurchase[];
  readonly all: PlannedPurchase[];
  readonly #byReference: Map<string, PlannedPurchase>;
  readonly #groups = new Map<PlanFacet, Map<string, { label: string; order: string; plans: PlannedPurchase[] }>>();

  constructor(plans: readonly PlannedPurchase[], reference: PlanReference) {
    this.all = [...plans].sort(comparePlans);
    this.listed = this.all.filter((plan) => plan.status !== 'WITHDRAWN');
    this.withdrawn = this.all
      .filter((plan) => plan.status === 'WITHDRAWN')
      .sort((a, b) => (b.withdrawnAt ?? '').localeCompare(a.withdrawnAt ?? '') || (a.reference < b.reference ? -1 : 1));
    this.#byReference = new Map(this.all.map((plan) => [plan.reference, plan]));
    const communes = new Map(reference.communes.map((commune) => [commune.inseeCode, commune]));
    const organisations = new Map(reference.organisations.map((organisation) => [organisation.slug, organisation]));
    const families = new Map(reference.families.map((family) => [family.slug, family]));
    for (const facet of PLAN_FACETS) this.#groups.set(facet, new Map());
    const add = (facet: PlanFacet, slug: string, label: string, order: string, plan: PlannedPurchase) => {
      const groups = this.#groups.get(facet)!;
      let group = groups.get(slug);
      if (!group) groups.set(slug, (group = { label, order, plans: [] }));
      group.plans.push(plan);
    };
    for (const plan of this.listed) {
      const quarter = quarterSlug(plan);
      add('trimestre', quarter, quarterLabel(plan.launchYear, plan.launchQuarter), `${plan.launchYear}-${plan.launchQuarter}`, plan);
      // Only the territory's communes have pages; a place outside it shows on the plan's own page.
      const commune = communes.get(planCommuneInsee(plan) ?? '');
      if (commune) add('commune', commune.slug, commune.name, commune.name, plan);
      const family = plan.family && families.get(plan.family.slug);
      if (family) add('famille', family.slug, family.name, family.name, plan);
      const organisation = organisations.get(plan.organisation.slug) ?? plan.organisation;
      add('acheteur', organisation.slug, organisation.name, organisation.name, plan);
    }
  }

  byReference(reference: string): PlannedPurchase | undefined {
    return this.#byReference.get(reference);
  }

  /** The values of a facet that have listed planned purchases: quarters in time order, the others by name. */
  options(facet: PlanFacet): PlanFacetOption[] {
    const groups = [...this.#groups.get(facet)!.entries()];
    groups.sort(([, a], [, b]) => (facet === 'trimestre' ? (a.order < b.order ? -1 : 1) : collator.compare(a.order, b.order)));
    return groups.map(([slug, group]) => ({ slug, label: group.label, count: group.plans.length }));
  }

  /** The listed planned purchases of one value, soonest quarter first; empty for an unknown value. */
  plansOf(facet: PlanFacet, slug: string): PlannedPurchase[] {
    return this.#groups.get(facet)!.get(slug)?.plans ?? [];
  }

  labelOf(facet: PlanFacet, slug: string): string | undefined {
    return this.#groups.get(facet)!.get(slug)?.label;
  }
}
