import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { canManageFor, canReadPrivateOf } from '../auth/access-policy.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { validate } from '../notices/notice-validation.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { familyForCpv } from '../reference/purchasing-families.js';
import type { Clock } from '../shared/clock.js';
import { AppError, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { natureOfCpv, quarterProblem } from './plan-rules.js';
import { planTransition, type PlannedPurchaseEvent } from './planned-purchase-lifecycle.js';
import { nextPlanReference } from './planned-purchase-reference.js';
import { PlannedPurchase } from './planned-purchase.entity.js';
import type { CreatePlannedPurchaseInput, PlannedPurchaseInput } from './planned-purchase.inputs.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock };

const REQUIRED = ['subject', 'cpv', 'launchYear', 'launchQuarter', 'amountBand', 'procedure', 'contactService', 'contactEmail'] as const;

/** Every change to a planned purchase goes through here: access, rules, the change, its audit entry and event, one commit. */
export class PlannedPurchaseService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(input: CreatePlannedPurchaseInput): Promise<PlannedPurchase> {
    const actor = this.requireActor();
    for (const field of REQUIRED) {
      if (input[field] === undefined || input[field] === null) throw badInput(field, `${field} is required`);
    }
    return this.ctx.em.transactional(async (em) => {
      const organisation = await this.organisationFor(em, actor, input.organisationSiren);
      const now = this.ctx.clock.now();
      const cpv = validate.cpv(input.cpv!, 'cpv');
      const plan = em.create(PlannedPurchase, {
        reference: await nextPlanReference(em, now.getUTCFullYear(), organisation.referenceCode),
        organisation,
        createdBy: em.getReference(StaffMember, actor.staffMemberId),
        subject: validate.title(input.subject!, 'subject'),
        nature: input.nature ?? natureOfCpv(cpv),
        cpv,
        launchYear: input.launchYear!,
        launchQuarter: input.launchQuarter!,
        amountBand: input.amountBand!,
        procedure: input.procedure!,
        contactService: validate.title(input.contactService!, 'contactService'),
        contactEmail: validate.email(input.contactEmail!, 'contactEmail'),
      });
      await this.applyInput(em, plan, input);
      recordAudit(em, actor, 'createPlannedPurchase', { entityType: 'PlannedPurchase', entityId: plan.id }, { reference: plan.reference });
      return plan;
    });
  }

  async update(reference: string, input: PlannedPurchaseInput): Promise<PlannedPurchase> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const plan = await this.loadForChange(em, actor, reference);
      this.apply(plan, 'EDIT');
      const fields = Object.keys(input).filter((key) => input[key as keyof PlannedPurchaseInput] !== undefined);
      if (fields.length === 0) throw badInput('input', 'The change changes nothing');
      await this.applyInput(em, plan, input);
      recordAudit(em, actor, 'updatePlannedPurchase', { entityType: 'PlannedPurchase', entityId: plan.id }, { fields });
      if (plan.status === 'PUBLISHED') {
        recordEvent(em, 'planned-purchase.updated', { reference: plan.reference, fields }, this.ctx.clock.now());
      }
      return plan;
    });
  }

  async publish(reference: string): Promise<PlannedPurchase> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const plan = await this.loadForChange(em, actor, reference);
      const now = this.ctx.clock.now();
      this.apply(plan, 'PUBLISH');
      // The quarter was valid when written; it must still be to come when announced.
      const problem = quarterProblem(plan.launchYear, plan.launchQuarter, now);
      if (problem) throw badInput(problem.field, problem.message);
      plan.publishedAt = now;
      recordAudit(em, actor, 'publishPlannedPurchase', { entityType: 'PlannedPurchase', entityId: plan.id });
      recordEvent(em, 'planned-purchase.published', { reference: plan.reference }, now);
      return plan;
    });
  }

  async withdraw(reference: string, reason: string): Promise<PlannedPurchase> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const plan = await this.loadForChange(em, actor, reference);
      const now = this.ctx.clock.now();
      const wasPublic = plan.status === 'PUBLISHED';
      this.apply(plan, 'WITHDRAW');
      plan.withdrawnAt = now;
      plan.withdrawalReason = validate.reason(reason);
      // A draft notice that pointed at it launches nothing now.
      plan.notice = null;
      recordAudit(em, actor, 'withdrawPlannedPurchase', { entityType: 'PlannedPurchase', entityId: plan.id }, { reason: plan.withdrawalReason });
      if (wasPublic) recordEvent(em, 'planned-purchase.withdrawn', { reference: plan.reference }, now);
      return plan;
    });
  }

  private requireActor(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    return this.ctx.actor;
  }

  private apply(plan: PlannedPurchase, event: PlannedPurchaseEvent): void {
    const result = planTransition(plan.status, event);
    if (!result.ok) throw new AppError('INVALID_TRANSITION', result.reason, { status: plan.status });
    plan.status = result.status;
  }

  /** One the actor may change; one it may not even read is "not found", so drafts stay secret. */
  private async loadForChange(em: EntityManager, actor: Actor, reference: string): Promise<PlannedPurchase> {
    const plan = await em.findOne(PlannedPurchase, { reference: reference.trim() });
    if (!plan || (plan.publishedAt === null && !canReadPrivateOf(actor, plan.organisation.id))) {
      throw notFound(`Planned purchase ${reference}`);
    }
    if (!canManageFor(actor, plan.organisation.id)) throw forbidden('You may not change the plan of this organisation');
    return plan;
  }

  private async organisationFor(em: EntityManager, actor: Actor, siren: string | undefined): Promise<Organisation> {
    const organisation = siren
      ? await em.findOne(Organisation, { siren: siren.trim() })
      : await em.findOne(Organisation, { id: actor.organisationId });
    if (!organisation) throw badInput('organisationSiren', `No organisation has SIREN ${siren}`);
    if (!canManageFor(actor, organisation.id)) throw forbidden('You may not plan purchases for this organisation');
    return organisation;
  }

  /** Inputs are mapped field by field, each checked; the quarter and the family are decided on the result. */
  private async applyInput(em: EntityManager, plan: PlannedPurchase, input: PlannedPurchaseInput): Promise<void> {
    if (input.subject !== undefined) plan.subject = validate.title(input.subject, 'subject');
    if (input.description !== undefined) plan.description = input.description.trim() === '' ? '' : validate.description(input.description);
    if (input.cpv !== undefined) plan.cpv = validate.cpv(input.cpv, 'cpv');
    if (input.nature !== undefined) plan.nature = input.nature;
    if (input.launchYear !== undefined) plan.launchYear = input.launchYear;
    if (input.launchQuarter !== undefined) plan.launchQuarter = input.launchQuarter;
    if (input.amountBand !== undefined) plan.amountBand = input.amountBand;
    if (input.procedure !== undefined) plan.procedure = input.procedure;
    if (input.placeOfPerformanceInseeCode !== undefined) {
      plan.placeOfPerformanceInsee = validate.communeInsee(input.placeOfPerformanceInseeCode, 'placeOfPerformanceInseeCode');
    }
    if (input.environmentalClause !== undefined) plan.environmentalClause = input.environmentalClause;
    if (input.socialClause !== undefined) plan.socialClause = input.socialClause;
    if (input.reservedFor !== undefined) plan.reservedFor = input.reservedFor;
    if (input.contactService !== undefined) plan.contactService = validate.title(input.contactService, 'contactService');
    if (input.contactEmail !== undefined) plan.contactEmail = validate.email(input.contactEmail, 'contactEmail');
    if (input.launchYear !== undefined || input.launchQuarter !== undefined) {
      const problem = quarterProblem(plan.launchYear, plan.launchQuarter, this.ctx.clock.now());
      if (problem) throw badInput(problem.field, problem.message);
    }
    // The public contact is a service's address: a staff member's own address is personal data.
    if (input.contactEmail !== undefined && (await em.count(StaffMember, { email: plan.contactEmail }))) {
      throw badInput('contactEmail', 'The public contact must be a function address, not a staff member’s own');
    }
    await this.applyFamily(em, plan, input.familySlug);
  }

  private async applyFamily(em: EntityManager, plan: PlannedPurchase, familySlug: string | null | undefined): Promise<void> {
    if (familySlug !== undefined && familySlug !== null) {
      const family = await em.findOne(PurchasingFamily, { slug: familySlug.trim() });
      if (!family) throw badInput('familySlug', `No purchasing family is called ${familySlug}`);
      plan.family = ref(family);
      plan.familyChosenByBuyer = true;
      return;
    }
    if (familySlug === null) plan.familyChosenByBuyer = false;
    if (plan.familyChosenByBuyer) return;
    const definition = familyForCpv(plan.cpv);
    const family = definition ? await em.findOne(PurchasingFamily, { slug: definition.slug }) : null;
    plan.family = family ? ref(family) : null;
  }
}
