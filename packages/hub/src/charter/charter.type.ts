import { Field, Float, Int, ObjectType } from 'type-graphql';
import { OrganisationType } from '../organisations/organisation.type.js';
import type { PublicOrganisationRow } from '../staff-figures/public-organisation-figures.js';
import { disclosedFigures, discloseStaffFigures, type WithheldReason } from '../staff-figures/staff-figures-disclosure.js';
import { StaffFiguresWithheldReasonEnum, WITHHELD_NOTE } from '../staff-figures/staff-figures.graphql-enums.js';
import { StaffMemberType } from '../staff/staff-member.type.js';
import type { CharterSignature } from './charter-signature.entity.js';
import type { EthicsCharter } from './ethics-charter.entity.js';

@ObjectType('EthicsCharter', { description: 'A version of the charte de déontologie: public.' })
export class EthicsCharterType {
  @Field(() => Int) version!: number;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'Markdown.' }) text!: string;
  @Field(() => Date) publishedAt!: Date;

  static from(charter: EthicsCharter): EthicsCharterType {
    return Object.assign(new EthicsCharterType(), {
      version: charter.version,
      title: charter.title,
      text: charter.text,
      publishedAt: charter.publishedAt,
    });
  }
}

@ObjectType('OrganisationCharterAdoption', { description: 'Counts for one organisation; never who, and none that would describe one or two people.' })
export class OrganisationCharterAdoptionType {
  @Field(() => OrganisationType) organisation!: OrganisationType;
  @Field(() => StaffFiguresWithheldReasonEnum, { nullable: true, description: 'Why headcount, signedCount and signedShare are null; null when they are published.' })
  withheld!: WithheldReason | null;
  @Field(() => Int, { nullable: true, description: `Active staff accounts of the organisation. ${WITHHELD_NOTE}` }) headcount!: number | null;
  @Field(() => Int, { nullable: true, description: `Of them, how many signed the current version. ${WITHHELD_NOTE}` }) signedCount!: number | null;
  @Field(() => Float, { nullable: true, description: `signedCount / headcount, from 0 to 1. ${WITHHELD_NOTE}` }) signedShare!: number | null;

  static from(row: { headcount: number; signedCount: number }, organisation: OrganisationType, withheld: WithheldReason | null) {
    const figures = disclosedFigures({ headcount: row.headcount, count: row.signedCount }, withheld);
    return Object.assign(new OrganisationCharterAdoptionType(), {
      organisation,
      withheld: figures.withheld,
      headcount: figures.headcount,
      signedCount: figures.count,
      signedShare: figures.share,
    });
  }
}

@ObjectType('CharterAdoption', { description: 'How many staff signed the current charter: aggregates only.' })
export class CharterAdoptionType {
  @Field(() => Int) version!: number;
  @Field(() => StaffFiguresWithheldReasonEnum, {
    nullable: true,
    description: 'Why the territory’s headcount, signedCount and signedShare are null; null when they are published.',
  })
  withheld!: WithheldReason | null;
  @Field(() => Int, { nullable: true, description: `Active staff accounts of the territory. ${WITHHELD_NOTE}` }) headcount!: number | null;
  @Field(() => Int, { nullable: true, description: `Of them, how many signed the current version. ${WITHHELD_NOTE}` }) signedCount!: number | null;
  @Field(() => Float, { nullable: true, description: `signedCount / headcount, from 0 to 1. ${WITHHELD_NOTE}` }) signedShare!: number | null;
  @Field(() => [OrganisationCharterAdoptionType], {
    description: 'Organisations that have active staff accounts, by kind then name; each with its figures or why they are withheld.',
  })
  organisations!: OrganisationCharterAdoptionType[];

  /**
   * The public view of the adoption: `organisations` in the public order, with their exact counts (which make the
   * territory's total); what would describe someone is withheld here, on every row and the total together.
   */
  static from(version: number, organisations: ReadonlyArray<PublicOrganisationRow<{ headcount: number; signedCount: number }>>): CharterAdoptionType {
    const headcount = organisations.reduce((sum, { row }) => sum + row.headcount, 0);
    const signedCount = organisations.reduce((sum, { row }) => sum + row.signedCount, 0);
    const disclosure = discloseStaffFigures(
      organisations.map(({ row }) => ({ headcount: row.headcount, count: row.signedCount })),
    );
    const total = disclosedFigures({ headcount, count: signedCount }, disclosure.total);
    return Object.assign(new CharterAdoptionType(), {
      version,
      withheld: total.withheld,
      headcount: total.headcount,
      signedCount: total.count,
      signedShare: total.share,
      organisations: organisations.map(({ row, organisation }, index) => OrganisationCharterAdoptionType.from(row, organisation, disclosure.rows[index] ?? null)),
    });
  }
}

/** Private: who signed which version, when. */
@ObjectType('CharterSignature')
export class CharterSignatureType {
  @Field(() => Int) version!: number;
  @Field(() => Date) signedAt!: Date;

  static from(signature: CharterSignature, version: number): CharterSignatureType {
    return Object.assign(new CharterSignatureType(), { version, signedAt: signature.signedAt });
  }
}

/** Private: the staff of one organisation who still have to sign. */
@ObjectType('OrganisationCharterStatus')
export class OrganisationCharterStatusType {
  @Field(() => OrganisationType) organisation!: OrganisationType;
  @Field(() => Int) headcount!: number;
  @Field(() => Int) signedCount!: number;
  @Field(() => [StaffMemberType], { description: 'Active staff who have not signed the current version, by name.' })
  unsigned!: StaffMemberType[];
}
