import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { OrganisationType } from '../organisations/organisation.type.js';
import type { Context } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { StaffMutation, StaffQuery } from '../shared/staff-only.js';
import { publicOrganisationRows } from '../staff-figures/public-organisation-figures.js';
import { StaffMemberType } from '../staff/staff-member.type.js';
import { currentCharter } from './charter-policy.js';
import { adoptionByOrganisation, unsignedByOrganisation } from './charter.queries.js';
import { CharterService } from './charter.service.js';
import { CharterVersionInput } from './charter.inputs.js';
import { CharterSignature } from './charter-signature.entity.js';
import {
  CharterAdoptionType,
  CharterSignatureType,
  EthicsCharterType,
  OrganisationCharterStatusType,
} from './charter.type.js';
import { EthicsCharter } from './ethics-charter.entity.js';

@Resolver(() => EthicsCharterType)
export class CharterResolver {
  @Query(() => EthicsCharterType, { nullable: true, description: 'The current charte de déontologie, or an earlier version.' })
  async ethicsCharter(@Ctx() ctx: Context, @Arg('version', () => Int, { nullable: true }) version?: number): Promise<EthicsCharterType | null> {
    const charter = version == null ? await currentCharter(ctx.em) : await ctx.em.findOne(EthicsCharter, { version });
    return charter ? EthicsCharterType.from(charter) : null;
  }

  @Query(() => CharterAdoptionType, {
    nullable: true,
    description: 'Share of staff who signed the current charter: counts only, withheld where they would describe one or two people; null before any charter.',
  })
  async charterAdoption(@Ctx() ctx: Context): Promise<CharterAdoptionType | null> {
    const charter = await currentCharter(ctx.em);
    if (!charter) return null;
    const rows = await adoptionByOrganisation(ctx.em, charter);
    return CharterAdoptionType.from(charter.version, await publicOrganisationRows(ctx, rows));
  }

  @StaffQuery(() => CharterSignatureType, { nullable: true, description: 'The signed-in staff member’s signature of the current version, if any.' })
  async myCharterSignature(@Ctx() ctx: Context): Promise<CharterSignatureType | null> {
    const charter = await currentCharter(ctx.em);
    if (!charter) return null;
    const signature = await ctx.em.findOne(CharterSignature, { charter, staffMember: ctx.actor!.staffMemberId });
    return signature ? CharterSignatureType.from(signature, charter.version) : null;
  }

  @StaffQuery(() => [OrganisationCharterStatusType], {
    roles: ['ADMIN'],
    description: 'Who has not signed the current charter, per organisation (one organisation with organisationSiren).',
  })
  async charterSignatureStatus(
    @Ctx() ctx: Context,
    @Arg('organisationSiren', () => String, { nullable: true }) organisationSiren?: string,
  ): Promise<OrganisationCharterStatusType[]> {
    const charter = await currentCharter(ctx.em);
    if (!charter) throw notFound('La charte de déontologie');
    const groups = await unsignedByOrganisation(ctx.em, charter, organisationSiren);
    return groups.map((group) =>
      Object.assign(new OrganisationCharterStatusType(), {
        organisation: OrganisationType.from(group.organisation),
        headcount: group.headcount,
        signedCount: group.headcount - group.unsigned.length,
        unsigned: group.unsigned.map((member) => StaffMemberType.from(member)),
      }),
    );
  }

  @StaffMutation(() => EthicsCharterType, { roles: ['ADMIN'], description: 'Publishes a new version; every staff member must sign it again.' })
  async publishCharterVersion(@Arg('input', () => CharterVersionInput) input: CharterVersionInput, @Ctx() ctx: Context) {
    return EthicsCharterType.from(await new CharterService(ctx).publishVersion(input));
  }

  @StaffMutation(() => CharterSignatureType, { description: 'Signs the current version (give the version you read); signing twice changes nothing.' })
  async signCharter(@Arg('version', () => Int) version: number, @Ctx() ctx: Context) {
    return CharterSignatureType.from(await new CharterService(ctx).sign(version), version);
  }
}
