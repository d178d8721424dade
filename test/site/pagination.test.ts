import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../packages/hub/src/test-support/chromium.js';
import { graphql, startHubWithNotices } from './support/hub-process.js';
import { startSiteUnderTest, type SiteUnderTest } from './support/site-under-test.js';

// Every list of the site is paginated: a real hub holding lists of several pages (300 open notices, 70 past ones),
// a real build, and the pages read as a visitor reads them, with and without JavaScript. The open lists are cut by
// their notices (site/src/lib/notices/anchored-pages.ts: 8 to 100 a page, each page named after the notice before
// it); the registers (a buyer's, a family's, the archives) in numbered pages of fifty.

const OPEN = 300;
const PAST = 70;
const PAGE_SIZE = 50;
const MAX_OPEN_PAGE = 100;

interface HubNotice {
  reference: string;
  status: string;
  submissionDeadline: string;
  publishedAt: string;
  nature: 'WORKS' | 'SUPPLIES' | 'SERVICES';
  organisation: { slug: string };
}

const QUERY = `query($after: String) {
  notices(first: 200, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { reference status submissionDeadline publishedAt nature organisation { slug } } }
  }
}`;

async function hubNotices(url: string): Promise<HubNotice[]> {
  const all: HubNotice[] = [];
  let after: string | null = null;
  for (;;) {
    type Answer = { notices: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: HubNotice }[] } };
    const answer: Answer = await graphql<Answer>(url, QUERY, { after });
    all.push(...answer.notices.edges.map((e) => e.node));
    if (!answer.notices.pageInfo.hasNextPage) return all;
    after = answer.notices.pageInfo.endCursor;
  }
}

const NATURE_SLUG = { WORKS: 'travaux', SUPPLIES: 'fournitures', SERVICES: 'services' } as const;

/** A page's notices in document order: cards of lists (data-notice) and rows of tables (links to notice pages). */
function referencesIn(html: string): string[] {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  const cards = [...main.matchAll(/data-notice="([^"]+)"/g)].map((m) => m[1]!);
  const rows = [...main.matchAll(/<th scope="row"[^>]*>\s*<a href="\/avis\/([^"/]+)\/"/g)].map((m) => decodeURIComponent(m[1]!));
  return [...cards, ...rows];
}

function headLink(html: string, rel: 'prev' | 'next'): string | null {
  const head = html.slice(0, html.indexOf('</head>'));
  return new RegExp(`<link rel="${rel}" href="([^"]+)"`).exec(head)?.[1] ?? null;
}

const hasChromium = chromiumAvailable();

describe('every list of the site, cut into pages of fifty', () => {
  let site: SiteUnderTest;
  let all: HubNotice[];
  let open: HubNotice[];
  let past: HubNotice[];

  beforeAll(async () => {
    site = await startSiteUnderTest({ startHub: () => startHubWithNotices({ open: OPEN, past: PAST }), browser: hasChromium });
    all = await hubNotices(site.hub.graphqlUrl);
    open = all
      .filter((n) => n.status === 'PUBLISHED')
      .sort((a, b) => Date.parse(a.submissionDeadline) - Date.parse(b.submissionDeadline) || (a.reference < b.reference ? -1 : 1));
    past = all.filter((n) => n.status !== 'PUBLISHED');
  });

  afterAll(() => site?.close());

  const get = async (pathname: string) => {
    const response = await fetch(`${site.url}${pathname}`);
    expect(response.status, pathname).toBe(200);
    return response.text();
  };

  /** Follows rel=next from `first`, checking each page's rel=prev against the page before. */
  async function walk(first: string): Promise<{ pages: string[]; references: string[][]; html: string[] }> {
    const pages: string[] = [];
    const references: string[][] = [];
    const htmls: string[] = [];
    let pathname: string | null = first;
    while (pathname) {
      expect(pages, 'no page is visited twice').not.toContain(pathname);
      const html = await get(pathname);
      pages.push(pathname);
      references.push(referencesIn(html));
      htmls.push(html);
      expect(headLink(html, 'prev')).toBe(pages.at(-2) ?? null);
      pathname = headLink(html, 'next');
    }
    return { pages, references, html: htmls };
  }

  it('lists every open notice once across the pages of /avis/, soonest deadline first, each page named after the notice before it', async () => {
    expect(open).toHaveLength(OPEN);
    const { pages, references, html } = await walk('/avis/');
    expect(pages.length).toBeGreaterThan(2);
    expect(references.flat()).toEqual(open.map((n) => n.reference));
    for (const onPage of references) expect(onPage.length).toBeLessThanOrEqual(MAX_OPEN_PAGE);
    // /avis/, then /avis/suite/<the last notice of the page before>/.
    expect(pages[0]).toBe('/avis/');
    pages.slice(1).forEach((pathname, index) => expect(pathname).toBe(`/avis/suite/${references[index]!.at(-1)}/`));
    // Only the first page counts the whole list; the others say which deadlines they span, so a notice published or
    // closed elsewhere in the list leaves them as they are.
    expect(html[0]).toContain(`Avis 1 à ${references[0]!.length} sur 300, les plus urgents.`);
    const third = html[2]!;
    expect(third).toMatch(/<h1>Avis ouverts, dates? limites? (le|du) /);
    expect(third).not.toMatch(/sur\s+300\b/);
    expect(third).toContain(`<a href="${pages[1]}" rel="prev">Page précédente</a>`);
    expect(third).toContain('<a href="/avis/">Première page</a>');
    if (pages[3]) expect(third).toContain(`<a href="${pages[3]}" rel="next">Page suivante</a>`);
  });

  it('links the first page of /avis/ to the page of each month’s first deadline', async () => {
    const first = await get('/avis/');
    const nav = first.slice(first.indexOf('class="deadline-months"'), first.indexOf('</nav>', first.indexOf('class="deadline-months"')));
    const links = [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1]!, label: m[2]! }));
    const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
    const months = [...new Set(open.map((n) => month.format(new Date(n.submissionDeadline))))];
    expect(links.map((link) => link.label)).toEqual(months);
    for (const { href, label } of links) {
      const firstOfMonth = open.find((n) => month.format(new Date(n.submissionDeadline)) === label)!;
      expect(referencesIn(await get(href)), label).toContain(firstOfMonth.reference);
    }
  });

  it('cuts each facet page into pages that hold exactly the open notices of that value', async () => {
    for (const nature of ['WORKS', 'SUPPLIES', 'SERVICES'] as const) {
      const expected = open.filter((n) => n.nature === nature).map((n) => n.reference);
      const { pages, references } = await walk(`/avis/nature/${NATURE_SLUG[nature]}/`);
      for (const onPage of references) expect(onPage.length).toBeLessThanOrEqual(MAX_OPEN_PAGE);
      pages.slice(1).forEach((pathname, index) => expect(pathname).toBe(`/avis/nature/${NATURE_SLUG[nature]}/suite/${references[index]!.at(-1)}/`));
      expect(references.flat()).toEqual(expected);
    }
  });

  it('lists a buyer’s notices newest published first, fifty a page numbered from the oldest, each exactly once', async () => {
    const counts = new Map<string, number>();
    for (const notice of all) counts.set(notice.organisation.slug, (counts.get(notice.organisation.slug) ?? 0) + 1);
    const [slug] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const mine = all
      .filter((n) => n.organisation.slug === slug)
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || (a.reference < b.reference ? 1 : -1))
      .map((n) => n.reference);
    expect(mine.length, 'the buyer has more than one page').toBeGreaterThan(PAGE_SIZE);
    const { pages, references } = await walk(`/acheteurs/${slug}/`);
    const last = Math.ceil(mine.length / PAGE_SIZE);
    // The buyer's page holds the newest (what a publication changes), then pages last - 1 … 1, page 1 the oldest fifty.
    expect(pages).toEqual([`/acheteurs/${slug}/`, ...Array.from({ length: last - 1 }, (_, index) => `/acheteurs/${slug}/${last - 1 - index}/`)]);
    expect(references.flat()).toEqual(mine);
    expect(references.at(-1)).toHaveLength(PAGE_SIZE);
  });

  it('pages the archives, most recent deadline first, numbered from the oldest so that archiving a notice moves no numbered page', async () => {
    expect(past).toHaveLength(PAST);
    const { pages, references, html } = await walk('/archives/');
    // 70 archived notices: the front page holds the newest 20, page 1 the oldest 50.
    expect(pages).toEqual(['/archives/', '/archives/1/']);
    expect(references.map((r) => r.length)).toEqual([20, 50]);
    expect(html[0]).toContain('70 avis archivés.');
    expect(html[0]).toMatch(/<a href="\/archives\/" aria-current="page">Les plus récents<\/a>/);
    expect(html[1]).toContain('aria-current="page"><span class="visually-hidden">Page </span>1</a>');
    expect(html[1]).toMatch(/<a href="\/archives\/" rel="prev">Avis plus récents<\/a>/);
    expect(references.flat()).toEqual(
      [...past].sort((a, b) => Date.parse(b.submissionDeadline) - Date.parse(a.submissionDeadline) || (a.reference < b.reference ? -1 : 1)).map((n) => n.reference),
    );
  });

  it('keeps every HTML page of the build small, whatever the size of its list', async () => {
    const files = (await readdir(site.distDir, { recursive: true, withFileTypes: true })).filter(
      (e) => e.isFile() && e.name.endsWith('.html'),
    );
    let largest = { file: '', bytes: 0 };
    for (const file of files) {
      const full = path.join(file.parentPath, file.name);
      const { size } = await stat(full);
      if (size > largest.bytes) largest = { file: path.relative(site.distDir, full), bytes: size };
    }
    console.info(`largest HTML page: ${largest.file}, ${(largest.bytes / 1024).toFixed(1)} KiB`);
    // With fifty notices a page, a page's size no longer depends on how many notices the territory has.
    expect(largest.bytes).toBeLessThan(250 * 1024);
  });

  describe.skipIf(!hasChromium)('in Chromium', () => {
    async function visit(pathname: string, javaScript: boolean): Promise<Page> {
      const context = await (site.browser as Browser).newContext({ javaScriptEnabled: javaScript, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      const page = await context.newPage();
      await page.goto(`${site.url}${pathname}`);
      return page;
    }
    const listed = (page: Page) =>
      page.locator('[data-filter-list] > [data-notice]:visible').evaluateAll((items) => items.map((i) => i.getAttribute('data-notice')));

    it('without JavaScript, moves through the pages with the next, previous and first page links', async () => {
      const { pages, references } = await walk('/avis/');
      const page = await visit('/avis/', false);
      await page.getByRole('link', { name: 'Page suivante' }).first().click();
      await page.waitForURL(`**${pages[1]}`);
      expect(await listed(page)).toEqual(references[1]);
      await page.getByRole('link', { name: 'Page suivante' }).first().click();
      await page.waitForURL(`**${pages[2]}`);
      expect(await listed(page)).toEqual(references[2]);
      await page.getByRole('link', { name: 'Première page' }).first().click();
      await page.waitForURL('**/avis/');
      expect(await listed(page)).toEqual(references[0]);
      await page.getByRole('link', { name: 'Page suivante' }).first().click();
      await page.waitForURL(`**${pages[1]}`);
      await page.getByRole('link', { name: 'Page précédente' }).first().click();
      await page.waitForURL('**/avis/');
      await page.context().close();
    });

    it('with JavaScript, combines two filters over every page and pages the result', async () => {
      // What the static facet pages list, intersected: the answer the script must give.
      const ofFacet = async (facet: string, slug: string) => (await walk(`/avis/${facet}/${slug}/`)).references.flat();
      const nature = 'services';
      const procedure = 'procedure-adaptee';
      const natureList = await ofFacet('nature', nature);
      const procedureList = new Set(await ofFacet('procedure', procedure));
      const expected = natureList.filter((ref) => procedureList.has(ref));
      expect(expected.length, 'the seeded data gives a combination of more than one page').toBeGreaterThan(PAGE_SIZE);

      const { pages, references } = await walk('/avis/');
      const page = await visit(pages[1]!, true);
      await page.getByLabel('Nature du marché').selectOption(nature);
      await page.getByLabel('Procédure').selectOption(procedure);
      await expect.poll(() => page.getByRole('status').textContent()).toBe(`${expected.length} avis ouverts correspondent à vos critères.`);
      expect(new URL(page.url()).pathname).toBe('/avis/');
      expect(new URL(page.url()).search).toBe(`?nature=${nature}&procedure=${procedure}`);
      expect(await listed(page)).toEqual(expected.slice(0, PAGE_SIZE));

      await page.getByRole('link', { name: 'Page suivante' }).click();
      await page.waitForURL(`**/avis/?nature=${nature}&procedure=${procedure}&page=2`);
      await expect.poll(() => listed(page)).toEqual(expected.slice(PAGE_SIZE, 2 * PAGE_SIZE));
      await expect(page.getByLabel('Procédure').inputValue()).resolves.toBe(procedure);

      await page.getByRole('link', { name: 'Effacer les filtres' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe(`${OPEN} avis ouverts.`);
      expect(await listed(page)).toEqual(references[0]);
      await page.context().close();
    });
  });
});
