import { formatEuros } from '../format/money.js';
import type { PlannedPurchaseStatus } from './types.js';

// `satisfies Record<…>` makes the compiler list any value the hub adds and we forget to translate.

export const PLAN_STATUS_LABELS = {
  PUBLISHED: 'Prévu',
  LAUNCHED: 'Lancé',
  WITHDRAWN: 'Retiré',
} as const satisfies Record<PlannedPurchaseStatus, string>;

/** The badge colours of the notices: planned reads as open, launched as awarded, withdrawn as cancelled. */
export const PLAN_STATUS_MODIFIERS = {
  PUBLISHED: 'open',
  LAUNCHED: 'awarded',
  WITHDRAWN: 'cancelled',
} as const satisfies Record<PlannedPurchaseStatus, string>;

/** The band from the edges the hub gives (« de 40 000 € à 90 000 € HT »), so a band the hub changes still reads right. */
export function amountBandText(plan: { amountMin: number; amountMax: number | null }): string {
  if (plan.amountMax === null) return `plus de ${formatEuros(plan.amountMin)} HT`;
  if (plan.amountMin <= 0) return `moins de ${formatEuros(plan.amountMax)} HT`;
  return `de ${formatEuros(plan.amountMin)} à ${formatEuros(plan.amountMax)} HT`;
}
