import type { AlertCriteria } from './alert-criteria.js';
import type { AlertFrequency } from './alert-subscription.entity.js';

/**
 * What admins may know of the e-mail alerts: counts, never an address. Each kind is one criterion a subscription
 * sets (NONE: it sets none and hears of everything); PLANNED_PURCHASES: it asked for planned purchases too.
 */
export const ALERT_CRITERION_KINDS = ['COMMUNES', 'BUYERS', 'FAMILIES', 'CPV_PREFIXES', 'KEYWORDS', 'AMOUNT', 'PROCEDURES', 'PLANNED_PURCHASES', 'NONE'] as const;
export type AlertCriterionKind = (typeof ALERT_CRITERION_KINDS)[number];

export interface AlertSubscriptionCounts {
  confirmed: number;
  /** Waiting for their confirmation link (deleted after 7 days). */
  pending: number;
  /** Confirmed ones per mode. */
  immediate: number;
  daily: number;
  /** Confirmed ones setting each kind of criterion, in ALERT_CRITERION_KINDS' order; one subscription counts in each kind it sets. */
  byCriterion: Array<{ kind: AlertCriterionKind; subscriptions: number }>;
}

/** The kinds of criteria one subscription sets. Pure. */
export function criterionKinds(criteria: AlertCriteria): AlertCriterionKind[] {
  const kinds: AlertCriterionKind[] = [];
  if (criteria.communes.length) kinds.push('COMMUNES');
  if (criteria.buyers.length) kinds.push('BUYERS');
  if (criteria.families.length) kinds.push('FAMILIES');
  if (criteria.cpvPrefixes.length) kinds.push('CPV_PREFIXES');
  if (criteria.keywords.length) kinds.push('KEYWORDS');
  if (criteria.minAmount !== null || criteria.maxAmount !== null) kinds.push('AMOUNT');
  if (criteria.procedures.length) kinds.push('PROCEDURES');
  if (kinds.length === 0) kinds.push('NONE');
  if (criteria.includePlanned) kinds.push('PLANNED_PURCHASES');
  return kinds;
}

/** Counts subscriptions as the database holds them (criteria, frequency, confirmed or not). Pure. */
export function countAlertSubscriptions(rows: Iterable<{ criteria: AlertCriteria; frequency: AlertFrequency; confirmed: boolean }>): AlertSubscriptionCounts {
  const perKind = new Map<AlertCriterionKind, number>(ALERT_CRITERION_KINDS.map((kind) => [kind, 0]));
  const counts = { confirmed: 0, pending: 0, immediate: 0, daily: 0 };
  for (const row of rows) {
    if (!row.confirmed) {
      counts.pending++;
      continue;
    }
    counts.confirmed++;
    if (row.frequency === 'IMMEDIATE') counts.immediate++;
    else counts.daily++;
    for (const kind of criterionKinds(row.criteria)) perKind.set(kind, perKind.get(kind)! + 1);
  }
  return { ...counts, byCriterion: ALERT_CRITERION_KINDS.map((kind) => ({ kind, subscriptions: perKind.get(kind)! })) };
}
