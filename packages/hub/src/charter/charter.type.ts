import { Field, Float, Int, ObjectType } from 'type-graphql';
import { OrganisationType } from '../organisations/organisation.type.js';
import { StaffMemberType } from '../staff/staff-member.type.js';
import type { CharterSignature } from './charter-signature.entity.js';
import type { EthicsCharter } from './ethics-charter.entity.js';

const share = (count: number, of: number) => (of === 0 ? 0 : count / of);

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

@ObjectType('OrganisationCharterAdoption', { description: 'Counts for one organisation; never who.' })
export class OrganisationCharterAdoptionType {
  @Field(() => OrganisationType) organisation!: OrganisationType;
  @Field(() => Int, { description: 'Active staff accounts of the organisation.' }) headcount!: number;
  @Field(() => Int, { description: 'Of them, how many signed the current version.' }) signedCount!: number;
  @Field(() => Float, { description: 'signedCount / headcount, from 0 to 1.' }) signedShare!: number;

  static from(row: { headcount: number; signedCount: number }, organisation: OrganisationType) {
    return Object.assign(new OrganisationCharterAdoptionType(), { ...row, organisation, signedShare: share(row.signedCount, row.headcount) });
  }
}

@ObjectType('CharterAdoption', { description: 'How many staff signed the current charter: aggregates only.' })
export class CharterAdoptionType {
  @Field(() => Int) version!: number;
  @Field(() => Int, { description: 'Active staff accounts of the territory.' }) headcount!: number;
  @Field(() => Int) signedCount!: number;
  @Field(() => Float, { description: 'signedCount / headcount, from 0 to 1.' }) signedShare!: number;
  @Field(() => [OrganisationCharterAdoptionType], { description: 'Organisations that have staff accounts.' })
  organisations!: OrganisationCharterAdoptionType[];

  static from(version: number, organisations: OrganisationCharterAdoptionType[]): CharterAdoptionType {
    const headcount = organisations.reduce((sum, row) => sum + row.headcount, 0);
    const signedCount = organisations.reduce((sum, row) => sum + row.signedCount, 0);
    return Object.assign(new CharterAdoptionType(), { version, headcount, signedCount, signedShare: share(signedCount, headcount), organisations });
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
