import { isIP } from 'node:net';
import { z } from 'zod';
import { parseSlugPercentages } from './slug-percentages.js';

const schema = z.object({
  /** `sqlite:<path>` (the default, one file) or `postgresql://user:password@host:5432/database` (several hubs). */
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/hub.sqlite')
    .transform((value, ctx) => {
      const parsed = parseDatabaseUrl(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
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
   * How long a hub that stops renewing its claim on a webhook endpoint (killed, frozen) keeps it: another hub sends
   * its deliveries after that. A live hub renews it every quarter of it; at least WEBHOOK_TIMEOUT_MS + 2 s.
   */
  WEBHOOK_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
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
      const parsed = parseSlugPercentages(text);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed.shares;
    }),
  /** Working days the procurement direction gives itself to answer an advice request (Saturdays, Sundays and public holidays do not count). */
  ADVICE_DUE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  /** On by default: staff who have not signed the current ethics charter cannot publish or correct a notice. */
  CHARTER_POLICY: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true')
    .transform((value) => value === 'true' || value === '1'),
  /**
   * Where mails go: `smtp://user:password@host:587` or `smtps://…:465` (nodemailer's URL, options in the query
   * string), or `file:DIR`, which writes each mail as a `.eml` file in DIR (the demo and development default).
   */
  SMTP_URL: z
    .string()
    .default('file:./data/mail')
    .transform((value, ctx) => {
      const parsed = parseMailTarget(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  /** The sender of every mail: an address, or `Name <address>`. */
  MAIL_FROM: z
    .string()
    .default('Marchés publics de Dracénie <alertes@localhost>')
    .refine((value) => MAIL_FROM_PATTERN.test(value.trim()), 'must be an address or "Name <address>", e.g. Marchés publics <alertes@example.fr>'),
  /** How often the mail worker looks for mails due; a commit that queues a mail also wakes it at once. */
  MAIL_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  /** The public site's address: the pages the public endpoints send visitors back to, and the links in mails. */
  SITE_URL: z
    .string()
    .default('http://localhost:4321')
    .refine((value) => isHttpUrl(value), 'must be an http(s) address, e.g. https://marches.dracenie.fr'),
  /** The hub's address as the public reaches it (links in mails, the site's forms); default http://HOST:PORT. */
  /**
   * Whether the hub sits behind a reverse proxy whose X-Forwarded-For tells the client's address (the sign-in limits
   * count per address): unset or `false`, the connection's own address and X-Forwarded-For is ignored (anyone can
   * write it); `true`, every proxy is trusted (only when nothing can reach the hub but the proxy); a number of proxy
   * hops; or the proxies' addresses or networks, e.g. `127.0.0.1,10.0.0.0/8` (also `loopback`, `uniquelocal`).
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed.value;
    }),
  HUB_PUBLIC_URL: z
    .string()
    .optional()
    .refine((value) => value === undefined || isHttpUrl(value), 'must be an http(s) address, e.g. https://api.marches.dracenie.fr'),
});

const MAIL_FROM_PATTERN = /^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

export type DatabaseTarget =
  | { kind: 'sqlite'; path: string; url: string }
  /** `url` may hold a password: never log it. */
  | { kind: 'postgresql'; url: string; database: string };

/**
 * `sqlite:<path>`, or a PostgreSQL URL (`postgres://` or `postgresql://`, libpq's form: user, password, host,
 * port, database, and options such as `?sslmode=require` or `?host=/run/postgresql` for a Unix socket).
 */
export function parseDatabaseUrl(value: string): DatabaseTarget | string {
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    return path ? { kind: 'sqlite', path, url: value } : 'sqlite: needs a file path, e.g. sqlite:./data/hub.sqlite';
  }
  if (/^postgres(ql)?:/.test(value)) {
    // libpq (and pg) accept an empty host when `?host=` names a socket directory; the WHATWG parser does not.
    const url = urlOrNull(value) ?? urlOrNull(value.replace(/^(postgres(?:ql)?:\/\/(?:[^@/]*@)?)\//, '$1localhost/'));
    if (!url) return 'is not a valid PostgreSQL URL, e.g. postgresql://hub:password@localhost:5432/hub';
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!database) return 'names no database, e.g. postgresql://hub:password@localhost:5432/hub';
    return { kind: 'postgresql', url: value, database };
  }
  return 'must be sqlite:<path> or postgresql://user:password@host:5432/database';
}

function urlOrNull(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** Which proxies to believe about the client's address, in Fastify's `trustProxy` terms. */
export type TrustProxy = boolean | number | string[];

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function parseTrustProxy(text: string): { value: TrustProxy } | string {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'false') return { value: false };
  if (value === 'true') return { value: true };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? { value: hops } : 'must be between 1 and 10 proxy hops';
  }
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !PROXY_KEYWORDS.has(entry) && !isAddressOrNetwork(entry));
  if (bad.length > 0 || entries.length === 0) {
    return `must be false, true, a number of proxy hops, or the proxies' addresses or networks (e.g. 127.0.0.1,10.0.0.0/8); not understood: ${bad.join(', ') || value}`;
  }
  return { value: entries };
}

function isAddressOrNetwork(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

export type MailTarget = { kind: 'smtp'; url: string } | { kind: 'files'; dir: string };

/** `smtp:`/`smtps:` URLs go to nodemailer as they are; `file:DIR` writes .eml files. A message when neither. */
function parseMailTarget(value: string): MailTarget | string {
  if (value.startsWith('file:')) {
    const dir = value.slice('file:'.length);
    return dir ? { kind: 'files', dir } : 'file: needs a directory, e.g. file:./data/mail';
  }
  try {
    const url = new URL(value);
    if ((url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname) return { kind: 'smtp', url: value };
  } catch {
    // reported below
  }
  return 'must be smtp://[user:password@]host[:port], smtps://… or file:DIR';
}

export interface HubConfig {
  database: DatabaseTarget;
  host: string;
  port: number;
  env: 'development' | 'production' | 'test';
  adaptedProcedureMinDays: number;
  tokenTtlHours: number;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  webhooks: { pollMs: number; timeoutMs: number; leaseMs: number };
  /** Prefix of the OCDS ocids, e.g. ocds-xxxxxx-dracenie. */
  ocdsPrefix: string;
  /** Sustainable purchasing targets, 0 to 1. */
  indicators: { defaultTarget: number; familyTargets: ReadonlyMap<string, number> };
  charterPolicy: boolean;
  advice: { dueWorkingDays: number };
  /** Outgoing mail (src/mail): never log `transport` when it is SMTP, its URL may hold a password. */
  mail: { transport: MailTarget; from: string; pollMs: number };
  /** Public addresses, without a trailing slash. */
  siteUrl: string;
  hubPublicUrl: string;
  /** Which reverse proxies' X-Forwarded-For to believe (TRUST_PROXY); false: none. */
  trustProxy: TrustProxy;
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
  if (value.WEBHOOK_LEASE_MS < value.WEBHOOK_TIMEOUT_MS + 2000) {
    throw new ConfigError([`WEBHOOK_LEASE_MS: must be at least WEBHOOK_TIMEOUT_MS + 2000 (${value.WEBHOOK_TIMEOUT_MS + 2000}), so a request ends within the lease`]);
  }
  return {
    database: value.DATABASE_URL,
    host: value.HOST,
    port: value.PORT,
    env: value.NODE_ENV,
    adaptedProcedureMinDays: value.ADAPTED_PROCEDURE_MIN_DAYS,
    tokenTtlHours: value.TOKEN_TTL_HOURS,
    logLevel: value.LOG_LEVEL,
    webhooks: { pollMs: value.WEBHOOK_POLL_MS, timeoutMs: value.WEBHOOK_TIMEOUT_MS, leaseMs: value.WEBHOOK_LEASE_MS },
    ocdsPrefix: value.OCDS_PREFIX,
    indicators: {
      defaultTarget: value.SUSTAINABLE_PURCHASING_TARGET / 100,
      familyTargets: value.SUSTAINABLE_PURCHASING_FAMILY_TARGETS,
    },
    charterPolicy: value.CHARTER_POLICY,
    advice: { dueWorkingDays: value.ADVICE_DUE_WORKING_DAYS },
    mail: { transport: value.SMTP_URL, from: value.MAIL_FROM.trim(), pollMs: value.MAIL_POLL_MS },
    siteUrl: withoutTrailingSlash(value.SITE_URL),
    trustProxy: value.TRUST_PROXY,
    hubPublicUrl: withoutTrailingSlash(value.HUB_PUBLIC_URL ?? `http://${value.HOST.includes(':') ? `[${value.HOST}]` : value.HOST}:${value.PORT}`),
  };
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
