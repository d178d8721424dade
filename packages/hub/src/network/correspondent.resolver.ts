import { Arg, Ctx, ID, Resolver } from 'type-graphql';
import { PurchasingFamilyType } from '../families/purchasing-family.type.js';
import { OrganisationType } from '../organisations/organisation.type.js';
import type { Context } from '../shared/context.js';
import { StaffMutation, StaffQuery } from '../shared/staff-only.js';
import { StaffMemberType } from '../staff/staff-member.type.js';
import { CorrespondentService } from './correspondent.service.js';
import { FamilyCorrespondentsType, OrganisationCorrespondentsType } from './correspondent.type.js';

@Resolver()
export class CorrespondentResolver {
  @StaffQuery(() => [OrganisationCorrespondentsType], {
    description: 'For one purchasing family, who to ask in each organisation: the agglomeration first, then by name.',
  })
  async familyCorrespondents(@Arg('familySlug', () => String) familySlug: string, @Ctx() ctx: Context) {
    const groups = await new CorrespondentService(ctx).byFamily(familySlug);
    return groups.map((group) =>
      Object.assign(new OrganisationCorrespondentsType(), {
        organisation: OrganisationType.from(group.people[0]!.organisation.getEntity()),
        correspondents: group.people.map((naming) => StaffMemberType.from(naming.staffMember.getEntity())),
      }),
    );
  }

  @StaffQuery(() => [FamilyCorrespondentsType], {
    description: 'The correspondents of one organisation, per purchasing family.',
  })
  async organisationCorrespondents(@Arg('siren', () => String) siren: string, @Ctx() ctx: Context) {
    const groups = await new CorrespondentService(ctx).byOrganisation(siren);
    return groups.map((group) =>
      Object.assign(new FamilyCorrespondentsType(), {
        family: PurchasingFamilyType.from(group.people[0]!.family.getEntity()),
        correspondents: group.people.map((naming) => StaffMemberType.from(naming.staffMember.getEntity())),
      }),
    );
  }

  @StaffMutation(() => [PurchasingFamilyType], {
    roles: ['ADMIN', 'BUYER'],
    description: 'Makes a staff member the correspondent of exactly these families for their organisation (empty: none).',
  })
  async setCorrespondentFamilies(
    @Arg('staffMemberId', () => ID) staffMemberId: string,
    @Arg('familySlugs', () => [String]) familySlugs: string[],
    @Ctx() ctx: Context,
  ) {
    const families = await new CorrespondentService(ctx).setFamilies(staffMemberId, familySlugs);
    return families.map((family) => PurchasingFamilyType.from(family));
  }
}
