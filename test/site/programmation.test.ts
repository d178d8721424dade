import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../site/src/lib/format/date.js';
import { PLAN_COLUMNS } from '../../site/src/lib/plan/csv.js';
import { parseCsv } from '../../site/src/lib/test-support/csv.js';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from '../../packages/hub/src/test-support/chromium.js';
import { graphql, REPO_ROOT, startSeededHub, type RunningHub } from './support/hub-process.js';
import { XMLParser } from './support/site-deps.js';
import { startSiteUnderTest, type SiteUnderTest } from './support/site-under-test.js';

// The forward purchasing plan on the public site: the demo hub's plan (a launched line, a withdrawn one, a draft)
// plus sixty lines written through the API by two buyers, one of them with text made to break HTML, CSV and RSS.
// A real build, read back page by page and checked against what the hub's own filters answer.

const EXTRA = 60;
const PAGE_SIZE = 50;
const HOSTILE_SUBJECT = '=HYPERLINK("http://x") <script>alert(1)</script> & « guillemets », virgule';
const PASSWORD = 'demo-dracenie-2026';

interface HubPlan {
  reference: string;
  subject: string;
  status: 'PUBLISHED' | 'LAUNCHED' | 'WITHDRAWN';
  publishedAt: string;
  withdrawalReason: string | null;
  organisation: { slug: string; siren: string };
  notice: { reference: string } | null;
}

const PLAN_FIELDS = 'reference subject status publishedAt withdrawalReason organisation { slug siren } notice { reference }';
const LIST = `query($after: String, $filter: PlannedPurchaseFilter, $statuses: [PlannedPurchaseStatus!]) {
  plannedPurchases(first: 200, after: $after, filter: $filter, statuses: $statuses) {
    pageInfo { hasNextPage endCursor } edges { node { ${PLAN_FIELDS} } } } }`;
const CREATE = 'mutation($input: CreatePlannedPurchaseInput!) { createPlannedPurchase(input: $input) { reference } }';
const PUBLISH = 'mutation($reference: String!) { publishPlannedPurchase(reference: $reference) { reference } }';

async function hubPlans(url: string, filter: Record<string, unknown> = {}, statuses?: string[]): Promise<HubPlan[]> {
  const all: HubPlan[] = [];
  let after: string | null = null;
  for (;;) {
    type Answer = { plannedPurchases: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: HubPlan }[] } };
    const answer: Answer = await graphql<Answer>(url, LIST, { after, filter, statuses });
    all.push(...answer.plannedPurchases.edges.map((edge) => edge.node));
    if (!answer.plannedPurchases.pageInfo.hasNextPage) return all;
    after = answer.plannedPurchases.pageInfo.endCursor;
  }
}

const CPVS = ['45321000-3', '90910000-9', '55523100-3', '30121100-4'];
const PLACES = ['83050', '83072', '83148', null];

/** The demo hub, then sixty published lines over the four quarters of 2027, several families and communes. */
async function startHubWithPlan(): Promise<RunningHub> {
  const hub = await startSeededHub();
  try {
    const token = async (email: string) =>
      (await graphql<{ login: { token: string } }>(hub.graphqlUrl, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: PASSWORD })).login.token;
    const buyers = [await token('acheteur@demo.draguignan.example'), await token('acheteuse@demo.lorgues.example')];
    for (let index = 0; index < EXTRA; index++) {
      const input = {
        subject: index === 7 ? HOSTILE_SUBJECT : `Achat prévu numéro ${index + 1}`,
        description: index === 7 ? 'Ligne 1\nLigne 2 <b>gras</b> ]]> &amp;' : 'Description de l’achat prévu.',
        cpv: CPVS[index % CPVS.length],
        launchYear: 2027,
        launchQuarter: (index % 4) + 1,
        amountBand: 'FROM_40K_TO_90K',
        procedure: 'ADAPTED',
        ...(PLACES[index % 3] ? { placeOfPerformanceInseeCode: PLACES[index % 3] } : {}),
        environmentalClause: index % 2 === 0,
        socialClause: index % 3 === 0,
        reservedFor: 'NONE',
        contactService: 'Service de la commande publique',
        contactEmail: 'marches@ville.example',
      };
      const buyer = buyers[index % 5 === 0 ? 1 : 0]!;
      const { createPlannedPurchase } = await graphql<{ createPlannedPurchase: { reference: string } }>(hub.graphqlUrl, CREATE, { input }, buyer);
      await graphql(hub.graphqlUrl, PUBLISH, { reference: createPlannedPurchase.reference }, buyer);
    }
    return hub;
  } catch (error) {
    await hub.stop();
    throw error;
  }
}

/** The planned purchases a page lists, in document order. */
function referencesIn(html: string): string[] {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  return [...main.matchAll(/<tr data-planned-purchase="([^"]+)"/g)].map((match) => match[1]!);
}

function headLink(html: string, rel: 'prev' | 'next'): string | null {
  const head = html.slice(0, html.indexOf('</head>'));
  return new RegExp(`<link rel="${rel}" href="([^"]+)"`).exec(head)?.[1] ?? null;
}

/** The text of the HTML, tags dropped and spaces (no-break ones included) made plain. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replace(/[\s\u00A0\u202F]+/g, ' ');

const hasChromium = chromiumAvailable();

describe('the forward purchasing plan on the public site', () => {
  let site: SiteUnderTest;
  let listed: HubPlan[];
  let withdrawn: HubPlan[];

  beforeAll(async () => {
    site = await startSiteUnderTest({ startHub: startHubWithPlan, browser: hasChromium });
    listed = await hubPlans(site.hub.graphqlUrl);
    withdrawn = await hubPlans(site.hub.graphqlUrl, {}, ['WITHDRAWN']);
  }, 600_000);

  afterAll(() => site?.close());

  const get = async (pathname: string) => {
    const response = await fetch(`${site.url}${pathname}`);
    expect(response.status, pathname).toBe(200);
    return response.text();
  };

  /** Follows rel=next from `first`; every page holds at most fifty lines and names its neighbours. */
  async function walk(first: string): Promise<{ pages: string[]; references: string[][] }> {
    const pages: string[] = [];
    const references: string[][] = [];
    let pathname: string | null = first;
    while (pathname) {
      expect(pages, 'no page is visited twice').not.toContain(pathname);
      const html = await get(pathname);
      pages.push(pathname);
      references.push(referencesIn(html));
      expect(headLink(html, 'prev')).toBe(pages.at(-2) ?? null);
      pathname = headLink(html, 'next');
    }
    for (const onPage of references) expect(onPage.length).toBeLessThanOrEqual(PAGE_SIZE);
    return { pages, references };
  }

  it('lists every announced planned purchase once across the pages of /programmation/, in the hub’s order', async () => {
    expect(listed.length).toBeGreaterThan(EXTRA);
    const { pages, references } = await walk('/programmation/');
    expect(pages).toEqual(['/programmation/', '/programmation/page/2/']);
    expect(references.flat()).toEqual(listed.map((plan) => plan.reference));
    const second = await get('/programmation/page/2/');
    expect(second).toContain(`Achats prévus 51 à ${listed.length} sur ${listed.length}, page 2 sur 2.`);
  });

  it('gives each quarter, commune, family and buyer a list holding exactly what the hub’s filter answers', async () => {
    const reference = await graphql<{
      communes: { inseeCode: string; slug: string }[];
      organisations: { siren: string | null; slug: string }[];
      purchasingFamilies: { slug: string }[];
    }>(site.hub.graphqlUrl, '{ communes { inseeCode slug } organisations { siren slug } purchasingFamilies { slug } }');
    const index = await get('/programmation/');
    const facetLinks = [...index.matchAll(/href="\/programmation\/(trimestre|commune|famille|acheteur)\/([^"/]+)\/"/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(new Set(facetLinks.map(([facet]) => facet))).toEqual(new Set(['trimestre', 'commune', 'famille', 'acheteur']));
    for (const [facet, slug] of facetLinks) {
      let filter: Record<string, unknown>;
      if (facet === 'trimestre') {
        const [, year, quarter] = /^(\d{4})-t([1-4])$/.exec(slug)!;
        filter = { launchYear: Number(year), launchQuarter: Number(quarter) };
      } else if (facet === 'commune') filter = { communeInseeCode: reference.communes.find((c) => c.slug === slug)!.inseeCode };
      else if (facet === 'famille') filter = { familySlug: slug };
      else filter = { organisationSiren: reference.organisations.find((o) => o.slug === slug)!.siren };
      const expected = (await hubPlans(site.hub.graphqlUrl, filter)).map((plan) => plan.reference);
      const { references } = await walk(`/programmation/${facet}/${slug}/`);
      expect(references.flat(), `${facet}/${slug}`).toEqual(expected);
    }
  });

  it('links a launched planned purchase to its notice, and the notice page says it was announced, and when', async () => {
    const launched = listed.find((plan) => plan.status === 'LAUNCHED')!;
    const planPage = await get(`/programmation/${launched.reference}/`);
    expect(text(planPage)).toContain('Cet achat est lancé');
    expect(planPage).toContain(`href="/avis/${launched.notice!.reference}/"`);
    const noticePage = await get(`/avis/${launched.notice!.reference}/`);
    expect(noticePage).toContain(`href="/programmation/${launched.reference}/"`);
    expect(text(noticePage).replaceAll(' )', ')')).toContain(
      `Annoncé dans la programmation prévisionnelle des achats le ${formatDateTime(launched.publishedAt).replace(/[\u00A0\u202F]/g, ' ')} (achat prévu n° ${launched.reference})`,
    );
  });

  it('keeps the page of a withdrawn planned purchase with its reason, listed apart from the plan', async () => {
    expect(withdrawn.length, 'the demo withdrew one').toBeGreaterThan(0);
    for (const plan of withdrawn) {
      const html = text(await get(`/programmation/${plan.reference}/`));
      expect(html).toContain('Cet achat a été retiré de la programmation');
      expect(html).toContain(`Motif : ${plan.withdrawalReason}`);
    }
    const { references } = await walk('/programmation/retires/');
    expect(new Set(references.flat())).toEqual(new Set(withdrawn.map((plan) => plan.reference)));
  });

  it('shows text made to break pages as text, on the list and on its own page', async () => {
    const hostile = listed.find((plan) => plan.subject === HOSTILE_SUBJECT)!;
    const html = await get(`/programmation/${hostile.reference}/`);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(text(html)).toContain(HOSTILE_SUBJECT);
  });

  it('writes every public planned purchase to the CSV, one documented column each, formulas neutralised', async () => {
    const rows = parseCsv(await get('/donnees/programmation.csv'));
    expect(rows[0]).toEqual(PLAN_COLUMNS.map((column) => column.name));
    const byReference = new Map(rows.slice(1).map((row) => [row[0]!, row]));
    expect(new Set(byReference.keys())).toEqual(new Set([...listed, ...withdrawn].map((plan) => plan.reference)));
    for (const row of rows.slice(1)) expect(row).toHaveLength(PLAN_COLUMNS.length);
    const hostile = listed.find((plan) => plan.subject === HOSTILE_SUBJECT)!;
    const subject = PLAN_COLUMNS.findIndex((column) => column.name === 'subject');
    expect(byReference.get(hostile.reference)![subject]).toBe(`'${HOSTILE_SUBJECT}`);
    const donnees = await get('/donnees/');
    expect(donnees).toContain('href="/donnees/programmation.csv"');
    for (const column of PLAN_COLUMNS) expect(donnees).toContain(`<code>${column.name}</code>`);
  });

  it('announces the latest fifty planned purchases in a valid RSS feed, newest first', async () => {
    const xml = await get('/flux/programmation.xml');
    const feed = new XMLParser().parse(xml) as { rss: { channel: { item: { title: string; link: string }[] } } };
    const items = feed.rss.channel.item;
    const newest = [...listed].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || (a.reference < b.reference ? -1 : 1)).slice(0, 50);
    expect(items.map((item) => item.title)).toEqual(newest.map((plan) => `${plan.subject} (${plan.reference})`));
    expect(items[0]!.link).toMatch(/^https?:\/\/[^/]+\/programmation\/PREV-/);
    expect(await get('/flux/')).toContain('href="/flux/programmation.xml"');
  });

  it('shows a buyer’s and a family’s coming planned purchases on their pages, linked to their whole plan, and their number on the home page', async () => {
    const buyer = await get('/acheteurs/lorgues/');
    expect(buyer).toContain('<h2 id="plan-section-title">Achats prévus</h2>');
    expect(buyer).toContain('href="/programmation/acheteur/lorgues/"');
    expect(referencesIn(buyer).length).toBeGreaterThan(0);
    expect(referencesIn(buyer).length).toBeLessThanOrEqual(5);
    const family = await get('/familles/batiments/');
    expect(family).toContain('href="/programmation/famille/batiments/"');
    const coming = listed.filter((plan) => plan.status === 'PUBLISHED').length;
    expect(text(await get('/'))).toContain(`${coming} achats annoncés dans la programmation prévisionnelle`);
  });

  it('never writes a draft planned purchase into the built site', async () => {
    const { DEMO_STAFF } = (await import(path.join(REPO_ROOT, 'packages/hub/dist/seed/demo.seed.js'))) as { DEMO_STAFF: readonly { email: string }[] };
    const admin = (await graphql<{ login: { token: string } }>(site.hub.graphqlUrl, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: DEMO_STAFF[0]!.email, p: PASSWORD })).login.token;
    const { staffPlannedPurchases } = await graphql<{ staffPlannedPurchases: { edges: { node: { reference: string; subject: string } }[] } }>(
      site.hub.graphqlUrl,
      '{ staffPlannedPurchases(first: 200, statuses: [DRAFT]) { edges { node { reference subject } } } }',
      {},
      admin,
    );
    const drafts = staffPlannedPurchases.edges.map((edge) => edge.node);
    expect(drafts.length, 'the demo has a draft').toBeGreaterThan(0);
    const files = (await readdir(site.distDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && /\.(html|csv|xml|json)$/.test(entry.name));
    for (const file of files) {
      const content = await readFile(path.join(file.parentPath, file.name), 'utf8');
      for (const draft of drafts) {
        expect(content.includes(draft.reference), `${file.name} names the draft ${draft.reference}`).toBe(false);
        expect(content.includes(draft.subject), `${file.name} names the draft ${draft.subject}`).toBe(false);
      }
    }
  });

  it.skipIf(!hasChromium)('reads on a 320 px screen without JavaScript: no sideways scroll, the menu item current, a commune’s plan one click away', async () => {
    const context = await site.browser!.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    try {
      const page = await context.newPage();
      for (const pathname of ['/programmation/', `/programmation/${listed[0]!.reference}/`]) {
        await page.goto(`${site.url}${pathname}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, pathname).toBeLessThanOrEqual(0);
        await expect(page.locator('nav[aria-label="Menu principal"] a[href="/programmation/"]').getAttribute('aria-current')).resolves.toBe('page');
      }
      await page.goto(`${site.url}/programmation/`);
      await page.getByText('Par commune').click();
      await page.getByRole('link', { name: 'Lorgues', exact: true }).click();
      await page.waitForURL('**/programmation/commune/lorgues/');
      await expect(page.locator('h1').textContent()).resolves.toBe('Achats prévus à Lorgues');
    } finally {
      await context.close();
    }
  });

  it.skipIf(!hasChromium)('keeps the plan’s pages free of accessibility violations found by axe-core, with JavaScript on or off', async () => {
    const launched = listed.find((plan) => plan.status === 'LAUNCHED')!;
    const pathnames = [
      '/programmation/',
      '/programmation/page/2/',
      '/programmation/trimestre/2027-t2/',
      `/programmation/${launched.reference}/`,
      `/programmation/${withdrawn[0]!.reference}/`,
      '/programmation/retires/',
      '/acheteurs/lorgues/',
    ];
    expect(await axeViolations(site.browser!, site.url, pathnames)).toEqual([]);
  }, 300_000);
});
