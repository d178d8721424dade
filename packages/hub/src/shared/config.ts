import { z } from 'zod';
import { parseFamilyTargets } from '../indicators/indicator-targets.js';

const schema = z.object({
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/hub.sqlite')
    .refine((value) => /^sqlite:.+/.test(value), 'must be sqlite:<path> (PostgreSQL support comes later)'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Minimum "reasonable" response time for a procédure adaptée, which the code leaves to the buyer. */
  ADAPTED_PROCEDURE_MIN_DAYS: z.coerce.number().int().min(1).max(365).default(20),
  TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  /** How often the webhook dispatcher looks at the outbox and the due deliveries; commits also wake it at once. */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** How long a webhook receiver has to answer before the attempt counts as failed. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /**
   * OCDS identifiers (ocid) of the OCDS export are `<prefix>-<notice reference>`. A publisher registers its
   * `ocds-xxxxxx` prefix with the Open Contracting Partnership; the default's placeholder says it is not yet done.
   */
  OCDS_PREFIX: z
    .string()
    .regex(/^ocds-[a-z0-9]{6}(-[a-z0-9-]+)?$/, 'must be ocds- followed by 6 letters or digits (and an optional -suffix), e.g. ocds-xxxxxx-dracenie')
    .default('ocds-xxxxxx-dracenie'),
  /** Target share (percent) of notices with an environmental or social clause or reserved, for every family. */
  SUSTAINABLE_PURCHASING_TARGET: z.coerce.number().min(0).max(100).default(50),
  /** Per-family targets overriding it, e.g. "batiments=60,energie=40". */
  SUSTAINABLE_PURCHASING_FAMILY_TARGETS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const parsed = parseFamilyTargets(text);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed.targets;
    }),
  /** Working days the procurement direction gives itself to answer an advice request (Saturdays, Sundays and public holidays do not count). */
  ADVICE_DUE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  /** On by default: staff who have not signed the current ethics charter cannot publish or correct a notice. */
  CHARTER_POLICY: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true')
    .transform((value) => value === 'true' || value === '1'),
});

export interface HubConfig {
  database: { kind: 'sqlite'; path: string; url: string };
  host: string;
  port: number;
  env: 'development' | 'production' | 'test';
  adaptedProcedureMinDays: number;
  tokenTtlHours: number;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  webhooks: { pollMs: number; timeoutMs: number };
  /** Prefix of the OCDS ocids, e.g. ocds-xxxxxx-dracenie. */
  ocdsPrefix: string;
  /** Sustainable purchasing targets, 0 to 1. */
  indicators: { defaultTarget: number; familyTargets: ReadonlyMap<string, number> };
  charterPolicy: boolean;
  advice: { dueWorkingDays: number };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; every bad variable is named before anything starts. */
export function parseConfig(env: NodeJS.ProcessEnv): HubConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const value = result.data;
  return {
    database: { kind: 'sqlite', path: value.DATABASE_URL.slice('sqlite:'.length), url: value.DATABASE_URL },
    host: value.HOST,
    port: value.PORT,
    env: value.NODE_ENV,
    adaptedProcedureMinDays: value.ADAPTED_PROCEDURE_MIN_DAYS,
    tokenTtlHours: value.TOKEN_TTL_HOURS,
    logLevel: value.LOG_LEVEL,
    webhooks: { pollMs: value.WEBHOOK_POLL_MS, timeoutMs: value.WEBHOOK_TIMEOUT_MS },
    ocdsPrefix: value.OCDS_PREFIX,
    indicators: {
      defaultTarget: value.SUSTAINABLE_PURCHASING_TARGET / 100,
      familyTargets: value.SUSTAINABLE_PURCHASING_FAMILY_TARGETS,
    },
    charterPolicy: value.CHARTER_POLICY,
    advice: { dueWorkingDays: value.ADVICE_DUE_WORKING_DAYS },
  };
}
