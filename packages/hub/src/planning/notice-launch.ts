import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import type { Notice } from '../notices/notice.entity.js';
import { AppError, badInput } from '../shared/errors.js';
import { planTransition } from './planned-purchase-lifecycle.js';
import { PlannedPurchase } from './planned-purchase.entity.js';

/**
 * Points a draft notice at the planned purchase it launches (null: at none). The planned purchase must be the same
 * organisation's and published: a notice may only say it was announced by a plan that was public. Called by the
 * notice service inside its transaction.
 */
export async function linkNoticeToPlan(em: EntityManager, notice: Notice, reference: string | null): Promise<void> {
  const current = await em.findOne(PlannedPurchase, { notice: notice.id });
  const wanted = reference?.trim() ? reference.trim() : null;
  if (current && current.reference === wanted) return;
  if (current) current.notice = null;
  if (wanted === null) return;
  const plan = await em.findOne(PlannedPurchase, { reference: wanted, organisation: notice.organisation.id });
  if (!plan) throw badInput('plannedPurchaseReference', `L’acheteur n’a pas d’achat prévu ${wanted}.`);
  const result = planTransition(plan.status, 'LINK_NOTICE');
  if (!result.ok) {
    throw badInput('plannedPurchaseReference', `L’achat prévu ${wanted} ne peut pas être lancé : seul un achat prévu publié peut l’être (${result.reason})`);
  }
  if (plan.notice) {
    throw new AppError('CONFLICT', `L’achat prévu ${wanted} est déjà lancé par une autre consultation en brouillon.`, { field: 'plannedPurchaseReference' });
  }
  plan.notice = ref(notice);
}

/** On the notice's publication, the planned purchase it points at becomes LAUNCHED, with the notice's date. */
export async function launchPlanOf(em: EntityManager, actor: Actor, notice: Notice, now: Date): Promise<void> {
  const plan = await em.findOne(PlannedPurchase, { notice: notice.id });
  if (!plan) return;
  const result = planTransition(plan.status, 'LAUNCH');
  if (!result.ok) throw new AppError('INVALID_TRANSITION', result.reason, { status: plan.status, field: 'plannedPurchaseReference' });
  plan.status = result.status;
  plan.launchedAt = now;
  recordAudit(em, actor, 'launchPlannedPurchase', { entityType: 'PlannedPurchase', entityId: plan.id }, { notice: notice.reference });
  recordEvent(em, 'planned-purchase.launched', { reference: plan.reference, notice: notice.reference }, now);
}
