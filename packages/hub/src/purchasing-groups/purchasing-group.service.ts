import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { isAdmin } from '../auth/access-policy.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import { validate } from '../notices/notice-validation.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { Clock } from '../shared/clock.js';
import { InputProblems, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { agreementDatesProblem, groupMemberIds } from './group-carrier.js';
import { PurchasingGroup } from './purchasing-group.entity.js';
import type { PurchasingGroupInput } from './purchasing-group.inputs.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock };

const POPULATE = ['coordinator', 'members'] as const;

/** Groups are the agglomeration's procurement direction's to define; members' staff read theirs. */
export class PurchasingGroupService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(input: PurchasingGroupInput): Promise<PurchasingGroup> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      // Placeholders until apply() has checked the input; a refused input rolls the whole transaction back.
      const group = em.create(PurchasingGroup, {
        subject: '',
        coordinator: em.getReference(Organisation, actor.organisationId),
        agreementStart: '',
      });
      await this.apply(em, group, input);
      recordAudit(em, actor, 'createPurchasingGroup', { entityType: 'PurchasingGroup', entityId: group.id }, { subject: group.subject });
      recordEvent(em, 'group.updated', { groupId: group.id }, this.ctx.clock.now());
      return group;
    });
  }

  async update(id: string, input: PurchasingGroupInput): Promise<PurchasingGroup> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const group = await em.findOne(PurchasingGroup, { id }, { populate: POPULATE });
      if (!group) throw notFound(`Purchasing group ${id}`);
      await this.apply(em, group, input);
      recordAudit(em, actor, 'updatePurchasingGroup', { entityType: 'PurchasingGroup', entityId: group.id }, { subject: group.subject });
      recordEvent(em, 'group.updated', { groupId: group.id }, this.ctx.clock.now());
      return group;
    });
  }

  /** Every group for an admin; otherwise the groups the actor's organisation belongs to. */
  async readable(): Promise<PurchasingGroup[]> {
    const actor = this.requireActor();
    const where = isAdmin(actor) ? {} : { members: actor.organisationId };
    const ids = (await this.ctx.em.find(PurchasingGroup, where, { fields: ['id'] })).map((group) => group.id);
    return this.ctx.em.find(PurchasingGroup, { id: { $in: ids } }, { populate: POPULATE, orderBy: { subject: 'asc' } });
  }

  async byId(id: string): Promise<PurchasingGroup> {
    const actor = this.requireActor();
    const group = await this.ctx.em.findOne(PurchasingGroup, { id }, { populate: POPULATE });
    const member = group?.members.getItems().some((organisation) => organisation.id === actor.organisationId);
    if (!group || !(isAdmin(actor) || member)) throw notFound(`Purchasing group ${id}`);
    return group;
  }

  private async apply(em: EntityManager, group: PurchasingGroup, input: PurchasingGroupInput): Promise<void> {
    const now = this.ctx.clock.now();
    const problems = new InputProblems();
    const subject = problems.check(() => validate.title(input.subject, 'subject'));
    const agreementStart = problems.check(() => validate.agreementDate(input.agreementStart, 'agreementStart', now));
    const agreementEnd = input.agreementEnd?.trim() ? problems.check(() => validate.agreementDate(input.agreementEnd, 'agreementEnd', now)) : null;
    const datesProblem = agreementStart && agreementEnd !== undefined ? agreementDatesProblem(agreementStart, agreementEnd) : null;
    if (datesProblem) problems.add('agreementEnd', datesProblem);
    const documentsUrl = input.documentsUrl?.trim() ? problems.check(() => validate.url(input.documentsUrl, 'documentsUrl')) : null;
    problems.throwIfAny();
    group.subject = subject!;
    group.agreementStart = agreementStart!;
    group.agreementEnd = agreementEnd ?? null;
    group.documentsUrl = documentsUrl ?? null;

    const sirens = [...new Set([input.coordinatorSiren, ...input.memberSirens].map((siren) => siren.trim()))];
    const organisations = await em.find(Organisation, { siren: { $in: sirens } });
    const bySiren = new Map(organisations.map((organisation) => [organisation.siren, organisation]));
    const coordinator = bySiren.get(input.coordinatorSiren.trim());
    if (!coordinator) throw badInput('coordinatorSiren', `No organisation has SIREN ${input.coordinatorSiren}`);
    const members = input.memberSirens.map((siren, index) => {
      const organisation = bySiren.get(siren.trim());
      if (!organisation) throw badInput(`memberSirens[${index}]`, `No organisation has SIREN ${siren}`);
      return organisation;
    });
    const ids = groupMemberIds(coordinator.id, members.map((member) => member.id));
    if (ids.length < 2) throw badInput('memberSirens', 'A purchasing group has at least one member besides its coordinator');
    group.coordinator = em.getReference(Organisation, coordinator.id, { wrapped: true });
    const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
    group.members.set(ids.map((id) => byId.get(id)!));
  }

  private requireActor(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    return this.ctx.actor;
  }

  private requireAdmin(): Actor {
    const actor = this.requireActor();
    if (!isAdmin(actor)) throw forbidden('Only the procurement direction defines purchasing groups');
    return actor;
  }
}
