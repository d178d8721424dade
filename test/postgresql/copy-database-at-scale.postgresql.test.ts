import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVICE_STATISTICS_QUERY } from '../../site/src/lib/advice/load.js';
import { CHARTER_QUERY } from '../../site/src/lib/charter/load.js';
import { PAGE_SIZE } from '../../site/src/lib/hub/load.js';
import { NOTICE_QUERY, NOTICES_PAGE_QUERY, PUBLIC_STATUSES, REFERENCE_DATA_QUERY } from '../../site/src/lib/hub/queries.js';
import { FIRST_QUERY, scopesQuery, type Scope } from '../../site/src/lib/indicators/queries.js';
import { PLAN_ANNOUNCEMENT_QUERY, PLANNED_PURCHASES_PAGE_QUERY, PUBLIC_PLAN_STATUSES } from '../../site/src/lib/plan/load.js';
import { TRAININGS_QUERY } from '../../site/src/lib/trainings/load.js';
import { Notice } from '../../packages/hub/src/notices/notice.entity.js';
import { seedDemo } from '../../packages/hub/src/seed/demo.seed.js';
import { seedTerritory } from '../../packages/hub/src/seed/territory.seed.js';
import { parseConfig } from '../../packages/hub/src/shared/config.js';
import { seedBulkNotices } from '../../packages/hub/src/test-support/bulk-notices.js';
import { eventually } from '../../packages/hub/src/test-support/eventually.js';
import { graphql, runHubCli, startHubProcess, type HubProcess } from '../../packages/hub/src/test-support/hub-process.js';
import { createTestPostgreSqlDatabase } from '../../packages/hub/src/test-support/postgresql.js';
import { openOrm } from '../../packages/hub/src/db/orm.js';

// A territory that has been running on its SQLite file — the demo, 1,000 notices whose deadline passed (closed by
// the hub's own scheduler) and 9,000 open ones, 3 lots each — moved with `hub copy-database` as a user runs it. Then
// a hub on each database answers every public document the site sends, every page of every listing, every filter
// and search, each notice by reference and the open-data files: the JSON must be the same, byte for byte.

const PAST_NOTICES = 1_000;
const OPEN_NOTICES = 9_000;
const DAY = 86_400_000;

type Variables = Record<string, unknown>;
interface Request {
  label: string;
  query: string;
  variables?: Variables;
}

/** Where two JSON values first part, as a path: enough to find the cause in a failure message. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/**
 * Values the hub derives from the instant of the request, not from its database: the window of the trainings'
 * figures (24 months before now) and the OCDS package's publishedDate (when it was exported). Both hubs must agree
 * on them within a minute; then the PostgreSQL hub's is set to the SQLite hub's, so everything else is compared.
 */
function alignRequestInstant(holderFromSqlite: any, holderFromPostgresql: any, key: string): void {
  const [a, b] = [holderFromSqlite?.[key], holderFromPostgresql?.[key]];
  if (typeof a !== 'string' || typeof b !== 'string') return;
  expect(Math.abs(Date.parse(a) - Date.parse(b)), key).toBeLessThan(60_000);
  holderFromPostgresql[key] = a;
}

describe('copy-database of the demo plus 10,000 notices', { timeout: 900_000 }, () => {
  let dir: string;
  let sqliteUrl: string;
  let postgresqlUrl: string;
  let copyOutput: string;
  let sqliteHub: HubProcess;
  let postgresqlHub: HubProcess;
  /** Every request sent to both hubs, and each difference found, by label. */
  const differences: string[] = [];
  let compared = 0;

  /** Sends the same request to both hubs; records a difference; resolves with the SQLite hub's data. */
  async function both<T = Record<string, any>>(request: Request): Promise<T> {
    const [fromSqlite, fromPostgresql] = await Promise.all(
      [sqliteHub, postgresqlHub].map((hub) => graphql<T>(hub.url, request.query, request.variables ?? {})),
    );
    compared++;
    alignRequestInstant((fromSqlite!.data as any)?.trainingStatistics, (fromPostgresql!.data as any)?.trainingStatistics, 'since');
    if (fromSqlite!.errors || !fromSqlite!.data) throw new Error(`${request.label}: the SQLite hub answered ${JSON.stringify(fromSqlite).slice(0, 500)}`);
    const difference = firstDifference(fromSqlite, fromPostgresql);
    if (difference) differences.push(`${request.label} ${JSON.stringify(request.variables ?? {})}: ${difference}`);
    return fromSqlite!.data;
  }

  /** Every page of a connection, each page compared; the SQLite hub's nodes in order. */
  async function allPages<N>(request: Request, connection: string): Promise<N[]> {
    const nodes: N[] = [];
    let after: string | null = null;
    for (let page = 0; ; page++) {
      const data: Record<string, any> = await both({ ...request, label: `${request.label} page ${page + 1}`, variables: { ...request.variables, after } });
      const { edges, pageInfo, totalCount } = data[connection];
      nodes.push(...edges.map((edge: { node: N }) => edge.node));
      if (!pageInfo.hasNextPage) {
        expect(nodes.length, `${request.label}: pages hold totalCount nodes`).toBe(totalCount);
        return nodes;
      }
      after = pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    const started = performance.now();
    const phases: string[] = [];
    const phase = (name: string) => phases.push(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    dir = mkdtempSync(join(tmpdir(), 'hub-copy-scale-'));
    const dbPath = join(dir, 'hub.sqlite');
    sqliteUrl = `sqlite:${dbPath}`;
    // What `hub migrate` and `hub seed --demo` do, in this process (two CLI starts less).
    const config = parseConfig({ DATABASE_URL: sqliteUrl, NODE_ENV: 'test' });
    const source = await openOrm(config);
    try {
      await source.getMigrator().up();
      await seedTerritory(source.em.fork());
      await seedDemo(source.em.fork(), config, new Date());
    } finally {
      await source.close();
    }
    await seedBulkNotices(dbPath, PAST_NOTICES, { now: new Date(Date.now() - 120 * DAY), seed: 2, migrate: false });
    await seedBulkNotices(dbPath, OPEN_NOTICES, { seed: 3, migrate: false });
    phase('seeded');

    // The territory as it stands after running: its scheduler closed the 1,000 notices whose deadline passed.
    const running = await startHubProcess({ DATABASE_URL: sqliteUrl, WEBHOOK_POLL_MS: '60000' });
    const orm = await openOrm(config);
    try {
      await eventually(async () => (await orm.em.fork().count(Notice, { status: 'PUBLISHED', submissionDeadline: { $lt: new Date() } })) === 0, {
        what: 'the SQLite hub closes every notice whose deadline passed',
        timeoutMs: 300_000,
        intervalMs: 500,
      });
    } finally {
      await orm.close();
      await running.stop();
    }
    phase('closed by the scheduler');

    postgresqlUrl = await createTestPostgreSqlDatabase();
    copyOutput = await runHubCli(['copy-database', '--to', postgresqlUrl], { DATABASE_URL: sqliteUrl }, 600_000);
    phase('copied');
    [sqliteHub, postgresqlHub] = (await Promise.all(
      [sqliteUrl, postgresqlUrl].map((url) => startHubProcess({ DATABASE_URL: url, WEBHOOK_POLL_MS: '60000' })),
    )) as [HubProcess, HubProcess];
    phase('both hubs up');
    console.log(`copy-database at scale, setup: ${phases.join(', ')}`);
  });

  afterAll(async () => {
    await Promise.all([sqliteHub?.stop(), postgresqlHub?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('copies every row and says each table’s counts match', () => {
    expect(copyOutput).toMatch(/every table's count checked on both sides/);
    const notices = /^notice\s+(\d+) → +(\d+)$/m.exec(copyOutput);
    expect(Number(notices?.[1])).toBeGreaterThan(PAST_NOTICES + OPEN_NOTICES);
    expect(notices?.[2]).toBe(notices?.[1]);
  });

  it('answers every page of the listing, each sort, filter and search with the same JSON as the SQLite hub', async () => {
    differences.length = 0;
    // The site's own download: every public notice with every field it shows, 200 a page.
    const listed = await allPages<{ reference: string; lots: { award: unknown }[]; corrigenda: unknown[]; frameworkAgreement: unknown; purchasingGroup: unknown; plannedPurchase: unknown; cancelledAt: unknown }>(
      { label: 'site listing', query: NOTICES_PAGE_QUERY, variables: { first: PAGE_SIZE, statuses: PUBLIC_STATUSES } },
      'notices',
    );
    expect(listed.length).toBeGreaterThan(PAST_NOTICES + OPEN_NOTICES);
    expect(new Set(listed.map((notice) => notice.reference)).size, 'no notice twice, none missed across pages').toBe(listed.length);

    // Each sort, through every page: deadlines at noon and publications on the same days tie by the thousand.
    const page = `query Page($first: Int!, $after: String, $sort: NoticeSort!, $filter: NoticeFilter) {
      notices(first: $first, after: $after, sort: $sort, filter: $filter) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { reference submissionDeadline publishedAt status isOpen } } } }`;
    // DEADLINE_ASC is the site's listing above; the three others side by side.
    await Promise.all(
      ['DEADLINE_DESC', 'PUBLISHED_ASC', 'PUBLISHED_DESC'].map(async (sort) => {
        const nodes = await allPages<{ reference: string }>({ label: `sort ${sort}`, query: page, variables: { first: 200, sort } }, 'notices');
        expect(new Set(nodes.map((node) => node.reference)).size, `${sort}: no notice twice`).toBe(nodes.length);
      }),
    );

    // The facets: each buyer, commune, family, nature, procedure and status, alone and combined, first page.
    const { organisations, communes, purchasingFamilies } = await both<{
      organisations: { siren: string | null; slug: string }[];
      communes: { inseeCode: string }[];
      purchasingFamilies: { slug: string }[];
    }>({ label: 'reference data', query: REFERENCE_DATA_QUERY });
    const filters: Variables[] = [
      ...organisations.filter((organisation) => organisation.siren).map((organisation) => ({ organisationSiren: organisation.siren })),
      ...communes.map((commune) => ({ communeInseeCode: commune.inseeCode })),
      ...purchasingFamilies.map((family) => ({ familySlug: family.slug })),
      ...['WORKS', 'SUPPLIES', 'SERVICES'].map((nature) => ({ nature })),
      ...['ADAPTED', 'OPEN', 'RESTRICTED', 'NEGOTIATED', 'COMPETITIVE_DIALOGUE'].map((procedure) => ({ procedure })),
      ...PUBLIC_STATUSES.map((status) => ({ statuses: [status] })),
      { statuses: ['CLOSED', 'AWARDED'], nature: 'WORKS' },
      { familySlug: purchasingFamilies[0]!.slug, statuses: ['PUBLISHED'], procedure: 'ADAPTED' },
      ...['45', '4523', '71', '90910000', '3'].map((cpvPrefix) => ({ cpvPrefix })),
      // Search: case, accents, several words, a reference, apostrophes, and a word no notice holds.
      ...['voirie', 'VOIRIE', 'École', 'ecole', 'ÉCOLE élémentaire', 'entretien espaces verts', 'profil d’acheteur', 'lot 2', 'draguignan', 'Lorgues', 'xylophone'].map(
        (text) => ({ text }),
      ),
      { text: listed[0]!.reference },
      { text: listed.at(-1)!.reference.toLowerCase() },
      { text: 'travaux', organisationSiren: organisations.find((organisation) => organisation.siren)!.siren, statuses: ['PUBLISHED', 'CLOSED'] },
    ];
    for (const filter of filters) await both({ label: 'filtered listing', query: page, variables: { first: 50, sort: 'PUBLISHED_DESC', filter } });
    // One filtered listing walked through all its pages.
    await allPages({ label: 'closed notices, every page', query: page, variables: { first: 150, sort: 'PUBLISHED_DESC', filter: { statuses: ['CLOSED'] } } }, 'notices');

    // A notice by reference: every one with an award, a corrigendum, a framework, a group, a plan or a
    // cancellation (the demo's), and every 250th of the others.
    const chosen = listed.filter(
      (notice, index) =>
        index % 250 === 0 ||
        notice.lots.some((lot) => lot.award) ||
        notice.corrigenda.length > 0 ||
        notice.frameworkAgreement ||
        notice.purchasingGroup ||
        notice.plannedPurchase ||
        notice.cancelledAt,
    );
    expect(chosen.some((notice) => notice.lots.some((lot) => lot.award))).toBe(true);
    for (const notice of chosen) await both({ label: 'notice by reference', query: NOTICE_QUERY, variables: { reference: notice.reference } });
    await both({ label: 'unknown notice', query: NOTICE_QUERY, variables: { reference: '2026-NOPE-0001' } });

    expect(differences).toEqual([]);
  });

  it('answers the buyers, indicators, plan, trainings, charter and advice documents with the same JSON', async () => {
    differences.length = 0;
    const first = await both<{ indicatorYears: number[]; organisations: { siren: string | null; slug: string }[] }>({ label: 'indicators first read', query: FIRST_QUERY });
    const scopes: Scope[] = [
      { all: true },
      ...first.indicatorYears.map((year) => ({ year })),
      ...first.organisations.flatMap((organisation) => (organisation.siren ? [{ siren: organisation.siren }] : [])),
    ];
    await both({ label: 'indicator scopes', ...scopesQuery(scopes) });
    const { purchasingFamilies } = await both<{ purchasingFamilies: { slug: string }[] }>({ label: 'families', query: '{ purchasingFamilies { slug name description cpvPrefixes } }' });
    for (const family of purchasingFamilies) {
      await both({
        label: 'family indicators',
        query: `query F($slug: String) { indicators(familySlug: $slug) { noticeCount awardedLotCount awardedAmount savings { lotCount estimatedAmount awardedAmount savedAmount rate }
          sustainability { target meetsTarget sustainable { noticeCount noticeShare amount amountShare } } byProcedure { key label noticeCount awardedAmount } } }`,
        variables: { slug: family.slug },
      });
    }
    for (const organisation of first.organisations) {
      await both({ label: 'organisation', query: 'query O($slug: String!) { organisation(slug: $slug) { siren slug name kind inseeCode population } }', variables: { slug: organisation.slug } });
    }

    await allPages({ label: 'forward plan', query: PLANNED_PURCHASES_PAGE_QUERY, variables: { first: 20, statuses: PUBLIC_PLAN_STATUSES } }, 'plannedPurchases');
    await both({ label: 'plan announcement', query: PLAN_ANNOUNCEMENT_QUERY });
    for (const year of first.indicatorYears) {
      await both({ label: 'plan announcement of a year', query: 'query Y($year: Int) { planAnnouncementIndicators(year: $year) { total { publishedNotices announcedNotices announcedEarly earlyShare } } }', variables: { year } });
    }
    await both({ label: 'trainings', query: TRAININGS_QUERY });
    await both({ label: 'coming sessions', query: '{ comingTrainingSessions(first: 200) { id startsAt endsAt place isRemote capacity seatsLeft training { slug } } }' });
    await both({ label: 'charter', query: CHARTER_QUERY });
    await both({ label: 'advice statistics', query: ADVICE_STATISTICS_QUERY });
    for (const text of ['travaux', 'ÉCOLE', 'nettoyage des vitres', '4523']) {
      await both({ label: 'CPV search', query: 'query C($text: String!) { cpvSearch(text: $text, first: 50) { code label } }', variables: { text } });
    }

    expect(differences).toEqual([]);
  });

  it('serves the same open-data files (byte for byte but for the OCDS package’s export instant)', async () => {
    for (const file of ['decp.json', 'ocds.json', 'lots.csv']) {
      const [fromSqlite, fromPostgresql] = await Promise.all(
        [sqliteHub, postgresqlHub].map(async (hub) => {
          const response = await fetch(hub.url.replace(/\/graphql$/, `/opendata/${file}`));
          return { status: response.status, etag: response.headers.get('etag'), body: await response.text() };
        }),
      );
      expect(fromSqlite!.status, file).toBe(200);
      // DECP lists awarded contracts (the demo's); the others every public notice.
      expect(fromSqlite!.body.length, file).toBeGreaterThan(file === 'decp.json' ? 1_000 : 1_000_000);
      if (file === 'ocds.json') {
        const [a, b] = [JSON.parse(fromSqlite!.body), JSON.parse(fromPostgresql!.body)];
        alignRequestInstant(a, b, 'publishedDate');
        expect(firstDifference(a, b), file).toBeNull();
      } else {
        expect(firstDifference(fromSqlite!.body.split('\n'), fromPostgresql!.body.split('\n')), file).toBeNull();
        expect(fromPostgresql!.etag, file).toBe(fromSqlite!.etag);
      }
    }
    console.log(`copy-database at scale: ${compared} GraphQL requests compared`);
  });
});
