import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { canManageFor, canReadPrivateOf } from '../auth/access-policy.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { missing, validate } from '../notices/notice-validation.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { familyForCpv } from '../reference/purchasing-families.js';
import type { Clock } from '../shared/clock.js';
import { AppError, InputProblems, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { natureOfCpv, quarterProblem } from './plan-rules.js';
import { planTransition, type PlannedPurchaseEvent } from './planned-purchase-lifecycle.js';
import { nextPlanReference } from './planned-purchase-reference.js';
import { PlannedPurchase } from './planned-purchase.entity.js';
import type { CreatePlannedPurchaseInput, PlannedPurchaseInput } from './planned-purchase.inputs.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock };

/** What `checkedInput` returns: each given field, checked; undefined when not given. */
interface CheckedPlanInput {
  subject?: string;
  description?: string;
  cpv?: string;
  placeOfPerformanceInsee?: string | null;
  contactService?: string;
  contactEmail?: string;
  family?: PurchasingFamily;
}

const REQUIRED = ['subject', 'cpv', 'launchYear', 'launchQuarter', 'amountBand', 'procedure', 'contactService', 'contactEmail'] as const;

/** Every change to a planned purchase goes through here: access, rules, the change, its audit entry and event, one commit. */
export class PlannedPurchaseService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(input: CreatePlannedPurchaseInput): Promise<PlannedPurchase> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const problems = new InputProblems();
      for (const field of REQUIRED) if (input[field] === undefined || input[field] === null) problems.add(field, missing(field).message, 'MISSING');
      const organisation = await problems.checkAsync(() => this.organisationFor(em, actor, input.organisationSiren));
      const now = this.ctx.clock.now();
      const values = await this.checkedInput(em, input, { launchYear: input.launchYear, launchQuarter: input.launchQuarter }, problems);
      problems.throwIfAny();
      const plan = em.create(PlannedPurchase, {
        reference: await nextPlanReference(em, now.getUTCFullYear(), organisation!.referenceCode),
        organisation: organisation!,
        createdBy: em.getReference(StaffMember, actor.staffMemberId),
        subject: values.subject!,
        nature: input.nature ?? natureOfCpv(values.cpv!),
        cpv: values.cpv!,
        launchYear: input.launchYear!,
        launchQuarter: input.launchQuarter!,
        amountBand: input.amountBand!,
        procedure: input.procedure!,
        contactService: values.contactService!,
        contactEmail: values.contactEmail!,
      });
      await this.applyInput(em, plan, input, values);
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
      if (fields.length === 0) throw badInput('input', 'La modification ne change rien : donnez au moins un champ.');
      const problems = new InputProblems();
      // A field the plan cannot be without may be left out, not emptied.
      for (const field of REQUIRED) if (input[field] === null) problems.add(field, missing(field).message, 'MISSING');
      const quarter = { launchYear: input.launchYear ?? plan.launchYear, launchQuarter: input.launchQuarter ?? plan.launchQuarter };
      const values = await this.checkedInput(em, input, input.launchYear != null || input.launchQuarter != null ? quarter : null, problems);
      problems.throwIfAny();
      await this.applyInput(em, plan, input, values);
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
      throw notFound(`L’achat prévu ${reference}`);
    }
    if (!canManageFor(actor, plan.organisation.id)) throw forbidden('Vous ne pouvez pas modifier la programmation de cette organisation.');
    return plan;
  }

  private async organisationFor(em: EntityManager, actor: Actor, siren: string | undefined): Promise<Organisation> {
    const organisation = siren
      ? await em.findOne(Organisation, { siren: siren.trim() })
      : await em.findOne(Organisation, { id: actor.organisationId });
    if (!organisation) throw badInput('organisationSiren', `Aucune organisation n’a le SIREN ${siren}.`);
    if (!canManageFor(actor, organisation.id)) throw forbidden('Vous ne pouvez pas programmer d’achats pour cette organisation.');
    return organisation;
  }

  /**
   * Every given field checked, each refused one recorded in `problems` so that all are reported at once; `quarter`
   * is the expected launch to check when the input changes it (null: unchanged).
   */
  private async checkedInput(
    em: EntityManager,
    input: PlannedPurchaseInput,
    quarter: { launchYear: number | null | undefined; launchQuarter: number | null | undefined } | null,
    problems: InputProblems,
  ): Promise<CheckedPlanInput> {
    const given = <T>(value: T | null | undefined, rule: (value: T) => unknown) =>
      value === undefined || value === null ? undefined : problems.check(() => rule(value));
    const values: CheckedPlanInput = {
      subject: given(input.subject, (value) => validate.title(value, 'subject')) as string | undefined,
      description: given(input.description, (value) => (value.trim() === '' ? '' : validate.description(value))) as string | undefined,
      cpv: given(input.cpv, (value) => validate.cpv(value, 'cpv')) as string | undefined,
      placeOfPerformanceInsee:
        input.placeOfPerformanceInseeCode === undefined
          ? undefined
          : (problems.check(() => validate.communeInsee(input.placeOfPerformanceInseeCode, 'placeOfPerformanceInseeCode')) ?? null),
      contactService: given(input.contactService, (value) => validate.title(value, 'contactService')) as string | undefined,
      contactEmail: given(input.contactEmail, (value) => validate.email(value, 'contactEmail')) as string | undefined,
    };
    if (quarter && typeof quarter.launchYear === 'number' && typeof quarter.launchQuarter === 'number') {
      const problem = quarterProblem(quarter.launchYear, quarter.launchQuarter, this.ctx.clock.now());
      if (problem) problems.add(problem.field, problem.message);
    }
    // The public contact is a service's address: a staff member's own address is personal data.
    if (values.contactEmail && (await em.count(StaffMember, { email: values.contactEmail }))) {
      problems.add('contactEmail', 'Le champ contactEmail doit être une adresse de service, pas celle d’un agent (donnée personnelle).');
    }
    if (input.familySlug !== undefined && input.familySlug !== null) {
      const family = await em.findOne(PurchasingFamily, { slug: input.familySlug.trim() });
      if (family) values.family = family;
      else problems.add('familySlug', `Aucune famille d’achats ne s’appelle « ${input.familySlug} ».`);
    }
    return values;
  }

  /** Writes the checked values and the fields that need no check; the family is decided on the result. */
  private async applyInput(em: EntityManager, plan: PlannedPurchase, input: PlannedPurchaseInput, values: CheckedPlanInput): Promise<void> {
    if (values.subject !== undefined) plan.subject = values.subject;
    if (values.description !== undefined) plan.description = values.description;
    if (values.cpv !== undefined) plan.cpv = values.cpv;
    if (input.nature != null) plan.nature = input.nature;
    if (input.launchYear != null) plan.launchYear = input.launchYear;
    if (input.launchQuarter != null) plan.launchQuarter = input.launchQuarter;
    if (input.amountBand != null) plan.amountBand = input.amountBand;
    if (input.procedure != null) plan.procedure = input.procedure;
    if (values.placeOfPerformanceInsee !== undefined) plan.placeOfPerformanceInsee = values.placeOfPerformanceInsee;
    if (input.environmentalClause != null) plan.environmentalClause = input.environmentalClause;
    if (input.socialClause != null) plan.socialClause = input.socialClause;
    if (input.reservedFor != null) plan.reservedFor = input.reservedFor;
    if (values.contactService !== undefined) plan.contactService = values.contactService;
    if (values.contactEmail !== undefined) plan.contactEmail = values.contactEmail;
    await this.applyFamily(em, plan, input.familySlug, values.family);
  }

  private async applyFamily(em: EntityManager, plan: PlannedPurchase, familySlug: string | null | undefined, chosen: PurchasingFamily | undefined): Promise<void> {
    if (chosen) {
      plan.family = ref(chosen);
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
