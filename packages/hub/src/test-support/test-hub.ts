import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import { openOrm } from '../db/orm.js';
import { createHubApp } from '../server/app.js';
import { seedTerritory } from '../seed/territory.seed.js';
import { fixedClock } from '../shared/clock.js';
import { parseConfig, type HubConfig } from '../shared/config.js';
import { createStaffAccount } from '../staff/staff-account.service.js';
import { createTestDatabaseUrl } from './postgresql.js';
import { startWebhookDispatcher, type DispatcherOptions, type WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';

export const SIREN = {
  agglomeration: '248300493',
  draguignan: '218300507',
  lorgues: '218300721',
} as const;

export const PASSWORD = 'correct horse battery staple';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> & { code?: string; field?: string } }>;
}

export interface TestHub {
  url: string;
  orm: MikroORM;
  config: HubConfig;
  clock: ReturnType<typeof fixedClock>;
  /** SQL statements seen since the last reset, when the hub was started with `countStatements`. */
  statements: string[];
  /** The webhook dispatcher, when the hub was started (or restarted) with `webhooks`. */
  dispatcher: WebhookDispatcher | null;
  /** What the dispatcher logged. */
  dispatcherLog: string[];
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  login(email: string, password?: string): Promise<string>;
  /**
   * Stops the API and the dispatcher and closes the database, then starts them again on the same file, as after a
   * restart of the process (the clock keeps its time). Tokens stay valid: they are rows.
   */
  restart(options?: { webhooks?: TestDispatcherOptions | false }): Promise<void>;
  close(): Promise<void>;
}

/** Dispatcher options for tests: polls every 20 ms and adds no jitter unless told otherwise. */
export type TestDispatcherOptions = DispatcherOptions | true;

export interface TestHubOptions {
  now?: string;
  countStatements?: boolean;
  /** Starts the webhook dispatcher, as `pnpm hub serve` does. */
  webhooks?: TestDispatcherOptions | false;
  /** More configuration variables, as the environment would give them (e.g. TRUST_PROXY). */
  env?: Record<string, string>;
}

/**
 * A real hub for tests: a fresh SQLite file (a fresh PostgreSQL database in the `postgresql` Vitest project) with the
 * committed migrations applied, the territory seeded, staff
 * accounts of the agglomeration, Draguignan and Lorgues, and the API on an ephemeral port. Time is a fixed clock
 * the test moves.
 */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-test-'));
  // The `postgresql` Vitest project runs the same tests on a database of its own in a throwaway cluster.
  const databaseUrl = await createTestDatabaseUrl(join(dir, 'hub.sqlite'));
  const config = parseConfig({ ...options.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const statements: string[] = [];
  const orm = await openOrm(config, options.countStatements ? { onQuery: (sql) => statements.push(sql) } : {});
  await orm.getMigrator().up();
  await seedTerritory(orm.em.fork());
  const accounts = [
    { email: 'admin@agglo.test', name: 'Admin Agglo', organisationSiren: SIREN.agglomeration, role: 'ADMIN' },
    { email: 'buyer@draguignan.test', name: 'Buyer Draguignan', organisationSiren: SIREN.draguignan, role: 'BUYER' },
    { email: 'viewer@draguignan.test', name: 'Viewer Draguignan', organisationSiren: SIREN.draguignan, role: 'VIEWER' },
    { email: 'buyer@lorgues.test', name: 'Buyer Lorgues', organisationSiren: SIREN.lorgues, role: 'BUYER' },
  ];
  for (const account of accounts) await createStaffAccount(orm.em.fork(), { ...account, password: PASSWORD });

  const clock = fixedClock(options.now ?? '2026-12-01T09:00:00Z');
  const dispatcherLog: string[] = [];
  const startParts = async (partsOrm: MikroORM, webhooks: TestDispatcherOptions | false | undefined) => {
    const { app } = await createHubApp(partsOrm, config, clock);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const dispatcher = webhooks
      ? startWebhookDispatcher(partsOrm, config, clock, (message) => dispatcherLog.push(message), {
          pollMs: 20,
          random: () => 0,
          ...(webhooks === true ? {} : webhooks),
        })
      : null;
    return { app, dispatcher, url: `${address}/graphql` };
  };
  let parts = await startParts(orm, options.webhooks);
  const stopParts = async () => {
    await parts.app.close();
    await parts.dispatcher?.stop();
    await hub.orm.close();
  };
  statements.length = 0;

  const gql: TestHub['gql'] = async (query, variables, token) => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<any>;
  };

  const hub: TestHub = {
    url: parts.url,
    orm,
    config,
    clock,
    statements,
    dispatcher: parts.dispatcher,
    dispatcherLog,
    gql,
    async login(email, password = PASSWORD) {
      const result = await gql<{ login: { token: string } }>(
        'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
        { email, password },
      );
      if (!result.data?.login) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
    async restart(restartOptions = {}) {
      await stopParts();
      hub.orm = await openOrm(config, options.countStatements ? { onQuery: (sql) => statements.push(sql) } : {});
      parts = await startParts(hub.orm, 'webhooks' in restartOptions ? restartOptions.webhooks : options.webhooks);
      hub.url = parts.url;
      hub.dispatcher = parts.dispatcher;
    },
    async close() {
      await stopParts();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return hub;
}

/** A notice a buyer can publish at the test clock's time: one lot, valid CPV, deadline 40 days later. */
export function noticeInput(now: Date, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Entretien des espaces verts du parc Haussmann',
    description: 'Tonte, taille et arrosage du parc, gestion différenciée.',
    nature: 'SERVICES',
    procedure: 'OPEN',
    mainCpv: '77310000-6',
    estimatedValue: 120000,
    placeOfPerformanceInseeCode: '83050',
    submissionDeadline: new Date(now.getTime() + 40 * 86_400_000).toISOString(),
    buyerProfileUrl: 'https://marches.example/consultation/42',
    contactEmail: 'marches@ville.example',
    lots: [{ title: 'Espaces verts', cpv: '77310000-6', estimatedValue: 120000 }],
    ...overrides,
  };
}

export const NOTICE_FIELDS = `reference title status isOpen submissionDeadline estimatedValue
  organisation { siren name } family { slug } lots { number title status cpv { code label } award { supplierName amount } }
  corrigenda { reason publishedAt changes { field label before after } } cancellationReason`;
