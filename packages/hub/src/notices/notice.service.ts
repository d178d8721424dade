import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { canManageFor, canReadPrivateOf } from '../auth/access-policy.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import { assertCharterSigned } from '../charter/charter-policy.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { getCpvCatalogue } from '../reference/cpv-catalogue.js';
import { familyForCpv } from '../reference/purchasing-families.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { AppError, InputProblems, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { foldText } from '../shared/text.js';
import { Award } from './award.entity.js';
import { Corrigendum } from './corrigendum.entity.js';
import { computeCorrection } from './notice-correction.js';
import { completionEvent, transition, type NoticeEvent } from './notice-lifecycle.js';
import { deadlineProblems, publicationProblems } from './notice-publication.js';
import { nextReference } from './notice-reference.js';
import { noticePublicity, procedureProblem } from './publicity.js';
import { missing, validate } from './notice-validation.js';
import type {
  AwardLotInput,
  CreateNoticeInput,
  NoticeCorrectionInput,
  NoticeDraftInput,
} from './notice.inputs.js';
import { Lot } from './lot.entity.js';
import type { LotStatus } from './notice-enums.js';
import { assertGroupCarrier, groupForNotice } from './notice-purchasing-group.js';
import { Notice } from './notice.entity.js';
import { launchPlanOf, linkNoticeToPlan } from '../planning/notice-launch.js';
import { runAloneAcrossHubs } from '../db/across-hubs.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock; config: HubConfig };

/** A decided lot's status, as the staff member reads it. */
const LOT_STATUS_FR: Record<LotStatus, string> = { OPEN: 'ouvert', AWARDED: 'attribué', UNSUCCESSFUL: 'déclaré infructueux', CANCELLED: 'annulé' };

/** Every change to a notice goes through here: access, rules, the change, its audit entry and event, one commit. */
export class NoticeService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(input: CreateNoticeInput): Promise<Notice> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const organisation = await this.organisationFor(em, actor, input.organisationSiren);
      const now = this.ctx.clock.now();
      const problems = new InputProblems();
      for (const field of REQUIRED_AT_CREATION) if (input[field] === undefined) problems.add(field, missing(field).message, 'MISSING');
      // Placeholders until applyDraft has checked every field; a refused input rolls the whole transaction back.
      const notice = em.create(Notice, {
        reference: await nextReference(em, now.getUTCFullYear(), organisation.referenceCode),
        organisation,
        createdBy: em.getReference(StaffMember, actor.staffMemberId),
        title: '',
        description: '',
        nature: 'SERVICES',
        procedure: 'ADAPTED',
        mainCpv: '',
        submissionDeadline: now,
        buyerProfileUrl: '',
        contactEmail: '',
      });
      await this.applyDraft(em, notice, input, problems, now);
      recordAudit(em, actor, 'createNotice', { entityType: 'Notice', entityId: notice.id }, { reference: notice.reference });
      return notice;
    });
  }

  async updateDraft(reference: string, input: NoticeDraftInput): Promise<Notice> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const notice = await this.loadForChange(em, actor, reference);
      this.apply(notice, 'EDIT_DRAFT');
      await this.applyDraft(em, notice, input, new InputProblems(), this.ctx.clock.now());
      recordAudit(em, actor, 'updateDraftNotice', { entityType: 'Notice', entityId: notice.id }, { fields: Object.keys(input) });
      return notice;
    });
  }

  async publish(reference: string): Promise<Notice> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const notice = await this.loadForChange(em, actor, reference);
      await assertCharterSigned(em, actor, this.ctx.config);
      const now = this.ctx.clock.now();
      this.apply(notice, 'PUBLISH');
      await assertGroupCarrier(em, notice);
      const catalogue = getCpvCatalogue();
      const problems = publicationProblems(
        {
          ...notice,
          lots: notice.lots.getItems().map((lot) => ({ number: lot.number, cpv: lot.cpv })),
        },
        now,
        (code) => catalogue.get(code) !== undefined,
        this.ctx.config.adaptedProcedureMinDays,
      );
      problems.push(...(await this.publicityProblems(em, notice, now, 'procedure')));
      const first = problems[0];
      if (first) throw badInput(first.field, first.message);
      notice.publishedAt = now;
      await launchPlanOf(em, actor, notice, now);
      recordAudit(em, actor, 'publishNotice', { entityType: 'Notice', entityId: notice.id });
      recordEvent(em, 'notice.published', { reference: notice.reference }, now);
      return notice;
    });
  }

  async correct(reference: string, input: NoticeCorrectionInput): Promise<Notice> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const notice = await this.loadForChange(em, actor, reference);
      await assertCharterSigned(em, actor, this.ctx.config);
      const now = this.ctx.clock.now();
      this.closeIfDue(em, notice, now);
      this.apply(notice, 'CORRECT');
      const problems = new InputProblems();
      const reason = problems.check(() => validate.reason(input.reason)) ?? '';
      const correction = computeCorrection(notice, input, problems, now);
      problems.throwIfAny();
      if (correction.changes.length === 0) throw badInput('reason', 'La correction ne change aucun champ de l’avis.');
      if (input.contactEmail !== undefined) await this.assertFunctionAddress(em, correction.patch.contactEmail ?? '');
      Object.assign(notice, correction.patch);
      for (const change of correction.lotPatches) Object.assign(change.lot, change.patch);
      if (correction.patch.submissionDeadline) {
        const problem = deadlineProblems(notice, notice.publishedAt ?? now, now, this.ctx.config.adaptedProcedureMinDays)[0];
        if (problem) throw badInput(problem.field, problem.message);
      }
      const estimateChange = correction.changes.find((change) => /^(lot\.\d+\.)?estimatedValue$/.test(change.field));
      if (estimateChange) {
        // The publicity of a consultation is decided when it is launched: a correction may not carry its value
        // to where its procedure is forbidden (the buyer relaunches it instead).
        const problem = (await this.publicityProblems(em, notice, notice.publishedAt ?? now, estimateChange.field))[0];
        if (problem) throw badInput(problem.field, problem.message);
      }
      notice.searchText = searchText(notice);
      em.persist(
        em.create(Corrigendum, {
          notice,
          publishedAt: now,
          reason,
          author: em.getReference(StaffMember, actor.staffMemberId),
          changes: correction.changes,
        }),
      );
      recordAudit(em, actor, 'correctNotice', { entityType: 'Notice', entityId: notice.id }, { reason, changes: correction.changes });
      recordEvent(em, 'notice.corrected', { reference: notice.reference, fields: correction.changes.map((c) => c.field) }, now);
      return notice;
    });
  }

  async cancel(reference: string, reason: string): Promise<Notice> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const notice = await this.loadForChange(em, actor, reference);
      const now = this.ctx.clock.now();
      this.closeIfDue(em, notice, now);
      this.apply(notice, 'CANCEL');
      notice.cancelledAt = now;
      notice.cancellationReason = validate.reason(reason);
      for (const lot of notice.lots) if (lot.status === 'OPEN') lot.status = 'CANCELLED';
      recordAudit(em, actor, 'cancelNotice', { entityType: 'Notice', entityId: notice.id }, { reason });
      recordEvent(em, 'notice.cancelled', { reference: notice.reference }, now);
      return notice;
    });
  }

  async awardLot(reference: string, lotNumber: number, input: AwardLotInput): Promise<Notice> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const notice = await this.loadForChange(em, actor, reference);
      const now = this.ctx.clock.now();
      this.closeIfDue(em, notice, now);
      this.apply(notice, 'AWARD_LOT');
      const lot = this.openLot(notice, lotNumber);
      const problems = new InputProblems();
      const values = {
        supplierName: problems.check(() => validate.title(input.supplierName, 'supplierName')),
        supplierSiret: problems.check(() => validate.siret(input.supplierSiret)),
        supplierCommune: problems.check(() => validate.optionalText(input.supplierCommune, 'supplierCommune', 200)),
        supplierInseeCode: problems.check(() => validate.inseeCode(input.supplierInseeCode, 'supplierInseeCode')),
        amount: problems.check(() => validate.requiredAmount(input.amount, 'amount')),
        // A lot is awarded after its notice's publication (a notice imported without one has none) and never ahead.
        awardedOn: problems.check(() => validate.awardedOn(input.awardedOn, notice.publishedAt ?? null, now)),
        durationMonths: input.durationMonths == null ? null : problems.check(() => validate.positiveInt(input.durationMonths!, 'durationMonths', 120)),
      };
      problems.throwIfAny();
      const award = em.create(Award, {
        lot,
        supplierName: values.supplierName!,
        supplierSiret: values.supplierSiret!,
        sme: input.sme,
        supplierCommune: values.supplierCommune ?? null,
        supplierInseeCode: values.supplierInseeCode ?? null,
        amount: values.amount!,
        awardedOn: values.awardedOn!,
        // What DECP needs beyond the award itself (decp.ts reads it as an imported contract's).
        contract: values.durationMonths ? { durationMonths: values.durationMonths } : null,
      });
      lot.status = 'AWARDED';
      lot.award = ref(award);
      recordAudit(em, actor, 'awardLot', { entityType: 'Lot', entityId: lot.id }, { reference, lotNumber });
      recordEvent(em, 'lot.awarded', { reference, lotNumber }, now);
      this.completeIfDecided(em, notice, now);
      return notice;
    });
  }

  async declareLotUnsuccessful(reference: string, lotNumber: number, reason: string): Promise<Notice> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const notice = await this.loadForChange(em, actor, reference);
      const now = this.ctx.clock.now();
      this.closeIfDue(em, notice, now);
      this.apply(notice, 'DECLARE_LOT_UNSUCCESSFUL');
      const lot = this.openLot(notice, lotNumber);
      lot.status = 'UNSUCCESSFUL';
      lot.unsuccessfulReason = validate.reason(reason);
      recordAudit(em, actor, 'declareLotUnsuccessful', { entityType: 'Lot', entityId: lot.id }, { reference, lotNumber, reason });
      recordEvent(em, 'lot.unsuccessful', { reference, lotNumber }, now);
      this.completeIfDecided(em, notice, now);
      return notice;
    });
  }

  /** Records CLOSED for every published notice whose deadline has passed; the scheduler runs it. */
  async closeDueNotices(): Promise<string[]> {
    // Looked for without a transaction first: a pass with nothing due never takes the SQLite write lock.
    const due = { status: 'PUBLISHED' as const, submissionDeadline: { $lte: this.ctx.clock.now() } };
    if (!(await this.ctx.em.fork().findOne(Notice, due, { fields: ['id'] }))) return [];
    return this.ctx.em.transactional(async (em) => {
      // Several hubs: their schedulers take turns, and each reads what the previous one closed (db/across-hubs.ts).
      await runAloneAcrossHubs(em, 'close-due-notices');
      const now = this.ctx.clock.now();
      const due = await em.find(Notice, { status: 'PUBLISHED', submissionDeadline: { $lte: now } });
      for (const notice of due) this.closeIfDue(em, notice, now);
      return due.map((notice) => notice.reference);
    });
  }

  private requireActor(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    return this.ctx.actor;
  }

  private apply(notice: Notice, event: NoticeEvent): void {
    const result = transition(notice.status, event);
    if (!result.ok) throw new AppError('INVALID_TRANSITION', result.reason, { status: notice.status });
    notice.status = result.status;
  }

  private closeIfDue(em: EntityManager, notice: Notice, now: Date): void {
    if (notice.status !== 'PUBLISHED' || notice.submissionDeadline.getTime() > now.getTime()) return;
    this.apply(notice, 'CLOSE');
    notice.closedAt = notice.submissionDeadline;
    recordEvent(em, 'notice.closed', { reference: notice.reference }, now);
  }

  private completeIfDecided(em: EntityManager, notice: Notice, now: Date): void {
    const event = completionEvent(notice.lots.getItems().map((lot) => lot.status));
    if (!event) return;
    this.apply(notice, event);
    if (event === 'COMPLETE_AWARDED') recordEvent(em, 'notice.awarded', { reference: notice.reference }, now);
  }

  private openLot(notice: Notice, lotNumber: number): Lot {
    const lot = notice.lots.getItems().find((candidate) => candidate.number === lotNumber);
    if (!lot) throw badInput('lotNumber', `L’avis ${notice.reference} n’a pas de lot ${lotNumber}.`);
    if (lot.status !== 'OPEN') {
      throw new AppError('INVALID_TRANSITION', `Le lot ${lotNumber} est déjà ${LOT_STATUS_FR[lot.status as LotStatus]}.`, { status: lot.status });
    }
    return lot;
  }

  /** A notice the actor may change; one it may not even read is "not found", so drafts stay secret. */
  /** The publicity rule of the dated thresholds (`publicity.ts`): is the notice's procedure allowed at its value? */
  private async publicityProblems(em: EntityManager, notice: Notice, launchedAt: Date, field: string) {
    const organisation = await em.findOneOrFail(Organisation, notice.organisation.id);
    const requirement = noticePublicity({
      nature: notice.nature,
      mainCpv: notice.mainCpv,
      noticeEstimate: notice.estimatedValue,
      lotEstimates: notice.lots.getItems().map((lot) => lot.estimatedValue),
      frameworkMaximum: notice.frameworkAgreement ? notice.frameworkMaximumAmount : null,
      organisationKind: organisation.kind,
      launchedAt,
    });
    const problem = requirement && procedureProblem(requirement, notice.procedure, field);
    return problem ? [problem] : [];
  }

  private async loadForChange(em: EntityManager, actor: Actor, reference: string): Promise<Notice> {
    const notice = await em.findOne(
      Notice,
      { reference: reference.trim() },
      { populate: ['lots', 'lots.award', 'searchText'] },
    );
    if (!notice || (notice.status === 'DRAFT' && !canReadPrivateOf(actor, notice.organisation.id))) {
      throw notFound(`La consultation ${reference}`);
    }
    if (!canManageFor(actor, notice.organisation.id)) {
      throw forbidden('Vous ne pouvez pas modifier les consultations de cette organisation.');
    }
    return notice;
  }

  private async organisationFor(em: EntityManager, actor: Actor, siren: string | undefined): Promise<Organisation> {
    const organisation = siren
      ? await em.findOne(Organisation, { siren: siren.trim() })
      : await em.findOne(Organisation, { id: actor.organisationId });
    if (!organisation) throw badInput('organisationSiren', `Aucune organisation n’a le SIREN ${siren}.`);
    if (!canManageFor(actor, organisation.id)) throw forbidden('Vous ne pouvez pas publier pour cette organisation.');
    return organisation;
  }

  private async assertFunctionAddress(em: EntityManager, email: string): Promise<void> {
    // The public contact is a service's address: a staff member's own address is personal data.
    if (await em.count(StaffMember, { email })) {
      throw badInput('contactEmail', 'Le contact public doit être une adresse fonctionnelle (un service), pas l’adresse personnelle d’un agent.');
    }
  }

  /**
   * Checks every field of a draft input and applies the accepted ones; the refused ones are all reported at once
   * (the caller's transaction is rolled back, so nothing is kept). A null for a field that cannot be empty is
   * refused as missing rather than stored.
   */
  private async applyDraft(em: EntityManager, notice: Notice, input: NoticeDraftInput, problems: InputProblems, now: Date): Promise<void> {
    const set = <K extends keyof Notice>(key: K, value: Notice[K] | undefined) => {
      if (value !== undefined) notice[key] = value;
    };
    const required = <T>(field: string, value: T | null | undefined): T | undefined => {
      if (value === null) problems.add(field, missing(field).message, 'MISSING');
      return value ?? undefined;
    };
    if (input.title !== undefined) set('title', problems.check(() => validate.title(input.title)));
    if (input.description !== undefined) set('description', problems.check(() => validate.description(input.description)));
    set('nature', required('nature', input.nature));
    set('procedure', required('procedure', input.procedure));
    if (input.mainCpv !== undefined) set('mainCpv', problems.check(() => validate.cpv(input.mainCpv, 'mainCpv')));
    if (input.additionalCpvs !== undefined) set('additionalCpvs', problems.check(() => validate.cpvList(input.additionalCpvs ?? [], 'additionalCpvs')));
    if (input.estimatedValue !== undefined) {
      const value = problems.check(() => validate.amount(input.estimatedValue, 'estimatedValue'));
      if (value !== undefined) notice.estimatedValue = value;
    }
    set('estimatedValuePublic', required('estimatedValuePublic', input.estimatedValuePublic));
    if (input.placeOfPerformanceInseeCode !== undefined) {
      const insee = problems.check(() => validate.communeInsee(input.placeOfPerformanceInseeCode, 'placeOfPerformanceInseeCode'));
      if (insee !== undefined) notice.placeOfPerformanceInsee = insee;
    }
    if (input.submissionDeadline !== undefined) {
      set('submissionDeadline', problems.check(() => validate.plannedInstant(input.submissionDeadline, 'submissionDeadline', now)));
    }
    set('electronicSubmission', required('electronicSubmission', input.electronicSubmission));
    if (input.buyerProfileUrl !== undefined) set('buyerProfileUrl', problems.check(() => validate.url(input.buyerProfileUrl)));
    if (input.contactEmail !== undefined) set('contactEmail', problems.check(() => validate.email(input.contactEmail)));
    if (!problems.has('contactEmail')) await problems.checkAsync(() => this.assertFunctionAddress(em, notice.contactEmail));
    set('socialClause', required('socialClause', input.socialClause));
    set('environmentalClause', required('environmentalClause', input.environmentalClause));
    set('reservedFor', required('reservedFor', input.reservedFor));
    if (input.frameworkAgreement !== undefined) {
      const framework = input.frameworkAgreement;
      notice.frameworkAgreement = framework !== null;
      notice.frameworkMaximumAmount = framework
        ? (problems.check(() => validate.amount(framework.maximumAmount, 'frameworkAgreement.maximumAmount')) ?? null)
        : null;
      notice.frameworkDurationMonths = framework
        ? (problems.check(() => validate.positiveInt(framework.durationMonths, 'frameworkAgreement.durationMonths', 120)) ?? null)
        : null;
      notice.frameworkSupplierMode = framework ? framework.supplierMode : null;
    }
    if (!problems.has('mainCpv')) await problems.checkAsync(() => this.applyFamily(em, notice, input.familySlug));
    if (input.purchasingGroupId !== undefined) {
      const group = await problems.checkAsync(() => groupForNotice(em, notice, input.purchasingGroupId ?? null));
      if (group !== undefined) notice.purchasingGroup = group;
    }
    if (input.lots !== undefined) {
      if (input.lots === null) problems.add('lots', missing('lots').message, 'MISSING');
      else this.replaceLots(em, notice, input.lots, problems);
    }
    if (input.plannedPurchaseReference !== undefined) {
      await problems.checkAsync(() => linkNoticeToPlan(em, notice, input.plannedPurchaseReference ?? null));
    }
    problems.throwIfAny();
    notice.searchText = searchText(notice);
  }

  private async applyFamily(em: EntityManager, notice: Notice, familySlug: string | null | undefined): Promise<void> {
    if (familySlug !== undefined && familySlug !== null) {
      const family = await em.findOne(PurchasingFamily, { slug: familySlug.trim() });
      if (!family) throw badInput('familySlug', `Aucune famille d’achat ne s’appelle « ${familySlug.trim()} ».`);
      notice.family = ref(family);
      notice.familyChosenByBuyer = true;
      return;
    }
    if (familySlug === null) notice.familyChosenByBuyer = false;
    if (notice.familyChosenByBuyer) return;
    const definition = familyForCpv(notice.mainCpv);
    const family = definition ? await em.findOne(PurchasingFamily, { slug: definition.slug }) : null;
    notice.family = family ? ref(family) : null;
  }

  /**
   * Lots keep their identity by number: existing ones are updated, extra ones added, surplus ones removed. An empty
   * list removes every lot (a draft may have none; publishing then asks for one). Nothing is changed unless every
   * lot is valid.
   */
  private replaceLots(em: EntityManager, notice: Notice, lots: NonNullable<NoticeDraftInput['lots']>, problems: InputProblems): void {
    if (lots.length > MAX_LOTS) {
      problems.add('lots', `Un avis a au plus ${MAX_LOTS} lots (${lots.length} reçus).`);
      return;
    }
    const values = lots.map((input, index) => ({
      number: index + 1,
      title: problems.check(() => validate.title(input.title, `lots[${index}].title`)),
      cpv: problems.check(() => validate.cpv(input.cpv, `lots[${index}].cpv`)),
      estimatedValue: problems.check(() => validate.amount(input.estimatedValue, `lots[${index}].estimatedValue`)),
    }));
    if (problems.has('lots')) return;
    const existing = new Map(notice.lots.getItems().map((lot) => [lot.number, lot]));
    for (const value of values) {
      const accepted = { number: value.number, title: value.title!, cpv: value.cpv!, estimatedValue: value.estimatedValue ?? null };
      const lot = existing.get(value.number);
      if (lot) Object.assign(lot, accepted);
      else notice.lots.add(em.create(Lot, { notice, ...accepted }));
    }
    for (const [number, lot] of existing) {
      // em.remove alone: the flush deletes the lot and drops it from notice.lots (removing it from the collection
      // first would try to null its non-nullable notice and fail inside the ORM).
      if (number > lots.length) em.remove(lot);
    }
  }
}

const MAX_LOTS = 200;
const REQUIRED_AT_CREATION = ['title', 'mainCpv', 'submissionDeadline', 'buyerProfileUrl', 'contactEmail'] as const;

function searchText(notice: Notice): string {
  return foldText(`${notice.reference} ${notice.title} ${notice.description}`);
}
