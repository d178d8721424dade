import { Field, ObjectType } from 'type-graphql';
import { PurchasingFamilyType } from '../families/purchasing-family.type.js';
import { OrganisationType } from '../organisations/organisation.type.js';
import { StaffMemberType } from '../staff/staff-member.type.js';

/** Personal data (names, emails): reachable only through staff-only fields. */
@ObjectType('OrganisationCorrespondents', { description: 'Who to ask in one organisation, for one purchasing family.' })
export class OrganisationCorrespondentsType {
  @Field(() => OrganisationType) organisation!: OrganisationType;
  @Field(() => [StaffMemberType]) correspondents!: StaffMemberType[];
}

/** Personal data (names, emails): reachable only through staff-only fields. */
@ObjectType('FamilyCorrespondents', { description: 'The correspondents of one organisation for one purchasing family.' })
export class FamilyCorrespondentsType {
  @Field(() => PurchasingFamilyType) family!: PurchasingFamilyType;
  @Field(() => [StaffMemberType]) correspondents!: StaffMemberType[];
}
