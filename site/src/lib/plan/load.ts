import { optionalSection, type Attempt } from '../build-report/left-out.js';
import { buildHubClient } from '../hub/build-client.js';
import { HubError, queryHub, type HubClientOptions } from '../hub/client.js';
import { PAGE_SIZE, type LoadOptions } from '../hub/load.js';
import type { PlanAnnouncement, PlanAnnouncementData, PlanData, PlannedPurchase, YearPlanAnnouncement } from './types.js';

const PLANNED_PURCHASE_FIELDS = `
  reference subject description status nature procedure
  launchYear launchQuarter launchQuarterKey launchQuarterStart
  amountBand amountMin amountMax
  environmentalClause socialClause reservedFor
  contactService contactEmail
  publishedAt withdrawnAt withdrawalReason launchedAt updatedAt
  cpv { code label }
  family { slug name }
  organisation { siren slug name kind inseeCode }
  placeOfPerformance { inseeCode name slug }
  notice { reference title publishedAt }
`;

/** Every public status: the withdrawn ones keep their page (businesses may have prepared for them). */
export const PUBLIC_PLAN_STATUSES = ['PUBLISHED', 'LAUNCHED', 'WITHDRAWN'] as const;

export const PLANNED_PURCHASES_PAGE_QUERY = `
  query SitePlannedPurchases($first: Int!, $after: String, $statuses: [PlannedPurchaseStatus!]) {
    plannedPurchases(statuses: $statuses, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ${PLANNED_PURCHASE_FIELDS} } }
    }
  }
`;

const FIGURES = 'organisation { slug name } publishedNotices announcedNotices announcedEarly earlyShare';
export const PLAN_ANNOUNCEMENT_QUERY = `
  query SitePlanAnnouncement { indicatorYears planAnnouncementIndicators { total { ${FIGURES} } buyers { ${FIGURES} } } }
`;

/** Years asked in one request: each year's figures read every notice, a few at a time keeps a request light. */
export const ANNOUNCEMENT_YEARS_PER_REQUEST = 10;

/** One request for these years' figures, each under its alias (`y2026`). */
export function planAnnouncementYearsQuery(years: readonly number[]): string {
  const aliases = years.map((year) => `y${year}: planAnnouncementIndicators(year: ${year}) { total { ${FIGURES} } buyers { ${FIGURES} } }`);
  return `query SitePlanAnnouncementYears { ${aliases.join(' ')} }`;
}

interface PlannedPurchasesPage {
  plannedPurchases: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: PlannedPurchase }[];
  };
}

/**
 * Every public planned purchase, page after page, checked like the notices: a plan that lists part of the lines
 * fails the build rather than being published.
 */
export async function loadPlannedPurchases(client: HubClientOptions, pageSize = PAGE_SIZE): Promise<PlannedPurchase[]> {
  const plans: PlannedPurchase[] = [];
  const seenCursors = new Set<string>();
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const page: PlannedPurchasesPage = await queryHub<PlannedPurchasesPage>(client, PLANNED_PURCHASES_PAGE_QUERY, {
      first: pageSize,
      after,
      statuses: PUBLIC_PLAN_STATUSES,
    });
    const { edges, pageInfo } = page.plannedPurchases;
    totalCount = page.plannedPurchases.totalCount;
    plans.push(...edges.map((edge) => edge.node));
    if (!pageInfo.hasNextPage) break;
    if (edges.length === 0 || !pageInfo.endCursor || seenCursors.has(pageInfo.endCursor)) {
      throw new HubError(`the hub's pagination of the plan does not advance (after ${plans.length} of ${totalCount} planned purchases)`);
    }
    seenCursors.add(pageInfo.endCursor);
    after = pageInfo.endCursor;
  }
  const references = new Set(plans.map((plan) => plan.reference));
  if (plans.length !== totalCount || references.size !== plans.length) {
    throw new HubError(
      `the hub announced ${totalCount} public planned purchases but returned ${references.size} distinct ones ` +
        `(${plans.length} rows); its data probably changed during the build, which must be run again`,
    );
  }
  const hidden = plans.find((plan) => !(PUBLIC_PLAN_STATUSES as readonly string[]).includes(plan.status));
  if (hidden) throw new HubError(`the hub's public API returned the planned purchase ${hidden.reference} in status ${hidden.status}`);
  return plans;
}

export async function loadPlan(options: LoadOptions): Promise<PlanData> {
  const { now = () => new Date() } = options;
  return { builtAt: now(), plannedPurchases: await loadPlannedPurchases(options) };
}

/**
 * The early-announcement indicator, a figure the hub computes over the notices and the plan: every year together,
 * then each year of the indicators (`indicatorYears`) in which a notice was written in the hub, most recent first
 * (a year of imported notices only has nothing to show: no plan of ours could announce them).
 */
export async function loadPlanAnnouncement(options: LoadOptions): Promise<PlanAnnouncementData> {
  const first = await queryHub<{ indicatorYears: number[]; planAnnouncementIndicators: PlanAnnouncement }>(options, PLAN_ANNOUNCEMENT_QUERY);
  const wanted = [...new Set(first.indicatorYears)].sort((a, b) => b - a);
  const years: YearPlanAnnouncement[] = [];
  for (let start = 0; start < wanted.length; start += ANNOUNCEMENT_YEARS_PER_REQUEST) {
    const batch = wanted.slice(start, start + ANNOUNCEMENT_YEARS_PER_REQUEST);
    const answer = await queryHub<Record<string, PlanAnnouncement | undefined>>(options, planAnnouncementYearsQuery(batch));
    for (const year of batch) {
      const figures = answer[`y${year}`];
      if (!figures) throw new HubError(`the hub did not answer the early-announcement indicator of ${year}`);
      if (figures.total.publishedNotices > 0) years.push({ year, ...figures });
    }
  }
  return { ...first.planAnnouncementIndicators, years };
}

// One download per build, shared by every page of the plan, the buyer and family pages, the feed and the CSV.
let plan: Promise<PlanData> | undefined;

export function getPlan(): Promise<PlanData> {
  plan ??= loadPlan(buildHubClient());
  return plan;
}

/** Where the early-announcement indicator is shown (each buyer's indicators page says its own share too). */
export const PLAN_ANNOUNCEMENT_PAGE = '/indicateurs/';
export const PLAN_ANNOUNCEMENT_LEFT_OUT =
  'La part des avis annoncés dans la programmation au moins trois mois avant leur publication, pour le territoire et pour chaque acheteur';

const announcement = optionalSection({
  source: 'plan-announcement',
  page: PLAN_ANNOUNCEMENT_PAGE,
  what: PLAN_ANNOUNCEMENT_LEFT_OUT,
  load: () => loadPlanAnnouncement(buildHubClient()),
});

/**
 * The early-announcement indicator of /indicateurs/ and the buyers' indicators pages, or why the hub could not
 * compute it: like every indicator, it is left out with a notice rather than failing the build.
 */
export function getPlanAnnouncement(): Promise<Attempt<PlanAnnouncementData>> {
  return announcement.get();
}

/** The next read downloads again (a long-lived renderer reads everything afresh for a full build). */
export function forgetPlan(): void {
  plan = undefined;
  announcement.forget();
}

/**
 * Downloads the plan again and puts it in place once read, the early-announcement indicator to be read again too
 * (the publisher's slow path, beside the releases): a release meanwhile renders with the plan held rather than
 * waiting for a hub the slow path keeps busy. A failed read leaves the plan held as it was, and rejects.
 */
export async function refreshPlan(): Promise<void> {
  const fresh = loadPlan(buildHubClient());
  await fresh;
  plan = fresh;
  announcement.forget();
}
