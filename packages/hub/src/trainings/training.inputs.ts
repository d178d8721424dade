import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { ProviderKind, TrainingTopic } from './training-topics.js';
import { ProviderKindEnum, TrainingTopicEnum } from './training.graphql-enums.js';

@InputType()
export class TrainingInput {
  @Field(() => String) title!: string;
  @Field(() => TrainingTopicEnum) topic!: TrainingTopic;
  @Field(() => String) description!: string;
  @Field(() => ProviderKindEnum) providerKind!: ProviderKind;
  @Field(() => String, { description: 'E.g. « CNFPT » or « Direction de la commande publique ».' }) providerName!: string;
  @Field(() => Float, { description: 'Hours of one session, as printed on the certificate.' }) durationHours!: number;
}

@InputType()
export class TrainingUpdateInput {
  @Field(() => String, { nullable: true }) title?: string;
  @Field(() => TrainingTopicEnum, { nullable: true }) topic?: TrainingTopic;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => ProviderKindEnum, { nullable: true }) providerKind?: ProviderKind;
  @Field(() => String, { nullable: true }) providerName?: string;
  @Field(() => Float, { nullable: true }) durationHours?: number;
  @Field(() => Boolean, { nullable: true, description: 'false archives the training: it leaves the public catalogue.' })
  active?: boolean;
}

@InputType()
export class TrainingSessionInput {
  @Field(() => String) trainingSlug!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => String, { nullable: true, description: 'Address or room; a session needs a place, a remote link or both.' })
  place?: string | null;
  @Field(() => String, { nullable: true, description: 'Video-conference link, shown to staff only.' }) remoteUrl?: string | null;
  @Field(() => Int) capacity!: number;
  @Field(() => ID, { nullable: true, description: 'A staff member with the TRAINER role, who records attendance.' })
  trainerId?: string | null;
}

@InputType()
export class TrainingSessionUpdateInput {
  @Field(() => Date, { nullable: true }) startsAt?: Date;
  @Field(() => Date, { nullable: true }) endsAt?: Date;
  @Field(() => String, { nullable: true }) place?: string | null;
  @Field(() => String, { nullable: true }) remoteUrl?: string | null;
  @Field(() => Int, { nullable: true, description: 'More seats promote the waiting list; fewer than taken is refused.' })
  capacity?: number;
  @Field(() => ID, { nullable: true }) trainerId?: string | null;
}
