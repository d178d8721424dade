#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from './config.js';
import { createPublisher } from './server.js';

const usage = `Usage: publisher serve [--demo] [--build-now]

  serve        receive the hub's webhooks, rebuild the public site, and serve it
  --demo       use the built-in demo webhook secret (refused when NODE_ENV=production)
  --build-now  build the site once at start, without waiting for an event

SIGHUP forces a full build of the site (kill -HUP <pid>).

Settings come from the environment: PUBLISHER_PORT, PUBLISHER_HOST, HUB_URL, WEBHOOK_SECRET, PUBLISHER_DEMO,
PUBLISHER_DATA_DIR, PUBLISHER_BUILD_COMMAND, PUBLISHER_QUIET_MS, PUBLISHER_MAX_WAIT_MS, PUBLISHER_BUILD_TIMEOUT_MS,
PUBLISHER_INCREMENTAL, PUBLISHER_FULL_BUILD_AT, PUBLISHER_SLOW_PATH_DELAY_MS, PUBLISHER_STATUS_TOKEN, PUBLISHER_LOG_LEVEL.`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { demo: { type: 'boolean' }, 'build-now': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 1;
  }
  if (parsed.values.help) {
    console.log(usage);
    return 0;
  }
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'serve') {
    console.error(usage);
    return 1;
  }

  let config;
  try {
    // Relative paths are taken from where the user ran `pnpm …`, not from this package's folder.
    config = parseConfig(process.env, { demo: parsed.values.demo, cwd: process.env.INIT_CWD ?? process.cwd() });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  if (config.demo && config.webhookSecret !== process.env.WEBHOOK_SECRET) {
    console.warn(
      'WARNING: demo mode: webhooks are verified with the public demo secret. Anyone can trigger builds. ' +
        'Set WEBHOOK_SECRET and drop --demo / PUBLISHER_DEMO for a real deployment.',
    );
  }

  const publisher = createPublisher(config);
  const { url } = await publisher.listen();
  console.log(`publisher listening on ${url} (webhooks: ${url}/webhooks, status: ${url}/status; data: ${config.dataDir})`);
  if (parsed.values['build-now']) publisher.triggerBuild('--build-now');
  // The operator's way to force a full build of the site online: `kill -HUP <pid>`.
  process.on('SIGHUP', () => publisher.triggerBuild('full build asked by SIGHUP'));

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      console.log(`${signal} received: stopping the running build (if any) and closing the server`);
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await publisher.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
