import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCell, percent } from '../../site/src/lib/indicators/cells.js';
import type { ColumnKind } from '../../site/src/lib/indicators/chart.js';
import { parseCsv } from '../../site/src/lib/test-support/csv.js';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from '../../packages/hub/src/test-support/chromium.js';
import { graphql, startSeededHub } from './support/hub-process.js';
import { startSiteUnderTest, type SiteUnderTest } from './support/site-under-test.js';

// One real hub seeded with the demo, one real build, one static server and one Chromium for the indicators page.

const HUB_FIGURES = `{ indicators { noticeCount awardedAmount
  sustainability { environmental { noticeShare amountShare } sustainable { noticeShare } }
  suppliers { sme { amount share } territory { amount share } departement { amount share } }
  savings { savedAmount } byCommune { label noticeCount } } }`;

interface HubFigures {
  noticeCount: number;
  awardedAmount: number;
  sustainability: { environmental: { noticeShare: number | null; amountShare: number | null }; sustainable: { noticeShare: number | null } };
  suppliers: Record<'sme' | 'territory' | 'departement', { amount: number; share: number | null }>;
  savings: { savedAmount: number };
  byCommune: { label: string; noticeCount: number }[];
}

const KIND_BY_HEADER = (header: string): ColumnKind =>
  /\(%\)/.test(header) ? 'percent' : /€/.test(header) ? 'euros' : /^(Avis publiés|Lots)$/.test(header) ? 'count' : 'text';

const hasChromium = chromiumAvailable();

describe.skipIf(!hasChromium)('the indicators page, built from a real hub and read in Chromium', () => {
  let site: SiteUnderTest<Browser>;
  let page: Page;
  let figures: HubFigures;

  beforeAll(async () => {
    site = await startSiteUnderTest({ startHub: startSeededHub, browser: true });
    // Without JavaScript: the page is static pictures and tables.
    page = await (await site.browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${site.url}/indicateurs/`);
    figures = (await graphql<{ indicators: HubFigures }>(site.hub.graphqlUrl, HUB_FIGURES)).indicators;
  }, 240_000);

  afterAll(() => site?.close());

  async function chartIds(): Promise<string[]> {
    return page.locator('section.indicator').evaluateAll((sections) => sections.map((section) => section.id));
  }

  it('shows every chart as a static SVG image labelled by its title and text alternative, without JavaScript', async () => {
    const ids = await chartIds();
    expect(ids).toEqual(expect.arrayContaining(['achats-durables-par-famille', 'clauses', 'titulaires', 'economies-par-famille', 'communes']));
    for (const id of ids) {
      const svg = page.locator(`#${id} figure svg`);
      await expect(svg.getAttribute('role')).resolves.toBe('img');
      const labelledBy = (await svg.getAttribute('aria-labelledby'))!.split(' ');
      for (const labelId of labelledBy) expect((await page.locator(`#${labelId}`).textContent())?.trim(), `${id}: ${labelId}`).toBeTruthy();
      expect(await svg.boundingBox(), id).not.toBeNull();
    }
  });

  /** Every chart of the page at `pathname`: its CSV equals its table, cell by cell, and its picture names each row. */
  async function checkCsvAgainstTables(tab: Page, csvBase: string) {
    const ids = await tab.locator('section.indicator').evaluateAll((sections) => sections.map((section) => section.id));
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) {
      const response = await fetch(`${site.url}${csvBase}/${id}.csv`);
      expect(response.status, id).toBe(200);
      const [header, ...rows] = parseCsv(await response.text());
      const table = tab.locator(`#${id} table`);
      const headers = await table.locator('thead th').allTextContents();
      expect(header, id).toEqual(headers.map((text) => text.trim()));
      const cells = await table.locator('tbody tr').evaluateAll((trs) =>
        // Array.from, not a spread: the test's compiled helpers do not exist in the page.
        trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => cell.textContent?.trim() ?? '')),
      );
      expect(rows.map((row) => row.map((value, index) => {
        const kind = KIND_BY_HEADER(header![index]!);
        return value === '' ? 'non disponible' : kind === 'text' ? value : formatCell(Number(value), kind);
      })), id).toEqual(cells);
      const svgText = await tab.locator(`#${id} figure svg`).textContent();
      for (const row of rows) expect(svgText, `${id}: ${row[0]}`).toContain(row[0]);
      expect(await tab.locator(`#${id} a[href="${csvBase}/${id}.csv"]`).count(), id).toBe(1);
    }
  }

  it('offers each chart’s data as a CSV that matches the chart’s table, row by row, and its axis labels', async () => {
    await checkCsvAgainstTables(page, '/indicateurs');
  });

  it('gives each buyer its own indicators page, linked from the main one, its CSVs matching its tables', async () => {
    await page.locator('a[href="/indicateurs/acheteurs/draguignan/"]').click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Indicateurs : Draguignan');
    const own = (await graphql<{ indicators: { noticeCount: number } }>(site.hub.graphqlUrl, '{ indicators(organisationSiren: "218300507") { noticeCount } }')).indicators;
    expect(await page.locator('.indicator-summary').textContent()).toContain(`${formatCell(own.noticeCount, 'count')} avis publiés`);
    await checkCsvAgainstTables(page, '/indicateurs/acheteurs/draguignan');
    await page.goto(`${site.url}/indicateurs/`);
  });

  it('shows the hub’s figures: shares of clauses and of suppliers, savings and notices per commune', async () => {
    const csv = async (id: string) => parseCsv(await (await fetch(`${site.url}/indicateurs/${id}.csv`)).text()).slice(1);
    const asNumber = (value: string | undefined) => (value === '' || value === undefined ? null : Number(value));
    const clauses = await csv('clauses');
    expect(asNumber(clauses[0]![2])).toBe(percent(figures.sustainability.environmental.noticeShare));
    expect(asNumber(clauses[1]![2])).toBe(percent(figures.sustainability.environmental.amountShare));
    const suppliers = await csv('titulaires');
    expect(suppliers.map((row) => [asNumber(row[1]), asNumber(row[2])])).toEqual(
      (['sme', 'territory', 'departement'] as const).map((key) => [figures.suppliers[key].amount, percent(figures.suppliers[key].share)]),
    );
    const communes = await csv('communes');
    expect(communes.map((row) => [row[0], asNumber(row[1])])).toEqual(figures.byCommune.map((row) => [row.label, row.noticeCount]));
    expect(await page.locator('.indicator-summary').textContent()).toContain(formatCell(figures.noticeCount, 'count'));
  });

  it('shows the early-announcement share of each buyer for each year with notices written in the hub, as the hub computes it, in a captioned table', async () => {
    type Figures = { organisation: { name: string } | null; publishedNotices: number; announcedNotices: number; announcedEarly: number; earlyShare: number | null };
    const { indicatorYears } = await graphql<{ indicatorYears: number[] }>(site.hub.graphqlUrl, '{ indicatorYears }');
    const expected: Array<{ year: number; buyers: Figures[] }> = [];
    for (const year of [...indicatorYears].sort((a, b) => b - a)) {
      const { planAnnouncementIndicators } = await graphql<{ planAnnouncementIndicators: { total: Figures; buyers: Figures[] } }>(
        site.hub.graphqlUrl,
        'query($year: Int) { planAnnouncementIndicators(year: $year) { total { publishedNotices } buyers { organisation { name } publishedNotices announcedNotices announcedEarly earlyShare } } }',
        { year },
      );
      if (planAnnouncementIndicators.total.publishedNotices > 0) expected.push({ year, buyers: planAnnouncementIndicators.buyers });
    }
    expect(expected.length, 'the demo has notices written in the hub').toBeGreaterThan(0);
    const ids = await chartIds();
    expect(ids.filter((id) => id.startsWith('annonce-programmation-'))).toEqual(expected.map(({ year }) => `annonce-programmation-${year}`));
    for (const { year, buyers } of expected) {
      const section = page.locator(`#annonce-programmation-${year}`);
      const title = `Avis annoncés dans la programmation prévisionnelle, par acheteur (${year})`;
      await expect(section.locator('h2').textContent()).resolves.toBe(title);
      await expect(section.locator('table caption').textContent()).resolves.toBe(`Données : ${title}`);
      await expect(page.locator(`nav a[href="#annonce-programmation-${year}"]`).count()).resolves.toBe(1);
      const rows = await section.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => cell.textContent?.trim() ?? '')));
      expect(rows, String(year)).toEqual(
        buyers.map((one) => [one.organisation?.name ?? 'Acheteur inconnu', formatCell(one.publishedNotices, 'count'), formatCell(one.announcedNotices, 'count'), formatCell(one.announcedEarly, 'count'), formatCell(one.earlyShare, 'percent')]),
      );
      await expect(section.locator('tbody tr th[scope="row"]').count()).resolves.toBe(buyers.length);
    }
  });

  it('shows the hub’s advice figures per stage and per family of each year, saying why a figure is withheld', async () => {
    const { adviceStatistics } = await graphql<{
      adviceStatistics: { minimumPeople: number; years: { year: number; requestCount: number | null; withheld: string | null;
        stages: { label: string; requestCount: number | null; withheld: string | null }[] }[] };
    }>(site.hub.graphqlUrl, '{ adviceStatistics { minimumPeople years { year requestCount withheld stages { label requestCount withheld } } } }');
    expect(adviceStatistics.years.length).toBeGreaterThan(0);
    const section = page.getByRole('region', { name: 'Conseil aux communes' });
    for (const year of adviceStatistics.years) {
      const table = section.getByRole('table', { name: `Demandes de conseil en ${year.year}, par étape de l’achat` });
      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => cell.textContent?.trim() ?? '').slice(0, 2)),
      );
      expect(rows).toEqual(
        year.stages.map((stage) => [
          stage.label,
          stage.withheld === 'SMALL' ? `non publié (moins de ${adviceStatistics.minimumPeople} demandeurs)` : stage.withheld ? expect.stringMatching(/^non publié/) : String(stage.requestCount),
        ]),
      );
      const total = await table.locator('tfoot td').first().textContent();
      expect(total?.trim()).toBe(year.withheld ? expect.stringMatching(/^non publié/) : String(year.requestCount));
      await expect(section.getByRole('table', { name: `Demandes de conseil en ${year.year}, par famille d’achats` }).count()).resolves.toBeLessThanOrEqual(1);
    }
    await expect(page.locator('a[href="#conseil"]').count()).resolves.toBe(1);
    // No name, e-mail or question of an advice request reaches the page.
    expect(await page.locator('#conseil').textContent()).not.toMatch(/@|\?/);
  });

  it('lists a group’s notice on the page of each member commune', async () => {
    const html = await (await fetch(`${site.url}/acheteurs/vidauban/`)).text();
    expect(html).toContain('Location longue durée de véhicules utilitaires électriques');
    expect(html).toContain('Téléphonie fixe et mobile des collectivités de la Dracénie');
  });

  it('has no accessibility violation found by axe-core, with JavaScript on or off', async () => {
    const pathnames = ['/indicateurs/', '/indicateurs/acheteurs/draguignan/'];
    expect(await axeViolations(site.browser, site.url, pathnames)).toEqual([]);
  }, 120_000);
});
