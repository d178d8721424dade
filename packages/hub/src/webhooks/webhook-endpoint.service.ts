import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { DOMAIN_EVENT_TYPES } from '../events/domain-events.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { InputProblems, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { checkEndpointUrl } from './endpoint-url.js';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhook.inputs.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { generateWebhookSecret, secretProblem } from './webhook-secret.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock; config: HubConfig };

/** After a rotation the old secret still signs for this long, so the receiver can switch without missing anything. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;
const MAX_DESCRIPTION_LENGTH = 500;
const KNOWN_TYPES: ReadonlySet<string> = new Set(DOMAIN_EVENT_TYPES);

/** Admins manage the receivers of the hub's events; the CLI subscribes one with a known secret. */
export class WebhookEndpointService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(): Promise<WebhookEndpoint[]> {
    this.requireAdmin();
    return this.ctx.em.find(WebhookEndpoint, {}, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  async create(input: CreateWebhookEndpointInput): Promise<WebhookEndpoint> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const problems = new InputProblems();
      const url = await problems.checkAsync(async () => this.assertUrlFree(em, this.url(input.url)));
      const types = problems.check(() => eventTypes(input.eventTypes ?? []));
      const text = problems.check(() => description(input.description ?? ''));
      problems.throwIfAny();
      const endpoint = em.create(WebhookEndpoint, { url: url!, eventTypes: types!, description: text!, secret: generateWebhookSecret() });
      recordAudit(em, actor, 'createWebhookEndpoint', entityOf(endpoint), { url, eventTypes: endpoint.eventTypes });
      return endpoint;
    });
  }

  async update(id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const endpoint = await this.load(em, id);
      const problems = new InputProblems();
      const url =
        input.url == null
          ? undefined
          : await problems.checkAsync(async () => {
              const url = this.url(input.url!);
              return url === endpoint.url ? url : this.assertUrlFree(em, url);
            });
      const types = input.eventTypes == null ? undefined : problems.check(() => eventTypes(input.eventTypes!));
      const text = input.description == null ? undefined : problems.check(() => description(input.description!));
      problems.throwIfAny();
      if (url !== undefined) endpoint.url = url;
      if (types !== undefined) endpoint.eventTypes = types;
      if (text !== undefined) endpoint.description = text;
      if (input.active === true) {
        endpoint.active = true;
        endpoint.disabledReason = null;
      } else if (input.active === false && endpoint.active) {
        endpoint.active = false;
        endpoint.disabledReason = `Paused by an administrator at ${this.ctx.clock.now().toISOString()}`;
      }
      const fields = Object.entries(input).filter(([, value]) => value !== undefined && value !== null).map(([field]) => field);
      recordAudit(em, actor, 'updateWebhookEndpoint', entityOf(endpoint), { fields });
      return endpoint;
    });
  }

  async rotateSecret(id: string): Promise<WebhookEndpoint> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const endpoint = await this.load(em, id);
      endpoint.previousSecret = endpoint.secret;
      endpoint.previousSecretExpiresAt = new Date(this.ctx.clock.now().getTime() + ROTATION_GRACE_MS);
      endpoint.secret = generateWebhookSecret();
      recordAudit(em, actor, 'rotateWebhookSecret', entityOf(endpoint), { previousSecretExpiresAt: endpoint.previousSecretExpiresAt.toISOString() });
      return endpoint;
    });
  }

  /** Removes the endpoint with its deliveries and their attempts (the database cascades). */
  async delete(id: string): Promise<boolean> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const endpoint = await this.load(em, id);
      recordAudit(em, actor, 'deleteWebhookEndpoint', entityOf(endpoint), { url: endpoint.url });
      em.remove(endpoint);
      return true;
    });
  }

  /**
   * For the CLI (`pnpm hub webhook subscribe`): creates the endpoint of this URL or updates it, with the secret the
   * receiver already has, active, for these event types. Running it twice changes nothing the second time.
   */
  async subscribe(input: { url: string; secret: string; eventTypes: string[] }): Promise<{ endpoint: WebhookEndpoint; created: boolean }> {
    return this.ctx.em.transactional(async (em) => {
      const url = this.url(input.url);
      const problem = secretProblem(input.secret);
      if (problem) throw badInput('secret', problem);
      const types = eventTypes(input.eventTypes);
      const existing = await em.findOne(WebhookEndpoint, { url });
      const endpoint = existing ?? em.create(WebhookEndpoint, { url, secret: input.secret, description: 'Subscribed from the command line' });
      if (existing && existing.secret !== input.secret) {
        existing.secret = input.secret;
        existing.previousSecret = null;
        existing.previousSecretExpiresAt = null;
      }
      endpoint.eventTypes = types;
      endpoint.active = true;
      endpoint.disabledReason = null;
      recordAudit(em, null, existing ? 'subscribeWebhookEndpoint.update' : 'subscribeWebhookEndpoint.create', entityOf(endpoint), { url, eventTypes: types });
      return { endpoint, created: !existing };
    });
  }

  private url(input: string): string {
    const check = checkEndpointUrl(input, this.ctx.config.env);
    if (!check.ok) throw badInput('url', check.message, input.trim() === '' ? 'MISSING' : 'INVALID');
    return check.url;
  }

  /** The URL, when no other endpoint has it. */
  private async assertUrlFree(em: EntityManager, url: string): Promise<string> {
    if (await em.count(WebhookEndpoint, { url })) throw badInput('url', 'Un autre point de réception a déjà cette adresse.');
    return url;
  }

  private async load(em: EntityManager, id: string): Promise<WebhookEndpoint> {
    const endpoint = await em.findOne(WebhookEndpoint, { id });
    if (!endpoint) throw notFound('Le point de réception de webhooks');
    return endpoint;
  }

  private requireAdmin(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    if (this.ctx.actor.role !== 'ADMIN') throw forbidden('Seuls les administrateurs gèrent les webhooks.');
    return this.ctx.actor;
  }
}

function eventTypes(input: readonly string[]): string[] {
  const types = [...new Set(input.map((type) => type.trim()))];
  const unknown = types.filter((type) => !KNOWN_TYPES.has(type));
  if (unknown.length) throw badInput('eventTypes', `Type(s) d’événement inconnu(s) : ${unknown.join(', ')}. Types connus : ${DOMAIN_EVENT_TYPES.join(', ')}.`);
  return types;
}

function description(input: string): string {
  const text = input.trim();
  if (text.length > MAX_DESCRIPTION_LENGTH) throw badInput('description', `Le champ description ne peut dépasser ${MAX_DESCRIPTION_LENGTH} caractères.`);
  return text;
}

function entityOf(endpoint: WebhookEndpoint) {
  return { entityType: 'WebhookEndpoint', entityId: endpoint.id };
}
