import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { AppError, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import type { PageRequest } from '../shared/pagination.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import type { DeliveryStatus } from './webhook-enums.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock; config: HubConfig };

export interface DeliveryWithAttempts {
  delivery: WebhookDelivery;
  attempts: WebhookAttempt[];
}

/** What admins see of the deliveries, and the one thing they do to them: send one again. */
export class WebhookDeliveryService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Newest first, each with its attempts (one query for the page's attempts, whatever its size). */
  async list(filter: { endpointId?: string | null; status?: DeliveryStatus | null }, page: PageRequest): Promise<[DeliveryWithAttempts[], number]> {
    this.requireAdmin();
    const where = {
      ...(filter.endpointId ? { endpoint: filter.endpointId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    };
    const [deliveries, total] = await this.ctx.em.findAndCount(WebhookDelivery, where, {
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      offset: page.offset,
      limit: page.limit,
      populate: ['event', 'endpoint'],
    });
    const attempts = deliveries.length
      ? await this.ctx.em.find(WebhookAttempt, { delivery: { $in: deliveries.map((delivery) => delivery.id) } }, { orderBy: [{ at: 'asc' }, { createdAt: 'asc' }] })
      : [];
    const byDelivery = new Map<string, WebhookAttempt[]>();
    for (const attempt of attempts) byDelivery.set(attempt.delivery.id, [...(byDelivery.get(attempt.delivery.id) ?? []), attempt]);
    return [deliveries.map((delivery) => ({ delivery, attempts: byDelivery.get(delivery.id) ?? [] })), total];
  }

  /**
   * Sends a delivery again with the same webhook-id (a receiver that already acted on it answers "duplicate"). A
   * finished delivery starts a new round of retries; a pending one is simply due now.
   */
  async redeliver(deliveryId: string): Promise<DeliveryWithAttempts> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const delivery = await em.findOne(WebhookDelivery, { id: deliveryId }, { populate: ['event', 'endpoint'] });
      if (!delivery) throw notFound('L’envoi de webhook');
      const endpoint = delivery.endpoint.getEntity();
      if (!endpoint.active) {
        throw new AppError('INVALID_TRANSITION', 'Le point de réception est désactivé : réactivez-le d’abord.', { field: 'deliveryId', status: delivery.status });
      }
      const now = this.ctx.clock.now();
      if (delivery.status !== 'PENDING') {
        delivery.status = 'PENDING';
        delivery.roundAttempts = 0;
        delivery.roundStartedAt = now;
        delivery.deliveredAt = null;
      }
      delivery.nextAttemptAt = now;
      recordAudit(em, actor, 'redeliverWebhook', { entityType: 'WebhookDelivery', entityId: delivery.id }, { endpointId: endpoint.id });
      const attempts = await em.find(WebhookAttempt, { delivery: delivery.id }, { orderBy: [{ at: 'asc' }, { createdAt: 'asc' }] });
      return { delivery, attempts };
    });
  }

  private requireAdmin(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    if (this.ctx.actor.role !== 'ADMIN') throw forbidden('Seuls les administrateurs gèrent les webhooks.');
    return this.ctx.actor;
  }
}
