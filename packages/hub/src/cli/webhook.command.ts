import { systemClock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { WebhookEndpointService } from '../webhooks/webhook-endpoint.service.js';
import { withMigratedDatabase } from './migrated-database.js';

/**
 * `webhook subscribe --url URL --secret whsec_… [--events a,b]`: creates or updates the endpoint of this URL with a
 * secret the receiver already knows (`pnpm start` subscribes the demo publisher this way). Safe to run again.
 */
export async function webhookSubscribeCommand(
  config: HubConfig,
  values: { url?: string; secret?: string; events?: string },
): Promise<number> {
  const missing = (['url', 'secret'] as const).filter((key) => !values[key]);
  if (missing.length) {
    console.error(`Missing ${missing.map((key) => `--${key}`).join(', ')}`);
    return 2;
  }
  return withMigratedDatabase(config, async (orm) => {
    const eventTypes = (values.events ?? '').split(',').map((type) => type.trim()).filter(Boolean);
    const service = new WebhookEndpointService({ em: orm.em.fork(), actor: null, clock: systemClock, config });
    const { endpoint, created } = await service.subscribe({ url: values.url!, secret: values.secret!, eventTypes });
    const types = endpoint.eventTypes.length ? endpoint.eventTypes.join(', ') : 'every event';
    console.log(`${created ? 'Subscribed' : 'Updated the subscription of'} ${endpoint.url} to ${types}.`);
    return 0;
  });
}
