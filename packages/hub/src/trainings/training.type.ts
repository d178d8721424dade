import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { TRAINING_TOPIC_LABELS, type ProviderKind, type SessionStatus, type TrainingTopic } from './training-topics.js';
import { ProviderKindEnum, SessionStatusEnum, TrainingTopicEnum } from './training.graphql-enums.js';
import type { TrainingSession } from './training-session.entity.js';
import type { Training } from './training.entity.js';

@ObjectType('Training', { description: 'A training of the catalogue (formation): public.' })
export class TrainingType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Stable identifier for links, e.g. analyse-des-offres.' }) slug!: string;
  @Field(() => String) title!: string;
  @Field(() => TrainingTopicEnum) topic!: TrainingTopic;
  @Field(() => String, { description: 'French name of the topic, e.g. « Achats durables ».' }) topicLabel!: string;
  @Field(() => String) description!: string;
  @Field(() => ProviderKindEnum) providerKind!: ProviderKind;
  @Field(() => String, { description: 'E.g. « CNFPT » or « Direction de la commande publique ».' }) providerName!: string;
  @Field(() => Float, { description: 'Hours of one session.' }) durationHours!: number;
  @Field(() => Boolean, { description: 'false once archived: no longer offered.' }) active!: boolean;

  static from(training: Training): TrainingType {
    return Object.assign(new TrainingType(), {
      id: training.id,
      slug: training.slug,
      title: training.title,
      topic: training.topic,
      topicLabel: TRAINING_TOPIC_LABELS[training.topic],
      description: training.description,
      providerKind: training.providerKind,
      providerName: training.providerName,
      durationHours: training.durationHours,
      active: training.active,
    });
  }
}

/** Public: when, where and how many seats; never who enrolled, nor the remote link or the trainer. */
@ObjectType('TrainingSession', { description: 'A dated session of a training.' })
export class TrainingSessionType {
  /** Internal keys for loaders; not fields. */
  trainingId!: string;
  trainerId!: string | null;

  @Field(() => ID) id!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => String, { nullable: true, description: 'Address or room.' }) place!: string | null;
  @Field(() => Boolean, { description: 'Held (also) by video conference; the link is sent to enrolled staff.' }) isRemote!: boolean;
  @Field(() => Int) capacity!: number;
  @Field(() => SessionStatusEnum) status!: SessionStatus;
  @Field(() => String, { nullable: true }) cancellationReason!: string | null;

  /** Staff only: read through `remoteUrl` on `Enrollment`. */
  remoteUrl!: string | null;

  static from(session: TrainingSession): TrainingSessionType {
    return Object.assign(new TrainingSessionType(), {
      trainingId: session.training.id,
      trainerId: session.trainer?.id ?? null,
      id: session.id,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      place: session.place,
      isRemote: session.remoteUrl !== null,
      remoteUrl: session.remoteUrl,
      capacity: session.capacity,
      status: session.status,
      cancellationReason: session.cancellationReason,
    });
  }
}
