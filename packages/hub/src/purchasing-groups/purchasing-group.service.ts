import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { isAdmin } from '../auth/access-policy.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import { validate } from '../notices/notice-validation.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { Clock } from '../shared/clock.js';
import { InputProblems, forbidden, notFound, unauthenticated } from '../shared/errors.js';
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
      if (!group) throw notFound(`Le groupement de commandes ${id}`);
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
    if (!group || !(isAdmin(actor) || member)) throw notFound(`Le groupement de commandes ${id}`);
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

    const sirens = [...new Set([input.coordinatorSiren, ...input.memberSirens].map((siren) => siren.trim()))];
    const organisations = await em.find(Organisation, { siren: { $in: sirens } });
    const bySiren = new Map(organisations.map((organisation) => [organisation.siren, organisation]));
    const coordinator = bySiren.get(input.coordinatorSiren.trim());
    if (!input.coordinatorSiren.trim()) problems.add('coordinatorSiren', 'Le champ coordinatorSiren est obligatoire.', 'MISSING');
    else if (!coordinator) problems.add('coordinatorSiren', `Aucune organisation n’a le SIREN ${input.coordinatorSiren}.`);
    const members = input.memberSirens.flatMap((siren, index) => {
      const organisation = bySiren.get(siren.trim());
      if (!organisation) problems.add(`memberSirens[${index}]`, `Aucune organisation n’a le SIREN ${siren}.`);
      return organisation ? [organisation] : [];
    });
    const ids = coordinator ? groupMemberIds(coordinator.id, members.map((member) => member.id)) : [];
    if (coordinator && ids.length < 2 && !problems.has('memberSirens')) {
      problems.add('memberSirens', 'Un groupement de commandes compte au moins un membre en plus de son coordonnateur.', 'MISSING');
    }
    problems.throwIfAny();
    group.subject = subject!;
    group.agreementStart = agreementStart!;
    group.agreementEnd = agreementEnd ?? null;
    group.documentsUrl = documentsUrl ?? null;
    group.coordinator = em.getReference(Organisation, coordinator!.id, { wrapped: true });
    const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
    group.members.set(ids.map((id) => byId.get(id)!));
  }

  private requireActor(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    return this.ctx.actor;
  }

  private requireAdmin(): Actor {
    const actor = this.requireActor();
    if (!isAdmin(actor)) throw forbidden('Seule la direction de la commande publique définit les groupements de commandes.');
    return actor;
  }
}
