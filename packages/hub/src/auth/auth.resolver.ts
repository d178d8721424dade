import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { OrganisationType } from '../organisations/organisation.type.js';
import type { Context } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { StaffMutation, StaffQuery } from '../shared/staff-only.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { SessionType, StaffMemberType } from '../staff/staff-member.type.js';
import { AuthService } from './auth.service.js';
import { organisationLoaders } from '../organisations/organisation.loaders.js';

@Resolver(() => StaffMemberType)
export class AuthResolver {
  @Mutation(() => SessionType, {
    description:
      'Signs a staff member in. Failed attempts make the next ones wait, per e-mail and client address and per e-mail for addresses that never signed in to it (RATE_LIMITED with retryAfter).',
  })
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: Context,
  ): Promise<SessionType> {
    return Object.assign(new SessionType(), await new AuthService(ctx).login(email, password));
  }

  @StaffMutation(() => Boolean, { description: 'Revokes the token of this request.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    return new AuthService(ctx).logout();
  }

  @StaffQuery(() => StaffMemberType, { description: 'The signed-in staff member.' })
  async me(@Ctx() ctx: Context): Promise<StaffMemberType> {
    const member = await ctx.em.findOne(StaffMember, { id: ctx.actor!.staffMemberId });
    if (!member) throw notFound('Le compte de l’agent');
    return StaffMemberType.from(member);
  }

  @FieldResolver(() => OrganisationType)
  async organisation(@Root() member: StaffMemberType, @Ctx() ctx: Context): Promise<OrganisationType> {
    const organisation = await organisationLoaders(ctx).organisation.load(member.organisationId);
    if (!organisation) throw notFound('L’organisation');
    return OrganisationType.from(organisation);
  }
}
