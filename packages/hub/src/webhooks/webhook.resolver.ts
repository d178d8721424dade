import { Arg, Ctx, ID, Int, Resolver } from 'type-graphql';
import { DOMAIN_EVENT_TYPES } from '../events/domain-events.js';
import type { Context } from '../shared/context.js';
import { pageRequest, toConnection, type Connection } from '../shared/pagination.js';
import { StaffMutation, StaffQuery } from '../shared/staff-only.js';
import type { DeliveryStatus } from './webhook-enums.js';
import { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhook.inputs.js';
import { WebhookDeliveryService, type DeliveryWithAttempts } from './webhook-delivery.service.js';
import { WebhookEndpointService } from './webhook-endpoint.service.js';
import {
  WebhookDeliveryConnection,
  WebhookDeliveryStatusEnum,
  WebhookDeliveryType,
  WebhookEndpointType,
  WebhookEndpointWithSecretType,
} from './webhook.type.js';

const MAX_DELIVERIES_PAGE = 100;
const ADMIN = { roles: ['ADMIN' as const] };
const deliveryView = ({ delivery, attempts }: DeliveryWithAttempts) => WebhookDeliveryType.from(delivery, attempts);

@Resolver()
export class WebhookResolver {
  @StaffQuery(() => [WebhookEndpointType], { ...ADMIN, description: 'Every webhook endpoint, oldest first.' })
  async webhookEndpoints(@Ctx() ctx: Context): Promise<WebhookEndpointType[]> {
    const endpoints = await new WebhookEndpointService(ctx).list();
    return endpoints.map((endpoint) => WebhookEndpointType.from(endpoint));
  }

  @StaffQuery(() => [String], { ...ADMIN, description: 'The event types an endpoint may subscribe to.' })
  webhookEventTypes(): string[] {
    return [...DOMAIN_EVENT_TYPES];
  }

  @StaffQuery(() => WebhookDeliveryConnection, {
    ...ADMIN,
    description: 'Deliveries, newest first, with their attempts; at most 100 a page.',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * Math.min(Number(args.first ?? 20), MAX_DELIVERIES_PAGE),
  })
  async webhookDeliveries(
    @Ctx() ctx: Context,
    @Arg('endpointId', () => ID, { nullable: true }) endpointId?: string,
    @Arg('status', () => WebhookDeliveryStatusEnum, { nullable: true }) status?: DeliveryStatus,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<WebhookDeliveryType>> {
    const page = pageRequest(first, after, MAX_DELIVERIES_PAGE);
    const [deliveries, total] = await new WebhookDeliveryService(ctx).list({ endpointId, status }, page);
    return toConnection(deliveries.map(deliveryView), page, total);
  }

  @StaffMutation(() => WebhookEndpointWithSecretType, {
    ...ADMIN,
    description: 'Adds a receiver of the hub’s events; the answer holds its signing secret, which is never shown again.',
  })
  async createWebhookEndpoint(@Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput, @Ctx() ctx: Context) {
    return WebhookEndpointWithSecretType.from(await new WebhookEndpointService(ctx).create(input));
  }

  @StaffMutation(() => WebhookEndpointType, { ...ADMIN, description: 'Changes an endpoint’s URL, event types, description, or pauses / resumes it.' })
  async updateWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() ctx: Context,
  ) {
    return WebhookEndpointType.from(await new WebhookEndpointService(ctx).update(id, input));
  }

  @StaffMutation(() => WebhookEndpointWithSecretType, {
    ...ADMIN,
    description: 'Replaces the signing secret (shown this once); deliveries carry both signatures for 24 h meanwhile.',
  })
  async rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return WebhookEndpointWithSecretType.from(await new WebhookEndpointService(ctx).rotateSecret(id));
  }

  @StaffMutation(() => Boolean, { ...ADMIN, description: 'Removes an endpoint with its deliveries.' })
  async deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return new WebhookEndpointService(ctx).delete(id);
  }

  @StaffMutation(() => WebhookDeliveryType, {
    ...ADMIN,
    description: 'Sends a delivery again, with the same webhook-id; a finished one starts a new round of retries.',
  })
  async redeliverWebhook(@Arg('deliveryId', () => ID) deliveryId: string, @Ctx() ctx: Context) {
    return deliveryView(await new WebhookDeliveryService(ctx).redeliver(deliveryId));
  }
}
