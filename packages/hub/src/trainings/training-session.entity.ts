import { Entity, Enum, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { SESSION_STATUSES, type SessionStatus } from './training-topics.js';
import { Training } from './training.entity.js';

@Entity({ tableName: 'training_session' })
@Index({ properties: ['startsAt'] })
export class TrainingSession extends BaseEntity {
  @ManyToOne(() => Training, { ref: true })
  training!: Ref<Training>;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  endsAt!: Date;

  /** Where it happens; a session has a place, a remote link, or both. */
  @Property({ type: 'string', length: 300, nullable: true })
  place: string | null = null;

  /** The video-conference link: staff only, a public link would invite anyone. */
  @Property({ type: 'string', length: 500, nullable: true })
  remoteUrl: string | null = null;

  @Property({ type: 'integer' })
  capacity!: number;

  /** The staff member (role TRAINER) who records attendance; null for an external trainer, when admins record it. */
  @ManyToOne(() => StaffMember, { ref: true, nullable: true })
  trainer: Ref<StaffMember> | null = null;

  @Enum({ items: () => SESSION_STATUSES, type: 'string' })
  status: Opt<SessionStatus> = 'SCHEDULED';

  @Property({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  cancellationReason: string | null = null;

  /**
   * Bumped first in every transaction that moves seats: the write takes the database's write lock (SQLite) or this
   * row's lock (PostgreSQL) before the seats are counted, so two enrolments never count the same free seat.
   */
  @Property({ type: 'integer' })
  seatVersion: Opt<number> = 0;
}
