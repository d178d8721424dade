import { buildGate } from '../build-gate.js';
import { hubUrl } from '../config.js';
import type { HubClientOptions } from './client.js';

/**
 * How the site's build reads the hub: the configured endpoint (HUB_URL), every request after the build gate — a
 * build started ahead of time waits there for its start signal, and its first read tells the publisher it is ready
 * (build-gate.ts). The HTTP client (client.ts) knows nothing of builds; the loaders' unit tests use it bare.
 */
export function buildHubClient(): HubClientOptions {
  return { endpoint: hubUrl(), beforeRequest: () => buildGate({ announce: true }) };
}
