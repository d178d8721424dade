import { Field, ID, ObjectType } from 'type-graphql';
import { StaffRoleEnum } from './staff.graphql-enums.js';
import type { StaffRole } from '../shared/actor.js';
import type { StaffMember } from './staff-member.entity.js';

/** Personal data: reachable only through staff-only fields. */
@ObjectType('StaffMember')
export class StaffMemberType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => StaffRoleEnum) role!: StaffRole;
  @Field(() => Boolean) active!: boolean;
  organisationId!: string;

  static from(member: StaffMember): StaffMemberType {
    return Object.assign(new StaffMemberType(), {
      id: member.id,
      email: member.email,
      name: member.name,
      role: member.role,
      active: member.active,
      organisationId: member.organisation.id,
    });
  }
}

@ObjectType('Session', { description: 'A bearer token, shown once; `me` tells who it belongs to.' })
export class SessionType {
  @Field(() => String, { description: 'Send it as `Authorization: Bearer <token>`.' }) token!: string;
  @Field(() => Date) expiresAt!: Date;
}
