import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../shared/pagination.js';
import type { WebhookAttempt } from './webhook-attempt.entity.js';
import type { WebhookDelivery } from './webhook-delivery.entity.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from './webhook-enums.js';
import { graphqlEnum } from '../shared/graphql-enums.js';

export const WebhookDeliveryStatusEnum = graphqlEnum(DELIVERY_STATUSES, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: not delivered yet (due, waiting for a retry, or behind older deliveries of its endpoint).',
});

@ObjectType('WebhookEndpoint', { description: 'A receiver of the hub’s events. Its signing secret is shown once, never here.' })
export class WebhookEndpointType {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => [String], { description: 'Event types delivered; empty means every type.' }) eventTypes!: string[];
  @Field(() => Boolean) active!: boolean;
  @Field(() => String) description!: string;
  @Field(() => String, { nullable: true, description: 'Why the endpoint stopped receiving (410 Gone, or an admin).' })
  disabledReason!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;

  static from(endpoint: WebhookEndpoint): WebhookEndpointType {
    return Object.assign(new WebhookEndpointType(), {
      id: endpoint.id,
      url: endpoint.url,
      eventTypes: [...endpoint.eventTypes],
      active: endpoint.active,
      description: endpoint.description,
      disabledReason: endpoint.disabledReason,
      createdAt: endpoint.createdAt,
      updatedAt: endpoint.updatedAt,
    });
  }
}

@ObjectType('WebhookEndpointWithSecret', { description: 'Returned only by creation and rotation: store the secret now.' })
export class WebhookEndpointWithSecretType {
  @Field(() => WebhookEndpointType) endpoint!: WebhookEndpointType;
  @Field(() => String, { description: 'The whsec_ signing secret, shown this once.' }) secret!: string;

  static from(endpoint: WebhookEndpoint): WebhookEndpointWithSecretType {
    return Object.assign(new WebhookEndpointWithSecretType(), { endpoint: WebhookEndpointType.from(endpoint), secret: endpoint.secret });
  }
}

@ObjectType('WebhookAttempt', { description: 'One HTTP request of a delivery.' })
export class WebhookAttemptType {
  @Field(() => Date) at!: Date;
  @Field(() => Int, { nullable: true, description: 'Null when no answer came.' }) httpStatus!: number | null;
  @Field(() => String, { nullable: true, description: 'Network error or timeout.' }) error!: string | null;
  @Field(() => Int) durationMs!: number;
  @Field(() => String, { nullable: true, description: 'The beginning of the answer’s body.' }) responseExcerpt!: string | null;

  static from(attempt: WebhookAttempt): WebhookAttemptType {
    return Object.assign(new WebhookAttemptType(), {
      at: attempt.at,
      httpStatus: attempt.httpStatus,
      error: attempt.error,
      durationMs: attempt.durationMs,
      responseExcerpt: attempt.responseExcerpt,
    });
  }
}

@ObjectType('WebhookDelivery', { description: 'One event for one endpoint.' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'Also the webhook-id header, the same on every attempt.' }) id!: string;
  @Field(() => ID) endpointId!: string;
  @Field(() => String) endpointUrl!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => String) eventType!: string;
  @Field(() => Date) eventOccurredAt!: Date;
  @Field(() => WebhookDeliveryStatusEnum) status!: DeliveryStatus;
  @Field(() => Int, { description: 'Attempts made, over every round.' }) attemptCount!: number;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while PENDING.' }) nextAttemptAt!: Date | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => [WebhookAttemptType], { description: 'Oldest first.' }) attempts!: WebhookAttemptType[];

  static from(delivery: WebhookDelivery, attempts: WebhookAttempt[]): WebhookDeliveryType {
    const event = delivery.event.getEntity();
    const endpoint = delivery.endpoint.getEntity();
    return Object.assign(new WebhookDeliveryType(), {
      id: delivery.id,
      endpointId: endpoint.id,
      endpointUrl: endpoint.url,
      eventId: event.id,
      eventType: delivery.eventType,
      eventOccurredAt: event.occurredAt,
      status: delivery.status,
      attemptCount: delivery.attempts,
      nextAttemptAt: delivery.nextAttemptAt,
      lastError: delivery.lastError,
      createdAt: delivery.createdAt,
      deliveredAt: delivery.deliveredAt,
      attempts: attempts.map((attempt) => WebhookAttemptType.from(attempt)),
    });
  }
}

export const WebhookDeliveryConnection = ConnectionType('WebhookDelivery', WebhookDeliveryType);
