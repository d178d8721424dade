import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => String, { description: 'https:// (http:// only on this machine in production).' }) url!: string;
  @Field(() => [String], { nullable: true, description: 'Domain event types to receive; empty or absent means all.' })
  eventTypes?: string[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [String], { nullable: true, description: 'Empty means all.' }) eventTypes?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'false pauses the endpoint; true resumes it and clears disabledReason.' })
  active?: boolean | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}
