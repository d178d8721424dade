// The environment `pnpm start` gives the hub, the publisher and the site builds it runs (see start.mjs).
import { join } from 'node:path';

/** Fills in what the caller left unset; the site's public address follows the publisher's port. */
export function startEnvironment(processEnv, root) {
  const env = {
    ...processEnv,
    DATABASE_URL: processEnv.DATABASE_URL ?? `sqlite:${join(root, 'data/hub.sqlite')}`,
    HOST: processEnv.HOST ?? '127.0.0.1',
    PORT: processEnv.PORT ?? '4000',
    PUBLISHER_PORT: processEnv.PUBLISHER_PORT ?? '4321',
    PUBLISHER_DATA_DIR: processEnv.PUBLISHER_DATA_DIR ?? join(root, 'data/publisher'),
    LOG_LEVEL: processEnv.LOG_LEVEL ?? 'warn',
    // The demo sends no mail: each one is written as an .eml file there, and the hub prints its path.
    SMTP_URL: processEnv.SMTP_URL ?? `file:${join(root, 'data/mail')}`,
  };
  // Feeds, calendar, sitemap, CSV, robots.txt and canonical links are absolute: they must name the address the
  // publisher serves the site at, not the default port.
  env.SITE_URL = processEnv.SITE_URL ?? `http://127.0.0.1:${env.PUBLISHER_PORT}`;
  env.HUB_URL = processEnv.HUB_URL ?? `http://${env.HOST}:${env.PORT}/graphql`;
  return env;
}
