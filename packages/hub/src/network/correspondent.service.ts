import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { canManageFor } from '../auth/access-policy.js';
import { recordAudit } from '../audit/audit-log.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { InputProblems, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { familyChanges, groupNamings, type Group } from './correspondent-directory.js';
import { Correspondent } from './correspondent.entity.js';

type ServiceContext = { em: EntityManager; actor: Actor | null };

const POPULATE = ['staffMember', 'family', 'organisation'] as const;

/**
 * The network of family correspondents. Any signed-in staff member reads the directory (it is how buyers find whom
 * to ask elsewhere); an organisation's buyers and the admins name its correspondents.
 */
export class CorrespondentService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Makes `staffMemberId` the correspondent of exactly these families; returns them, in the families' order. */
  async setFamilies(staffMemberId: string, familySlugs: string[]): Promise<PurchasingFamily[]> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const member = await em.findOne(StaffMember, { id: staffMemberId });
      if (!member) throw notFound(`Le compte d’agent ${staffMemberId}`);
      if (!canManageFor(actor, member.organisation.id)) throw forbidden('Vous ne pouvez pas désigner les correspondants de cette organisation.');
      const problems = new InputProblems();
      if (!member.active) problems.add('staffMemberId', 'Un compte désactivé ne peut pas être correspondant.');
      const slugs = [...new Set(familySlugs.map((slug) => slug.trim()))];
      const families = await em.find(PurchasingFamily, { slug: { $in: slugs } });
      // Every unknown slug is named, by its place in the list as given.
      familySlugs.forEach((given, index) => {
        const slug = given.trim();
        if (!families.some((family) => family.slug === slug)) problems.add(`familySlugs[${index}]`, `Aucune famille d’achats ne s’appelle « ${slug} ».`);
      });
      problems.throwIfAny();

      const current = await em.find(Correspondent, { staffMember: member }, { populate: ['family'] });
      const changes = familyChanges(current.map((naming) => naming.family.getEntity().slug), slugs);
      for (const naming of current) if (changes.remove.includes(naming.family.getEntity().slug)) em.remove(naming);
      for (const slug of changes.add) {
        em.create(Correspondent, { staffMember: member, organisation: member.organisation, family: families.find((f) => f.slug === slug)! });
      }
      recordAudit(em, actor, 'setCorrespondentFamilies', { entityType: 'StaffMember', entityId: member.id }, changes);
      return families.sort((a, b) => a.position - b.position);
    });
  }

  /** For one family: its correspondents in each organisation. */
  async byFamily(familySlug: string): Promise<Array<Group<Correspondent>>> {
    this.requireActor();
    const family = await this.ctx.em.findOne(PurchasingFamily, { slug: familySlug.trim() });
    if (!family) throw badInput('familySlug', `Aucune famille d’achats ne s’appelle « ${familySlug} ».`);
    return this.grouped({ family }, 'organisation');
  }

  /** For one organisation: its correspondents for each family. */
  async byOrganisation(siren: string): Promise<Array<Group<Correspondent>>> {
    this.requireActor();
    const organisation = await this.ctx.em.findOne(Organisation, { siren: siren.trim() });
    if (!organisation) throw badInput('siren', `Aucune organisation n’a le SIREN ${siren}.`);
    return this.grouped({ organisation }, 'family');
  }

  private async grouped(where: object, by: 'organisation' | 'family'): Promise<Array<Group<Correspondent>>> {
    const namings = await this.ctx.em.find(Correspondent, { ...where, staffMember: { active: true } }, { populate: POPULATE });
    return groupNamings(
      namings.map((naming) => {
        const organisation = naming.organisation.getEntity();
        const family = naming.family.getEntity();
        return {
          person: naming,
          personName: naming.staffMember.getEntity().name,
          organisationKey: organisation.id,
          // The agglomeration first, then communes by name, as the public list of buyers.
          organisationOrder: `${organisation.kind === 'AGGLOMERATION' ? 0 : 1} ${organisation.name}`,
          familyKey: family.id,
          familyPosition: family.position,
        };
      }),
      by,
    );
  }

  private requireActor(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    return this.ctx.actor;
  }
}
