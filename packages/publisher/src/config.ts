import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Demo-only secret, shared with the hub's demo mode; its name says it must never guard a real site. */
export const DEMO_WEBHOOK_SECRET = `whsec_${Buffer.from('territoire-achats-demo-secret-not-for-production').toString('base64')}`;

/** The site engineer's build entry point, found relative to this file so it works from `src/` and `dist/`. */
export const DEFAULT_SITE_BUILD_SCRIPT = fileURLToPath(new URL('../../../site/scripts/build.mjs', import.meta.url));
export const DEFAULT_SITE_RENDERER_SCRIPT = fileURLToPath(new URL('../../../site/scripts/renderer.mjs', import.meta.url));
export const DEFAULT_SEARCH_INDEX_SCRIPT = fileURLToPath(new URL('../../../site/scripts/search-index.mjs', import.meta.url));

/** How a build is started: an argv (the default, no shell) or an operator's command line run by the shell. */
export type BuildCommand =
  | { kind: 'argv'; file: string; args: string[] }
  | { kind: 'shell'; commandLine: string };

export interface PublisherConfig {
  port: number;
  host: string;
  hubUrl: string;
  webhookSecret: string;
  demo: boolean;
  dataDir: string;
  buildCommand: BuildCommand;
  quietMs: number;
  maxWaitMs: number;
  buildTimeoutMs: number;
  /** Keep the next build started ahead of time, waiting for its start signal (see builder.ts). */
  prestartBuild: boolean;
  /** The bearer token that gets the operator's details from `GET /status`; null: the public summary only. */
  statusToken: string | null;
  /**
   * The long-lived site renderer (site/scripts/renderer.mjs) that makes every release, incremental or full; null
   * when PUBLISHER_BUILD_COMMAND is set or PUBLISHER_INCREMENTAL=false (a full build by the command for each event).
   */
  renderer: { file: string; args: string[] } | null;
  /**
   * The slow path's indexer (site/scripts/search-index.mjs), run beside the renderer so that events need not wait
   * for the search index; null without the renderer.
   */
  searchIndexer: { file: string; args: string[] } | null;
  /** When the periodic full build runs, "HH:MM" Europe/Paris; null: never (PUBLISHER_FULL_BUILD_AT=never). */
  fullBuildAt: string | null;
  /** How long after an incremental release the search index is rebuilt (the slow path). */
  slowPathDelayMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export interface ParseConfigOptions {
  /** The `--demo` flag; `PUBLISHER_DEMO=true` has the same effect. */
  demo?: boolean;
  /** Base for a relative `PUBLISHER_DATA_DIR`. */
  cwd?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid publisher configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// An empty variable (`PUBLISHER_PORT=` in an env file) means "not set", not "zero" or "".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

const milliseconds = (fallback: number) => optional(z.coerce.number().int().min(0).default(fallback));

const booleanFlag = optional(
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default('false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes'),
);

// Standard Webhooks: `whsec_` + base64 of a 24–64 byte key (we accept longer keys too).
const secretFormat = /^whsec_[A-Za-z0-9+/]+={0,2}$/;
const webhookSecret = z
  .string()
  .regex(secretFormat, 'must be "whsec_" followed by a base64 key')
  .refine((value) => !secretFormat.test(value) || Buffer.from(value.slice('whsec_'.length), 'base64').length >= 24, {
    message: 'the base64 key must decode to at least 24 bytes',
  });

const environmentSchema = z.object({
  PUBLISHER_PORT: optional(z.coerce.number().int().min(0).max(65_535).default(4321)),
  PUBLISHER_HOST: optional(z.string().default('127.0.0.1')),
  HUB_URL: optional(z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4000/graphql')),
  WEBHOOK_SECRET: optional(webhookSecret.optional()),
  PUBLISHER_DEMO: booleanFlag,
  PUBLISHER_DATA_DIR: optional(z.string().default('./data/publisher')),
  PUBLISHER_BUILD_COMMAND: optional(z.string().optional()),
  PUBLISHER_QUIET_MS: milliseconds(150),
  PUBLISHER_MAX_WAIT_MS: milliseconds(5_000),
  PUBLISHER_BUILD_TIMEOUT_MS: optional(z.coerce.number().int().min(1).default(600_000)),
  // Unset: on for the site's own build script, which honours SITE_BUILD_START; off for an operator's command.
  PUBLISHER_PRESTART_BUILD: optional(
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .optional()
      .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1' || value === 'yes')),
  ),
  // Long enough that guessing it over HTTP is hopeless; `openssl rand -base64 32` gives one.
  PUBLISHER_STATUS_TOKEN: optional(z.string().min(24, 'must be at least 24 characters (openssl rand -base64 32)').optional()),
  PUBLISHER_INCREMENTAL: optional(
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .optional()
      .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1' || value === 'yes')),
  ),
  PUBLISHER_FULL_BUILD_AT: optional(
    z
      .string()
      .regex(/^(never|([01]\d|2[0-3]):[0-5]\d)$/, 'must be a time of day "HH:MM" (Europe/Paris) or "never"')
      .default('03:30'),
  ),
  PUBLISHER_SLOW_PATH_DELAY_MS: milliseconds(30_000),
  PUBLISHER_LOG_LEVEL: optional(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  NODE_ENV: optional(z.string().optional()),
});

/** Reads the publisher's settings from environment variables; throws a ConfigError naming every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv, options: ParseConfigOptions = {}): PublisherConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  const demo = options.demo === true || values.PUBLISHER_DEMO;
  const problems: string[] = [];

  if (demo && values.NODE_ENV === 'production') {
    problems.push('PUBLISHER_DEMO: demo mode (PUBLISHER_DEMO or --demo) is refused when NODE_ENV=production');
  }
  if (!demo && values.WEBHOOK_SECRET === undefined) {
    problems.push('WEBHOOK_SECRET: required (a "whsec_" secret shared with the hub), unless in demo mode');
  }
  if (values.PUBLISHER_MAX_WAIT_MS < values.PUBLISHER_QUIET_MS) {
    problems.push('PUBLISHER_MAX_WAIT_MS: must be at least PUBLISHER_QUIET_MS');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const commandLine = values.PUBLISHER_BUILD_COMMAND?.trim();
  return {
    port: values.PUBLISHER_PORT,
    host: values.PUBLISHER_HOST,
    hubUrl: values.HUB_URL,
    webhookSecret: values.WEBHOOK_SECRET ?? DEMO_WEBHOOK_SECRET,
    demo,
    dataDir: resolve(options.cwd ?? process.cwd(), values.PUBLISHER_DATA_DIR),
    buildCommand: commandLine
      ? { kind: 'shell', commandLine }
      : { kind: 'argv', file: process.execPath, args: [DEFAULT_SITE_BUILD_SCRIPT] },
    quietMs: values.PUBLISHER_QUIET_MS,
    maxWaitMs: values.PUBLISHER_MAX_WAIT_MS,
    buildTimeoutMs: values.PUBLISHER_BUILD_TIMEOUT_MS,
    prestartBuild: values.PUBLISHER_PRESTART_BUILD ?? !commandLine,
    statusToken: values.PUBLISHER_STATUS_TOKEN ?? null,
    renderer:
      !commandLine && values.PUBLISHER_INCREMENTAL !== false ? { file: process.execPath, args: [DEFAULT_SITE_RENDERER_SCRIPT] } : null,
    searchIndexer:
      !commandLine && values.PUBLISHER_INCREMENTAL !== false ? { file: process.execPath, args: [DEFAULT_SEARCH_INDEX_SCRIPT] } : null,
    fullBuildAt: values.PUBLISHER_FULL_BUILD_AT === 'never' ? null : values.PUBLISHER_FULL_BUILD_AT,
    slowPathDelayMs: values.PUBLISHER_SLOW_PATH_DELAY_MS,
    logLevel: values.PUBLISHER_LOG_LEVEL,
  };
}
