export { ConfigError, DEMO_WEBHOOK_SECRET, parseConfig, type PublisherConfig } from './config.js';
export { createPublisher, type Publisher, type PublisherOptions } from './server.js';
export type { PublisherStatus } from './status.js';
export type { WebhookPayload } from './webhooks/route.js';
