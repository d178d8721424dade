import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatShortDate } from '../../site/src/lib/format/date.js';
import { formatEuros } from '../../site/src/lib/format/money.js';
import { STATUS_LABELS } from '../../site/src/lib/format/labels.js';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from '../../packages/hub/src/test-support/chromium.js';
import { graphql, REPO_ROOT, startSeededHub } from './support/hub-process.js';
import { nodeIcal, XMLParser } from './support/site-deps.js';
import { startSiteUnderTest, type SiteUnderTest } from './support/site-under-test.js';

// One real hub (seeded with the demo), one real build, one static server and one Chromium for every test here:
// a build takes several seconds, the assertions do not.

interface HubNotice {
  reference: string;
  title: string;
  status: string;
  isOpen: boolean;
  submissionDeadline: string;
  estimatedValue: number | null;
  corrigenda: { reason: string; publishedAt: string }[];
  nature: 'WORKS' | 'SUPPLIES' | 'SERVICES';
  lots: { title: string; cpv: { code: string; label: string }; award: { supplierName: string } | null }[];
}

const NOTICES_QUERY = `query($after: String, $statuses: [NoticeStatus!]) {
  notices(first: 200, after: $after, sort: DEADLINE_ASC, filter: { statuses: $statuses }) {
    pageInfo { hasNextPage endCursor }
    edges { node { reference title status isOpen submissionDeadline estimatedValue nature
      lots { title cpv { code label } award { supplierName } } corrigenda { reason publishedAt } } }
  }
}`;

async function hubNotices(url: string, statuses?: string[]): Promise<HubNotice[]> {
  const all: HubNotice[] = [];
  let after: string | null = null;
  for (;;) {
    type Page = { notices: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: HubNotice }[] } };
    const page: Page = await graphql<Page>(url, NOTICES_QUERY, { after, statuses });
    all.push(...page.notices.edges.map((e) => e.node));
    if (!page.notices.pageInfo.hasNextPage) return all;
    after = page.notices.pageInfo.endCursor;
  }
}

const NATURE_SLUG = { WORKS: 'travaux', SUPPLIES: 'fournitures', SERVICES: 'services' } as const;
const NATURE_LABEL = { WORKS: 'Travaux', SUPPLIES: 'Fournitures', SERVICES: 'Services' } as const;

const hasChromium = chromiumAvailable();

describe.skipIf(!hasChromium)('the public site, built from a real hub and read in Chromium', () => {
  let site: SiteUnderTest<Browser>;
  let all: HubNotice[];
  let open: HubNotice[];

  beforeAll(async () => {
    site = await startSiteUnderTest({ startHub: startSeededHub, browser: true });
    console.info(`site build at the demo size: ${site.build.seconds.toFixed(1)} s`);
    all = await hubNotices(site.hub.graphqlUrl);
    open = await hubNotices(site.hub.graphqlUrl, ['PUBLISHED']);
  });

  afterAll(() => site?.close());

  async function visit(pathname: string, options: { javaScript?: boolean; width?: number } = {}): Promise<Page> {
    const context = await site.browser.newContext({
      javaScriptEnabled: options.javaScript ?? true,
      viewport: { width: options.width ?? 1280, height: 900 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    const page = await context.newPage();
    await page.goto(`${site.url}${pathname}`);
    return page;
  }

  const listed = (page: Page) =>
    page.locator('[data-filter-list] > [data-notice]:visible').evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-notice')),
    );

  it('lists exactly the notices the hub says are open, soonest deadline first', async () => {
    expect(open.length).toBeGreaterThan(1);
    const page = await visit('/avis/');
    const references = await listed(page);
    expect(new Set(references)).toEqual(new Set(open.map((n) => n.reference)));
    const deadlineOf = new Map(open.map((n) => [n.reference, Date.parse(n.submissionDeadline)]));
    const deadlines = references.map((ref) => deadlineOf.get(ref!)!);
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    await expect(page.getByRole('status').textContent()).resolves.toBe(`${open.length} avis ouverts.`);
    const home = await visit('/');
    await expect(home.locator('.key-figure').textContent()).resolves.toBe(String(open.length));
    await page.context().close();
    await home.context().close();
  });

  it('never lists a closed, awarded, unsuccessful or cancelled notice as open', async () => {
    const page = await visit('/avis/');
    const references = new Set(await listed(page));
    const notOpen = all.filter((n) => n.status !== 'PUBLISHED');
    expect(notOpen.length).toBeGreaterThan(0);
    for (const notice of notOpen) expect(references.has(notice.reference)).toBe(false);
    await page.context().close();
  });

  it('filters by nature with JavaScript off, through a static page that links its own feed', async () => {
    const nature = (['WORKS', 'SERVICES', 'SUPPLIES'] as const).find((n) => open.some((o) => o.nature === n))!;
    const page = await visit('/avis/', { javaScript: false });
    await expect(page.locator('[data-filter-form]').isVisible()).resolves.toBe(false);
    await page.getByText('Par nature du marché').click();
    await page.getByRole('link', { name: NATURE_LABEL[nature], exact: true }).click();
    await page.waitForURL(`**/avis/nature/${NATURE_SLUG[nature]}/`);
    const expected = open.filter((n) => n.nature === nature).map((n) => n.reference);
    expect(new Set(await listed(page))).toEqual(new Set(expected));
    expect(await listed(page)).toHaveLength(expected.length);
    await expect(page.locator('[data-feed-link]').getAttribute('href')).resolves.toBe(
      `/flux/nature/${NATURE_SLUG[nature]}.xml`,
    );
    await page.context().close();
  });

  it('with JavaScript, filters in place, keeps the choice in the URL and announces the count', async () => {
    const nature = (['WORKS', 'SERVICES', 'SUPPLIES'] as const).find((n) => open.some((o) => o.nature === n))!;
    const expected = open.filter((n) => n.nature === nature).map((n) => n.reference);
    const page = await visit('/avis/');
    await page.getByLabel('Nature du marché').selectOption(NATURE_SLUG[nature]);
    const announcement =
      expected.length === 1
        ? '1 avis ouvert correspond à vos critères.'
        : `${expected.length} avis ouverts correspondent à vos critères.`;
    await expect.poll(() => page.getByRole('status').textContent()).toBe(announcement);
    expect(new URL(page.url()).search).toBe(`?nature=${NATURE_SLUG[nature]}`);
    expect(new Set(await listed(page))).toEqual(new Set(expected));
    await expect(page.locator('[data-feed-link]').getAttribute('href')).resolves.toBe(
      `/flux/nature/${NATURE_SLUG[nature]}.xml`,
    );

    // The URL is enough to get the same selection back (shared link, reload).
    await page.reload();
    await expect(page.getByLabel('Nature du marché').inputValue()).resolves.toBe(NATURE_SLUG[nature]);
    expect(new Set(await listed(page))).toEqual(new Set(expected));
    await page.getByRole('link', { name: 'Effacer les filtres' }).click();
    await expect.poll(() => listed(page).then((r) => r.length)).toBe(open.length);
    expect(new URL(page.url()).search).toBe('');
    await page.context().close();
  });

  it('marks a corrected notice « Rectifié » next to its deadline, on its page and on its card, and gives each card its estimated value', async () => {
    const corrected = open.find((n) => n.corrigenda.length > 0);
    expect(corrected, 'the demo has an open corrected notice').toBeDefined();
    const latest = corrected!.corrigenda.map((c) => c.publishedAt).sort().at(-1)!;
    const mark = `Rectifié le ${formatShortDate(latest)}`;
    const page = await visit(`/avis/${corrected!.reference}/`, { width: 390 });
    const deadlineLine = page.locator('p', { hasText: 'Date limite de remise des offres' }).first();
    await expect(deadlineLine.locator('[data-corrected]').textContent()).resolves.toBe(mark);
    await page.context().close();

    const list = await visit('/avis/', { width: 390 });
    for (const notice of open) {
      const card = list.locator(`li.notice-card[data-notice="${notice.reference}"]`);
      const text = (await card.textContent())!.replace(/\s+/g, ' ');
      if (notice.estimatedValue === null) expect(text).not.toContain('Valeur estimée');
      else expect(text).toContain(`Valeur estimée : ${formatEuros(notice.estimatedValue)} HT`.replace(/\s+/g, ' '));
      if (notice.corrigenda.length > 0) expect(text).toContain('Rectifié le');
      else expect(await card.locator('[data-corrected]').count()).toBe(0);
    }
    await list.context().close();
  });

  it('shows a notice with its deadline, lots and CPV codes, corrections and awards', async () => {
    const corrected = all.find((n) => n.corrigenda.length > 0);
    const awarded = all.find((n) => n.lots.some((lot) => lot.award));
    expect(corrected, 'the demo has a corrected notice').toBeDefined();
    expect(awarded, 'the demo has an awarded notice').toBeDefined();

    const page = await visit(`/avis/${corrected!.reference}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(corrected!.title);
    const text = (await page.locator('main').textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain(`Date limite de remise des offres : ${formatDateTime(corrected!.submissionDeadline)}`);
    for (const lot of corrected!.lots) {
      expect(text).toContain(lot.title);
      expect(text).toContain(`${lot.cpv.code} — ${lot.cpv.label}`);
    }
    expect(text).toContain('Rectificatif n° 1');
    for (const corrigendum of corrected!.corrigenda) expect(text).toContain(`Motif : ${corrigendum.reason}`);
    await page.context().close();

    const awardedPage = await visit(`/avis/${awarded!.reference}/`);
    const awardTable = awardedPage.getByRole('table', { name: 'Résultat par lot' });
    for (const lot of awarded!.lots.filter((l) => l.award)) {
      await expect(awardTable.getByText(lot.award!.supplierName).first().isVisible()).resolves.toBe(true);
    }
    await awardedPage.context().close();
  });

  it('marks an open notice closed once the visitor’s clock passes its deadline', async () => {
    const notice = open[0]!;
    const context = await site.browser.newContext({ timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await page.clock.install({ time: new Date(Date.parse(notice.submissionDeadline) + 60_000) });
    await page.goto(`${site.url}/avis/${notice.reference}/`);
    await expect.poll(() => page.locator('article').getAttribute('data-closed')).toBe('');
    await expect(page.locator('[data-status-badge]').textContent()).resolves.toContain('Clos');
    await expect(page.getByText('Cette date est passée').isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('finds a notice from a word of its title with the search page', async () => {
    const notice = all.find((n) => n.title.split(/\s+/).some((w) => w.length >= 8))!;
    const word = notice.title.split(/\s+/).find((w) => w.length >= 8)!.replace(/[^\p{L}-]/gu, '');
    const page = await visit('/recherche/');
    await page.locator('pagefind-input input').fill(word);
    const result = page.locator(`pagefind-results a[href*="/avis/${notice.reference}/"]`);
    await result.first().waitFor({ timeout: 20_000 });
    await page.context().close();
  });

  it('finds « voirie » only in notices whose own text holds it, not in the links every notice has, each result with its status and deadline', async () => {
    const page = await visit('/recherche/');
    await page.locator('pagefind-input input').fill('voirie');
    const links = page.locator('pagefind-results a.pf-result-link');
    await links.first().waitFor({ timeout: 20_000 });
    // Pagefind draws placeholders first, then each result's data: wait until every result shows its facts line.
    await expect.poll(async () => (await page.locator('[data-search-facts]').count()) === (await links.count()) && (await links.count()) > 0, { timeout: 20_000 }).toBe(true);
    const results = await page.locator('pagefind-results li.pf-result').evaluateAll((items) =>
      items.map((item) => ({
        href: item.querySelector('a.pf-result-link')!.getAttribute('href')!,
        facts: item.querySelector('[data-search-facts]')!.textContent!.trim(),
      })),
    );
    const withVoirie = all.filter((notice) => /voirie/i.test(notice.title));
    expect(withVoirie.length).toBeGreaterThan(0);
    for (const notice of withVoirie) expect(results.map((result) => result.href)).toContain(`/avis/${notice.reference}/`);
    for (const result of results) {
      const notice = all.find((candidate) => result.href === `/avis/${candidate.reference}/`)!;
      expect(notice, result.href).toBeDefined();
      const labels: string[] = Object.values(STATUS_LABELS);
      const [status, deadline] = result.facts.split(' · date limite de remise des offres : ');
      expect(labels, result.facts).toContain(status);
      expect(deadline).toBe(formatDateTime(notice.submissionDeadline));
      // What Pagefind indexed of the page (its body, less what it ignores) holds the word itself.
      const notePage = await visit(result.href, { javaScript: false });
      const indexed = await notePage.locator('[data-pagefind-body]').evaluate((body) => {
        const copy = body.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[data-pagefind-ignore]').forEach((element) => element.remove());
        return copy.textContent ?? '';
      });
      expect(indexed, result.href).toMatch(/voirie/i);
      expect(indexed).not.toMatch(/Voir la consultation|Télécharger le dossier|Date limite de remise/);
      await notePage.context().close();
    }
    await page.context().close();
  });

  it('says without JavaScript that search needs it, and links the lists instead', async () => {
    const page = await visit('/recherche/', { javaScript: false });
    await expect(page.getByText('La recherche plein texte a besoin de JavaScript').isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('publishes RSS feeds that an independent XML parser reads, with working links', async () => {
    const page = await visit('/');
    for (const feed of ['/flux/avis.xml', `/flux/nature/${NATURE_SLUG[open[0]!.nature]}.xml`]) {
      const xml = await (await fetch(`${site.url}${feed}`)).text();
      // The browser's own strict XML parser, then fast-xml-parser.
      const parserError = await page.evaluate(
        (source) => new DOMParser().parseFromString(source, 'application/xml').querySelector('parsererror')?.textContent,
        xml,
      );
      expect(parserError).toBeUndefined();
      const channel = new XMLParser().parse(xml).rss.channel;
      const items = [channel.item].flat();
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const link = new URL(item.link as string);
        expect((await fetch(`${site.url}${link.pathname}`)).status).toBe(200);
      }
    }
    await page.context().close();
  });

  it('publishes an iCalendar file with one event per open deadline', async () => {
    const text = await (await fetch(`${site.url}/avis/echeances.ics`)).text();
    const events = Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c.type === 'VEVENT');
    expect(events.map((e) => e.uid!.split('@')[0]).sort()).toEqual(open.map((n) => n.reference).sort());
    for (const event of events) {
      const notice = open.find((n) => event.uid!.startsWith(`${n.reference}@`))!;
      expect(event.start!.toISOString()).toBe(new Date(notice.submissionDeadline).toISOString());
    }
  });

  it('lists every notice page in the files sitemap.xml indexes', async () => {
    const index = new XMLParser().parse(await (await fetch(`${site.url}/sitemap.xml`)).text());
    const files = [index.sitemapindex.sitemap].flat().map((s: { loc: string }) => new URL(s.loc).pathname);
    expect(files).toContain('/sitemaps/pages.xml');
    const locs: string[] = [];
    for (const file of files) {
      const xml = await (await fetch(`${site.url}${file}`)).text();
      locs.push(...[new XMLParser().parse(xml).urlset.url].flat().map((u: { loc: string }) => new URL(u.loc).pathname));
    }
    for (const notice of all) expect(locs).toContain(`/avis/${notice.reference}/`);
    expect(locs).toContain('/avis/');
    expect(locs.some((l: string) => l.includes('404'))).toBe(false);
  });

  it('answers an unknown address with the French 404 page', async () => {
    const response = await fetch(`${site.url}/avis/2099-XXX-0001/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page introuvable');
  });

  it('offers JSON and CSV downloads of every public notice, one CSV row per lot', async () => {
    const json = (await (await fetch(`${site.url}/donnees/avis.json`)).json()) as { notices: { reference: string }[] };
    expect(json.notices.map((n) => n.reference).sort()).toEqual(all.map((n) => n.reference).sort());
    const csv = await (await fetch(`${site.url}/donnees/avis-lots.csv`)).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines.length - 1).toBe(all.reduce((sum, n) => sum + n.lots.length, 0));
  });

  it('lets a keyboard user skip to the content first thing', async () => {
    const page = await visit('/avis/');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Aller au contenu');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('contenu');
    await page.context().close();
  });

  it('is readable at 320 px wide without horizontal scrolling', async () => {
    for (const pathname of ['/', '/avis/', `/avis/${all[0]!.reference}/`, '/archives/', '/donnees/']) {
      const page = await visit(pathname, { width: 320 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, pathname).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  it('has no accessibility violation found by axe-core on any page template', async () => {
    const awarded = all.find((n) => n.status === 'AWARDED')!;
    const cancelled = all.find((n) => n.status === 'CANCELLED') ?? awarded;
    const templates = [
      '/',
      '/avis/',
      `/avis/nature/${NATURE_SLUG[open[0]!.nature]}/`,
      '/avis/commune/draguignan/',
      `/avis/${open[0]!.reference}/`,
      `/avis/${awarded.reference}/`,
      `/avis/${cancelled.reference}/`,
      '/archives/',
      '/acheteurs/',
      '/acheteurs/draguignan/',
      '/familles/',
      `/familles/${(await graphql<{ purchasingFamilies: { slug: string }[] }>(site.hub.graphqlUrl, '{ purchasingFamilies { slug } }')).purchasingFamilies[0]!.slug}/`,
      '/donnees/',
      '/flux/',
      '/recherche/',
      '/accessibilite/',
      '/404.html',
    ];
    const violations = await axeViolations(site.browser, site.url, templates, {
      prepare: async (page, pathname, javaScript) => {
        if (pathname === '/recherche/' && javaScript) {
          await page.locator('pagefind-input input').fill(open[0]!.title.split(' ')[0]!);
          await page.locator('pagefind-results a').first().waitFor();
        }
      },
    });
    expect(violations).toEqual([]);
  }, 300_000);

  it('contains no staff name or email and no draft anywhere in the built files', async () => {
    const { DEMO_STAFF, DEMO_PASSWORD } = (await import(
      path.join(REPO_ROOT, 'packages/hub/dist/seed/demo.seed.js')
    )) as { DEMO_STAFF: readonly { email: string; name: string }[]; DEMO_PASSWORD: string };
    const { login } = await graphql<{ login: { token: string } }>(
      site.hub.graphqlUrl,
      'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      { email: DEMO_STAFF[0]!.email, password: DEMO_PASSWORD },
    );
    const { draftNotices } = await graphql<{ draftNotices: { edges: { node: { reference: string; title: string } }[] } }>(
      site.hub.graphqlUrl,
      '{ draftNotices(first: 200) { edges { node { reference title } } } }',
      {},
      login.token,
    );
    const drafts = draftNotices.edges.map((e) => e.node);
    expect(drafts.length, 'the demo has drafts to look for').toBeGreaterThan(0);
    const secrets = [
      ...DEMO_STAFF.flatMap((staff) => [staff.email, staff.name]),
      ...drafts.flatMap((draft) => [draft.reference, draft.title]),
    ];
    // A reference is looked for as a whole token, in an ocid too (ocds-…-2026-DRA-0002): only a public planned
    // purchase PREV-2026-DRA-0002, another numbering, may contain the characters of the draft notice 2026-DRA-0002.
    const references = new Set(drafts.map((draft) => draft.reference));
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const occurs = (content: string, secret: string) =>
      references.has(secret) ? new RegExp(`(?<![\\w])(?<!PREV-)${escape(secret)}(?![\\w])`).test(content) : content.includes(secret);

    const files = (await readdir(site.distDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    const leaks: string[] = [];
    for (const file of files) {
      const content = await readFile(path.join(file.parentPath, file.name), 'utf8');
      for (const secret of secrets) if (occurs(content, secret)) leaks.push(`${secret} in ${file.name}`);
    }
    expect(files.length).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  });
});
