import type { PlannedPurchaseStatus } from '../planning/planned-purchase-lifecycle.js';
import type { PlannedPurchaseInput } from '../planning/planned-purchase.inputs.js';
import type { AlertReason } from './alert-announcement.entity.js';

/**
 * Who hears of a change, and whether a planned purchase is still worth telling. Pure.
 *
 * A notice's correction or cancellation goes to the subscriptions that were told of its publication; a planned
 * purchase's change or withdrawal to those told of it in the forward plan (PLANNED), whatever their criteria say
 * now: they may have prepared for it. A launched planned purchase is not announced as such: the notice that launches
 * it is, by the ordinary matching, to every subscription its own fields match.
 */
export type PlanReason = Extract<AlertReason, 'PLANNED' | 'PLAN_UPDATED' | 'PLAN_WITHDRAWN'>;
export type NoticeReason = Exclude<AlertReason, PlanReason>;

const PLAN_REASONS: ReadonlySet<AlertReason> = new Set<PlanReason>(['PLANNED', 'PLAN_UPDATED', 'PLAN_WITHDRAWN']);

export function isPlanReason(reason: AlertReason): reason is PlanReason {
  return PLAN_REASONS.has(reason);
}

/** For a change, the reason of the announcement whose subscriptions it goes to; null: matched against the criteria. */
export function changeOf(reason: AlertReason): AlertReason | null {
  switch (reason) {
    case 'CORRECTED':
    case 'CANCELLED':
      return 'PUBLISHED';
    case 'PLAN_UPDATED':
    case 'PLAN_WITHDRAWN':
      return 'PLANNED';
    case 'PUBLISHED':
    case 'PLANNED':
      return null;
  }
}

/**
 * Whether a planned purchase in this status is still told for this reason, when matched and again when its mail is
 * rendered: announced or changed while published only (withdrawn since, the withdrawal tells it; launched, its
 * notice does); a withdrawal once withdrawn (always, as nothing leaves that status).
 */
export function planStillTold(reason: PlanReason, status: PlannedPurchaseStatus): boolean {
  return reason === 'PLAN_WITHDRAWN' ? status === 'WITHDRAWN' : status === 'PUBLISHED';
}

/** The fields of a planned purchase a change may touch (each of `PlannedPurchaseInput`), as a subscriber reads them. */
export const PLAN_FIELD_LABELS: Readonly<Record<keyof PlannedPurchaseInput, string>> = {
  subject: 'l’objet',
  description: 'la description',
  nature: 'la nature',
  cpv: 'le code CPV',
  familySlug: 'la famille d’achats',
  launchYear: 'l’année de lancement',
  launchQuarter: 'le trimestre de lancement',
  amountBand: 'le montant estimé',
  procedure: 'la procédure envisagée',
  placeOfPerformanceInseeCode: 'le lieu d’exécution',
  environmentalClause: 'la clause environnementale',
  socialClause: 'la clause sociale',
  reservedFor: 'la réservation',
  contactService: 'le contact',
  contactEmail: 'le contact',
};

/** "l’objet et le trimestre de lancement": what a change touched, each label once, in the labels' order. */
export function changedFieldsPhrase(fields: readonly string[]): string {
  const labels = [...new Set(Object.entries(PLAN_FIELD_LABELS).filter(([field]) => fields.includes(field)).map(([, label]) => label))];
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} et ${labels.at(-1)}`;
}
