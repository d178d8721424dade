import { ref, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { Correspondent } from '../network/correspondent.entity.js';
import { NoticeQueries } from '../notices/notice.queries.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { PlannedPurchaseQueries } from '../planning/planned-purchase.queries.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { AppError, badInput, forbidden, InputProblems, notFound, unauthenticated } from '../shared/errors.js';
import type { PageRequest } from '../shared/pagination.js';
import { parisDateOf } from '../shared/paris-calendar.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { adviceListScope, mayAskFor, mayOnAdvice } from './advice-access.js';
import {
  answeredMail,
  assignedMail,
  directionAdmins,
  messageMail,
  newRequestMail,
  queueAdviceMails,
  recipientOf,
  reopenedMail,
  adviceMailFacts,
  type AdviceMailFacts,
} from './advice-mails.js';
import { adviceTransition, type AdviceEvent, type AdviceState } from './advice-lifecycle.js';
import { AdviceMessage } from './advice-message.entity.js';
import { AdviceRequest } from './advice-request.entity.js';
import type { AdviceMessageKind, AdviceStage } from './advice-stages.js';
import { mentionedName, validateAdvice } from './advice-validation.js';
import { KnowledgeEntry } from './knowledge-entry.entity.js';
import { dueAfterWorkingDays } from './working-days.js';
import { foldText } from '../shared/text.js';
import { runAloneAcrossHubs } from '../db/across-hubs.js';
import { lastReferenceNumber } from '../shared/reference-numbers.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock; config: HubConfig };

export interface AskAdviceCommand {
  /** Admins may record a request for a commune that phoned; others ask for their own organisation. */
  organisationSiren?: string | null;
  stage: AdviceStage;
  familySlug: string;
  subject: string;
  question: string;
  relatedNoticeReference?: string | null;
  relatedPlannedPurchaseReference?: string | null;
  attachments?: Array<{ label?: string | null; url: string }> | null;
  wishedAnswerDate?: string | null;
}

export interface AdviceListFilter {
  states?: AdviceState[] | null;
  /** Only the requests whose answer is late. */
  overdue?: boolean | null;
  /** Only the requests this actor is the expert of. */
  mine?: boolean | null;
}

const EXPERT_ROLES = ['ADMIN', 'BUYER'] as const;
const POPULATE = ['organisation', 'askedBy', 'family', 'expert', 'relatedNotice', 'relatedPlannedPurchase'] as const;

/**
 * Advice requests from the communes to the agglomeration's procurement direction: asking, assigning, the thread,
 * answering, closing and reopening, and publishing an answer in the knowledge base. Each change is checked against
 * the access rule and the lifecycle table, audited, and reported in the outbox, in one transaction.
 */
export class AdviceService {
  constructor(private readonly ctx: ServiceContext) {}

  async ask(command: AskAdviceCommand): Promise<AdviceRequest> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const problems = new InputProblems();
      const organisation = command.organisationSiren
        ? await em.findOne(Organisation, { siren: command.organisationSiren.trim() })
        : await em.findOne(Organisation, { id: actor.organisationId });
      if (!organisation) problems.add('organisationSiren', `Aucune organisation n’a le SIREN ${command.organisationSiren}.`);
      else if (!mayAskFor(actor, organisation.id)) {
        throw forbidden('Seuls les acheteurs d’une organisation (et la direction) demandent un conseil en son nom');
      }
      // Every refused field at once, as the other staff mutations report them (issue 11, point 3).
      const familySlug = command.familySlug?.trim() ?? '';
      const family = familySlug ? await em.findOne(PurchasingFamily, { slug: familySlug }) : null;
      if (!familySlug) problems.add('familySlug', 'Le champ familySlug est obligatoire.', 'MISSING');
      else if (!family) problems.add('familySlug', `Aucune famille d’achats ne s’appelle ${familySlug}.`);
      const noticeReference = command.relatedNoticeReference?.trim();
      const relatedNotice = noticeReference ? await new NoticeQueries(em).byReference(noticeReference, actor) : null;
      if (noticeReference && !relatedNotice) problems.add('relatedNoticeReference', `Aucune consultation ${noticeReference} ne vous est visible.`);
      const plannedReference = command.relatedPlannedPurchaseReference?.trim();
      const relatedPlannedPurchase = plannedReference ? await new PlannedPurchaseQueries(em).byReference(plannedReference, actor) : null;
      if (plannedReference && !relatedPlannedPurchase) {
        problems.add('relatedPlannedPurchaseReference', `Aucun achat prévu ${plannedReference} ne vous est visible.`);
      }
      const subject = problems.check(() => validateAdvice.subject(command.subject));
      const question = problems.check(() => validateAdvice.question(command.question));
      const attachments = problems.check(() => validateAdvice.attachments(command.attachments));
      const wishedAnswerDate = problems.check(() => validateAdvice.wishedAnswerDate(command.wishedAnswerDate, parisDateOf(now)));
      problems.throwIfAny();
      if (!organisation || !family) throw new Error('unreachable: refused above');
      const request = em.create(AdviceRequest, {
        reference: await nextReference(em, now),
        organisation,
        askedBy: await em.findOneOrFail(StaffMember, { id: actor.staffMemberId }),
        stage: command.stage,
        family,
        subject: subject!,
        question: question!,
        relatedNotice,
        relatedPlannedPurchase,
        attachments: attachments!,
        wishedAnswerDate: wishedAnswerDate ?? null,
        state: 'SUBMITTED',
        submittedAt: now,
        dueAt: dueAfterWorkingDays(now, this.ctx.config.advice.dueWorkingDays),
      });
      recordAudit(em, actor, 'askAdvice', entityOf(request), { stage: request.stage, family: family.slug });
      recordEvent(em, 'advice.submitted', payloadOf(request), now);
      const expert = await defaultExpert(em, family);
      if (expert) this.assignTo(em, request, expert, now, null);
      const facts = await this.mailFacts(em, request);
      const recipients = expert ? [recipientOf(expert)] : await directionAdmins(em);
      queueAdviceMails(em, recipients.map((to) => newRequestMail(facts, to, expert !== null)), now, await emailOf(em, actor));
      return request;
    });
  }

  /** An admin names (or changes) the expert of a request. */
  async assign(requestId: string, expertId: string): Promise<AdviceRequest> {
    return this.change(requestId, 'ASSIGN', async (em, request, actor, now) => {
      const expert = await em.findOne(StaffMember, { id: expertId }, { populate: ['organisation'] });
      if (!expert || !isEligibleExpert(expert)) {
        throw badInput('expertId', 'L’expert doit être un agent actif (administrateur ou acheteur) de la direction de l’agglomération');
      }
      if (request.expert?.id === expert.id) throw badInput('expertId', 'Cet agent est déjà l’expert de la demande');
      this.assignTo(em, request, expert, now, actor);
      queueAdviceMails(em, [assignedMail(await this.mailFacts(em, request), recipientOf(expert))], now, await emailOf(em, actor));
    });
  }

  async postMessage(requestId: string, body: string): Promise<AdviceRequest> {
    return this.change(requestId, 'POST_MESSAGE', async (em, request, actor, now) => {
      const text = validateAdvice.body(body);
      addMessage(em, request, actor, 'MESSAGE', text, now);
      recordEvent(em, 'advice.message', { ...payloadOf(request), authorId: actor.staffMemberId }, now);
      // From the asking side to the expert (or the admins while there is none); from the direction to the asker.
      const author = await em.findOneOrFail(StaffMember, { id: actor.staffMemberId });
      const facts = await this.mailFacts(em, request);
      const recipients = actor.organisationId === request.organisation.id ? await this.expertSide(em, request) : [recipientOf(await request.askedBy.loadOrFail())];
      queueAdviceMails(em, recipients.map((to) => messageMail(facts, to, author.name, text)), now, author.email);
    });
  }

  async answer(requestId: string, body: string): Promise<AdviceRequest> {
    return this.change(requestId, 'ANSWER', async (em, request, actor, now) => {
      const text = validateAdvice.body(body);
      addMessage(em, request, actor, 'ANSWER', text, now);
      request.firstAnsweredAt ??= now;
      request.lastAnsweredAt = now;
      recordEvent(em, 'advice.answered', { ...payloadOf(request), expertId: actor.staffMemberId }, now);
      const facts = { ...(await this.mailFacts(em, request)), expertName: (await em.findOneOrFail(StaffMember, { id: actor.staffMemberId })).name };
      queueAdviceMails(em, [answeredMail(facts, recipientOf(await request.askedBy.loadOrFail()), text)], now, await emailOf(em, actor));
    });
  }

  async close(requestId: string, note?: string | null): Promise<AdviceRequest> {
    return this.change(requestId, 'CLOSE', async (em, request, actor, now) => {
      if (note?.trim()) addMessage(em, request, actor, 'CLOSING', validateAdvice.reason(note, 'note'), now);
      request.closedAt = now;
      recordEvent(em, 'advice.closed', payloadOf(request), now);
    });
  }

  /** Asks again, with a reason: the answer is due anew, counted from now. */
  async reopen(requestId: string, reason: string): Promise<AdviceRequest> {
    return this.change(requestId, 'REOPEN', async (em, request, actor, now) => {
      const text = validateAdvice.reason(reason);
      addMessage(em, request, actor, 'REOPENING', text, now);
      request.closedAt = null;
      request.dueAt = dueAfterWorkingDays(now, this.ctx.config.advice.dueWorkingDays);
      recordEvent(em, 'advice.reopened', payloadOf(request), now);
      const facts = await this.mailFacts(em, request);
      const recipients = await this.expertSide(em, request);
      queueAdviceMails(em, recipients.map((to) => reopenedMail(facts, to, text)), now, await emailOf(em, actor));
    });
  }

  /**
   * The expert (or an admin) publishes an answered request in the knowledge base, rewritten without names: the
   * texts may not mention the asker, the expert, their addresses or the asking organisation.
   */
  async publish(requestId: string, entry: { title: string; question: string; answer: string }): Promise<KnowledgeEntry> {
    let published: KnowledgeEntry | undefined;
    await this.change(requestId, 'PUBLISH', async (em, request, actor, now) => {
      if (await em.count(KnowledgeEntry, { request })) throw new AppError('CONFLICT', 'Cette demande est déjà publiée dans la base de connaissances');
      const problems = new InputProblems();
      const title = problems.check(() => validateAdvice.subject(entry.title, 'title'));
      const question = problems.check(() => validateAdvice.question(entry.question));
      const answer = problems.check(() => validateAdvice.body(entry.answer, 'answer'));
      const names = await identifyingNames(em, request);
      for (const [field, text] of [['title', title], ['question', question], ['answer', answer]] as const) {
        const name = text === undefined ? null : mentionedName(text, names);
        if (name) problems.add(field, `Le champ ${field} cite encore « ${name} » : la base de connaissances est anonyme.`);
      }
      problems.throwIfAny();
      published = em.create(KnowledgeEntry, {
        request,
        stage: request.stage,
        family: request.family,
        title: title!,
        question: question!,
        answer: answer!,
        searchText: foldText(`${title}\n${question}\n${answer}`),
        publishedAt: now,
        publishedBy: em.getReference(StaffMember, actor.staffMemberId),
      });
      recordEvent(em, 'advice.published', { reference: request.reference, entryId: published.id }, now);
    });
    return published!;
  }

  /** One request, or NOT_FOUND when the actor may not read it (its existence does not leak). */
  async get(requestId: string): Promise<AdviceRequest> {
    const actor = this.requireActor();
    const request = await this.ctx.em.findOne(AdviceRequest, { id: requestId }, { populate: POPULATE });
    if (!request || !mayOnAdvice(actor, partiesOf(request), 'READ')) throw notFound(`Demande de conseil ${requestId}`);
    return request;
  }

  async byReference(reference: string): Promise<AdviceRequest | null> {
    const actor = this.requireActor();
    const request = await this.ctx.em.findOne(AdviceRequest, { reference: reference.trim().toUpperCase() }, { populate: POPULATE });
    return request && mayOnAdvice(actor, partiesOf(request), 'READ') ? request : null;
  }

  /** The requests the actor may read, most urgent first (awaiting an answer, by due date), then the latest. */
  async list(filter: AdviceListFilter, page: PageRequest): Promise<[AdviceRequest[], number]> {
    const actor = this.requireActor();
    const scope = adviceListScope(actor);
    const conditions: Array<FilterQuery<AdviceRequest>> = [];
    if (!scope.all) conditions.push({ $or: [{ organisation: scope.organisationId }, { expert: scope.expertId }] });
    if (filter.states?.length) conditions.push({ state: { $in: filter.states } });
    if (filter.mine) conditions.push({ expert: actor.staffMemberId });
    if (filter.overdue) {
      if (actor.role !== 'ADMIN' && !filter.mine) throw forbidden('La liste des demandes en retard est réservée à la direction');
      conditions.push({ state: { $in: ['SUBMITTED', 'ASSIGNED'] }, dueAt: { $lte: this.ctx.clock.now() } });
    }
    return this.ctx.em.findAndCount(AdviceRequest, conditions.length ? { $and: conditions } : {}, {
      populate: POPULATE,
      orderBy: [{ dueAt: 'asc' }, { reference: 'asc' }],
      limit: page.limit,
      offset: page.offset,
    });
  }

  /** The knowledge base, for any staff member: every word of `text` must appear; newest first. */
  async searchKnowledge(filter: { stage?: AdviceStage | null; familySlug?: string | null; words: string[] }, page: PageRequest) {
    this.requireActor();
    const where: FilterQuery<KnowledgeEntry> = {};
    if (filter.stage) where.stage = filter.stage;
    if (filter.familySlug?.trim()) {
      const family = await this.ctx.em.findOne(PurchasingFamily, { slug: filter.familySlug.trim() });
      if (!family) throw badInput('familySlug', `Aucune famille d’achats ne s’appelle ${filter.familySlug}`);
      where.family = family;
    }
    // searchWords keeps letters and digits only: no LIKE wildcard can reach the pattern.
    if (filter.words.length) where.$and = filter.words.map((word) => ({ searchText: { $like: `%${word}%` } }));
    return this.ctx.em.findAndCount(KnowledgeEntry, where, {
      populate: ['family'],
      orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
      limit: page.limit,
      offset: page.offset,
    });
  }

  /** Every change goes through here: read, check access and lifecycle, change, audit, one transaction. */
  private async change(
    requestId: string,
    event: AdviceEvent,
    apply: (em: EntityManager, request: AdviceRequest, actor: Actor, now: Date) => Promise<void>,
  ): Promise<AdviceRequest> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const request = await em.findOne(AdviceRequest, { id: requestId }, { populate: POPULATE });
      if (!request || !mayOnAdvice(actor, partiesOf(request), 'READ')) throw notFound(`Demande de conseil ${requestId}`);
      if (!mayOnAdvice(actor, partiesOf(request), event)) throw forbidden(FORBIDDEN_FR[event]);
      const result = adviceTransition(request.state, event, { hasExpert: request.expert !== null, answered: request.firstAnsweredAt !== null });
      if (!result.ok) throw new AppError('INVALID_TRANSITION', result.reason, { state: request.state });
      request.state = result.state;
      await apply(em, request, actor, now);
      recordAudit(em, actor, `advice.${event.toLowerCase()}`, entityOf(request), { state: request.state });
      return request;
    });
  }

  private assignTo(em: EntityManager, request: AdviceRequest, expert: StaffMember, now: Date, actor: Actor | null): void {
    const previous = request.expert?.id ?? null;
    request.expert = ref(expert);
    request.assignedAt = now;
    request.state = 'ASSIGNED';
    if (!actor) recordAudit(em, null, 'advice.assign', entityOf(request), { expertId: expert.id, automatic: true });
    recordEvent(em, 'advice.assigned', { ...payloadOf(request), previousExpertId: previous }, now);
  }

  private mailFacts(em: EntityManager, request: AdviceRequest): Promise<AdviceMailFacts> {
    return adviceMailFacts(em, request, this.ctx.config.hubPublicUrl);
  }

  /** Who hears from the asking side: the expert, or the direction's admins while there is none. */
  private async expertSide(em: EntityManager, request: AdviceRequest) {
    const expert = request.expert ? await request.expert.loadOrFail() : null;
    return expert?.active ? [recipientOf(expert)] : directionAdmins(em);
  }

  private requireActor(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    return this.ctx.actor;
  }
}

const FORBIDDEN_FR: Record<AdviceEvent, string> = {
  ASSIGN: 'Seuls les administrateurs de la direction attribuent une demande',
  ANSWER: 'Seul l’expert de la demande (ou la direction) y répond',
  POST_MESSAGE: 'Seuls le demandeur, les acheteurs de son organisation et l’expert écrivent dans cette demande',
  CLOSE: 'Seuls le demandeur, les acheteurs de son organisation et l’expert closent cette demande',
  REOPEN: 'Seuls les acheteurs de l’organisation demandeuse (ou la direction) rouvrent une demande',
  PUBLISH: 'Seul l’expert de la demande (ou la direction) publie sa réponse',
};

async function emailOf(em: EntityManager, actor: Actor): Promise<string | null> {
  return (await em.findOne(StaffMember, { id: actor.staffMemberId }))?.email ?? null;
}

function partiesOf(request: AdviceRequest) {
  return { organisationId: request.organisation.id, expertId: request.expert?.id ?? null };
}

function entityOf(request: AdviceRequest) {
  return { entityType: 'AdviceRequest', entityId: request.id };
}

/** Identifiers only: the outbox feeds webhooks, and names never leave the hub that way. */
function payloadOf(request: AdviceRequest): Record<string, unknown> {
  return {
    requestId: request.id,
    reference: request.reference,
    organisationId: request.organisation.id,
    askedById: request.askedBy.id,
    expertId: request.expert?.id ?? null,
    stage: request.stage,
    familyId: request.family.id,
    state: request.state,
  };
}

function addMessage(em: EntityManager, request: AdviceRequest, actor: Actor, kind: AdviceMessageKind, body: string, now: Date): void {
  em.create(AdviceMessage, { request, author: em.getReference(StaffMember, actor.staffMemberId), kind, body, postedAt: now });
}

function isEligibleExpert(member: StaffMember): boolean {
  return member.active && member.organisation.getEntity().kind === 'AGGLOMERATION' && (EXPERT_ROLES as readonly string[]).includes(member.role);
}

/**
 * The correspondent of the family in the agglomeration's direction; of several, the one with the fewest requests
 * awaiting an answer, then by name. None: the request waits for the admins.
 */
async function defaultExpert(em: EntityManager, family: PurchasingFamily): Promise<StaffMember | null> {
  const namings = await em.find(
    Correspondent,
    { family, organisation: { kind: 'AGGLOMERATION' }, staffMember: { active: true, role: { $in: [...EXPERT_ROLES] } } },
    { populate: ['staffMember', 'staffMember.organisation'] },
  );
  if (namings.length === 0) return null;
  const experts = namings.map((naming) => naming.staffMember.getEntity());
  const load = new Map<string, number>();
  for (const expert of experts) load.set(expert.id, await em.count(AdviceRequest, { expert, state: { $in: ['SUBMITTED', 'ASSIGNED'] } }));
  experts.sort((a, b) => load.get(a.id)! - load.get(b.id)! || a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
  return experts[0]!;
}

async function identifyingNames(em: EntityManager, request: AdviceRequest): Promise<string[]> {
  const ids = [request.askedBy.id, request.expert?.id].filter((id): id is string => Boolean(id));
  const authors = await em.find(AdviceMessage, { request }, { fields: ['author'] });
  for (const message of authors) if (!ids.includes(message.author.id)) ids.push(message.author.id);
  const people = await em.find(StaffMember, { id: { $in: ids } });
  const organisation = await em.findOneOrFail(Organisation, { id: request.organisation.id });
  return [...people.flatMap((person) => [person.name, person.email]), organisation.name];
}

/** CONSEIL-2026-0007: numbered per year (Paris), in the order of asking. */
async function nextReference(em: EntityManager, now: Date): Promise<string> {
  const prefix = `CONSEIL-${parisDateOf(now).slice(0, 4)}-`;
  // Held across hubs until the asking transaction commits, so two hubs never hand out the same number.
  await runAloneAcrossHubs(em, `reference:${prefix}`);
  const next = (await lastReferenceNumber(em, AdviceRequest, prefix)) + 1;
  return `${prefix}${String(next).padStart(4, '0')}`;
}
