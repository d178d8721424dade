import { Entity, Enum, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import {
  ENROLLMENT_APPROVALS,
  ENROLLMENT_STATUSES,
  type EnrollmentApproval,
  type EnrollmentStatus,
} from './enrollment-enums.js';
import { TrainingSession } from './training-session.entity.js';

/** A staff member in a session; one row per pair, reused when someone enrols again after cancelling. Private. */
@Entity({ tableName: 'enrollment' })
@Unique({ properties: ['session', 'staffMember'] })
@Unique({ properties: ['session', 'queuePosition'] })
export class Enrollment extends BaseEntity {
  @ManyToOne(() => TrainingSession, { ref: true })
  session!: Ref<TrainingSession>;

  @ManyToOne(() => StaffMember, { ref: true })
  staffMember!: Ref<StaffMember>;

  @Enum({ items: () => ENROLLMENT_STATUSES, type: 'string' })
  status!: EnrollmentStatus;

  @Enum({ items: () => ENROLLMENT_APPROVALS, type: 'string' })
  approval!: EnrollmentApproval;

  /** Order of the requests in the session, given under the session's lock: the waiting list is promoted by it. */
  @Property({ type: 'integer' })
  queuePosition!: number;

  @Property({ type: 'datetime' })
  requestedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  attendanceRecordedAt: Date | null = null;
}
