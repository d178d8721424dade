import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { StaffMemberType } from '../staff/staff-member.type.js';
import type { EnrollmentApproval, EnrollmentStatus } from './enrollment-enums.js';
import type { Enrollment } from './enrollment.entity.js';
import { EnrollmentApprovalEnum, EnrollmentStatusEnum } from './training.graphql-enums.js';

/** Private: who is in which session. Reachable only through staff-only fields. */
@ObjectType('Enrollment', { description: 'A staff member’s place in a training session.' })
export class EnrollmentType {
  /** Internal keys for loaders; not fields. */
  sessionId!: string;
  staffMemberId!: string;

  @Field(() => ID) id!: string;
  @Field(() => EnrollmentStatusEnum) status!: EnrollmentStatus;
  @Field(() => EnrollmentApprovalEnum) approval!: EnrollmentApproval;
  @Field(() => Int, { description: 'Order of the request in its session; the waiting list moves up in this order.' })
  queuePosition!: number;
  @Field(() => Date) requestedAt!: Date;
  @Field(() => Date, { nullable: true }) attendanceRecordedAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Path of the attendance certificate on the hub (GET with the Bearer token), once attended.',
  })
  certificatePath!: string | null;

  static from(enrollment: Enrollment): EnrollmentType {
    return Object.assign(new EnrollmentType(), {
      sessionId: enrollment.session.id,
      staffMemberId: enrollment.staffMember.id,
      id: enrollment.id,
      status: enrollment.status,
      approval: enrollment.approval,
      queuePosition: enrollment.queuePosition,
      requestedAt: enrollment.requestedAt,
      attendanceRecordedAt: enrollment.attendanceRecordedAt,
      certificatePath: enrollment.status === 'ATTENDED' ? certificatePath(enrollment.id) : null,
    });
  }
}

export function certificatePath(enrollmentId: string): string {
  return `/certificates/${enrollmentId}.pdf`;
}

/** Livret de formation: every session a staff member attended. Private. */
@ObjectType('TrainingRecord')
export class TrainingRecordType {
  @Field(() => StaffMemberType) staffMember!: StaffMemberType;
  @Field(() => Int) sessionsAttended!: number;
  @Field(() => Float) totalHours!: number;
  @Field(() => [EnrollmentType], { description: 'Attended sessions, most recent first.' }) entries!: EnrollmentType[];
}
