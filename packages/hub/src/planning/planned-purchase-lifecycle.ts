import { UnreachableCaseError } from '../shared/unreachable.js';

/**
 * The life of a planned purchase (une ligne de la programmation prévisionnelle des achats) as pure data:
 * DRAFT → PUBLISHED → LAUNCHED (a published notice launched it), and WITHDRAWN (with a reason) from DRAFT or PUBLISHED.
 * A published plan is still an estimate: it may be edited, and every edit is announced.
 */
export const PLANNED_PURCHASE_STATUSES = ['DRAFT', 'PUBLISHED', 'WITHDRAWN', 'LAUNCHED'] as const;
export type PlannedPurchaseStatus = (typeof PLANNED_PURCHASE_STATUSES)[number];

/** What the public lists show; a withdrawn one keeps its own page (businesses prepared for it) if it had been published. */
export const LISTED_STATUSES: readonly PlannedPurchaseStatus[] = ['PUBLISHED', 'LAUNCHED'];

export const PLANNED_PURCHASE_EVENTS = ['EDIT', 'PUBLISH', 'WITHDRAW', 'LINK_NOTICE', 'LAUNCH'] as const;
export type PlannedPurchaseEvent = (typeof PLANNED_PURCHASE_EVENTS)[number];

export type PlanTransitionResult = { ok: true; status: PlannedPurchaseStatus } | { ok: false; reason: string };

const allow = (status: PlannedPurchaseStatus): PlanTransitionResult => ({ ok: true, status });
/** The staff member reads the refusal in French: the status as an adjective, the event as an infinitive. */
const STATUS_FR: Record<PlannedPurchaseStatus, string> = { DRAFT: 'en brouillon', PUBLISHED: 'publié', WITHDRAWN: 'retiré', LAUNCHED: 'lancé' };
const EVENT_FR: Record<PlannedPurchaseEvent, string> = {
  EDIT: 'être modifié',
  PUBLISH: 'être publié',
  WITHDRAW: 'être retiré',
  LINK_NOTICE: 'être lié à une consultation',
  LAUNCH: 'être lancé',
};
const refuse = (from: PlannedPurchaseStatus, event: PlannedPurchaseEvent): PlanTransitionResult => ({
  ok: false,
  reason: `Un achat prévu ${STATUS_FR[from]} ne peut pas ${EVENT_FR[event]}.`,
});

/** Every status × event pair is decided here and nowhere else. */
export function planTransition(from: PlannedPurchaseStatus, event: PlannedPurchaseEvent): PlanTransitionResult {
  switch (from) {
    case 'DRAFT':
      if (event === 'EDIT') return allow('DRAFT');
      if (event === 'PUBLISH') return allow('PUBLISHED');
      if (event === 'WITHDRAW') return allow('WITHDRAWN');
      // A notice may only say it was announced by a plan that was public: a draft announced nothing.
      return refuse(from, event);
    case 'PUBLISHED':
      if (event === 'EDIT') return allow('PUBLISHED');
      if (event === 'WITHDRAW') return allow('WITHDRAWN');
      // A draft notice points at it; it stays "planned" until that notice is published.
      if (event === 'LINK_NOTICE') return allow('PUBLISHED');
      if (event === 'LAUNCH') return allow('LAUNCHED');
      return refuse(from, event);
    case 'WITHDRAWN':
    case 'LAUNCHED':
      return refuse(from, event);
    default:
      throw new UnreachableCaseError(from);
  }
}

/** Anonymous readers see a planned purchase once it has been public: never a draft, nor one withdrawn while a draft. */
export function isPublic(status: PlannedPurchaseStatus, publishedAt: Date | null): boolean {
  return status !== 'DRAFT' && publishedAt !== null;
}
