import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from '../../packages/hub/src/test-support/chromium.js';
import { graphql, startSeededHub } from './support/hub-process.js';
import { startSiteUnderTest, type SiteUnderTest } from './support/site-under-test.js';

// The site as a supplier reads it on a phone (390 px, the width of a common phone held upright): the menu leaves
// room for the tenders, every figure of a table is on screen without scrolling sideways, and the filters of a list
// are folded until asked for. Measured in Chromium, with JavaScript on and off.

const PHONE = { width: 390, height: 844 };
/** Two rows of 44 px targets and the menu's top border. */
const TWO_ROWS = 89;

const hasChromium = chromiumAvailable();

describe.skipIf(!hasChromium)('the public site on a 390 px phone', () => {
  let site: SiteUnderTest<Browser>;
  let pages: string[];

  beforeAll(async () => {
    site = await startSiteUnderTest({ startHub: startSeededHub, browser: true });
    const { notices } = await graphql<{ notices: { nodes?: never; edges: { node: { reference: string; status: string } }[] } }>(
      site.hub.graphqlUrl,
      '{ notices(first: 200) { edges { node { reference status } } } }',
    );
    const byStatus = (status: string) => notices.edges.find((e) => e.node.status === status)!.node.reference;
    const { purchasingFamilies } = await graphql<{ purchasingFamilies: { slug: string }[] }>(
      site.hub.graphqlUrl,
      '{ purchasingFamilies { slug } }',
    );
    pages = [
      '/',
      '/avis/',
      `/avis/${byStatus('PUBLISHED')}/`,
      `/avis/${byStatus('AWARDED')}/`,
      '/archives/',
      '/acheteurs/',
      '/acheteurs/draguignan/',
      '/familles/',
      `/familles/${purchasingFamilies[0]!.slug}/`,
      '/programmation/',
      '/donnees/',
      '/indicateurs/',
      '/formations/',
      '/deontologie/',
    ];
  });

  afterAll(() => site?.close());

  async function visit(pathname: string, javaScript = true): Promise<Page> {
    const context = await site.browser.newContext({
      javaScriptEnabled: javaScript,
      viewport: PHONE,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    const page = await context.newPage();
    await page.goto(`${site.url}${pathname}`);
    return page;
  }

  it('fits the menu in two rows on every page, the supplier’s entries first', async () => {
    const heights: Record<string, number> = {};
    for (const pathname of pages) {
      const page = await visit(pathname);
      const nav = page.getByRole('navigation', { name: 'Menu principal' });
      heights[pathname] = Math.round((await nav.boundingBox())!.height);
      const labels = (await nav.getByRole('link').allTextContents()).map((label) => label.trim());
      expect(labels, pathname).toEqual(['Avis ouverts', 'Achats prévus', 'Rechercher', 'Acheteurs', 'Familles d’achats', 'Plus de pages']);
      await page.context().close();
    }
    console.info(`menu height at 390 px: ${JSON.stringify(heights)}`);
    for (const [pathname, height] of Object.entries(heights)) expect(height, pathname).toBeLessThanOrEqual(TWO_ROWS);
  }, 180_000);

  it('reaches every page of the menu from a phone, without JavaScript', async () => {
    const page = await visit('/avis/', false);
    const menu = page.getByRole('navigation', { name: 'Menu principal' });
    await menu.getByRole('link', { name: 'Plus de pages' }).click();
    const others = page.getByRole('navigation', { name: 'Autres pages' });
    for (const label of ['Accueil', 'Archives', 'Données ouvertes', 'Indicateurs', 'Formations', 'Déontologie']) {
      const link = others.getByRole('link', { name: label, exact: true });
      await expect(link.isVisible(), label).resolves.toBe(true);
    }
    await others.getByRole('link', { name: 'Indicateurs', exact: true }).click();
    await page.waitForURL('**/indicateurs/');
    await page.context().close();
  });

  it('names each figure of a stacked table after its column', async () => {
    const page = await visit('/acheteurs/', false);
    const row = page.getByRole('row', { name: /Draguignan/ }).first();
    const open = row.locator('td[data-label="Avis ouverts"]');
    const label = await open.evaluate((cell) => getComputedStyle(cell, '::before').content);
    expect(label).toBe('"Avis ouverts\u00a0: "');
    const [header, cell] = await Promise.all([
      page.getByRole('columnheader', { name: 'Avis ouverts' }).boundingBox(),
      open.boundingBox(),
    ]);
    // The column headers are still in the table for a screen reader, but take no room on screen.
    expect(header!.width).toBeLessThanOrEqual(1);
    expect(cell!.x + cell!.width).toBeLessThanOrEqual(PHONE.width);
    await page.context().close();
  });

  it('folds the filters of the open tenders on a phone, so that the first tender shows on the first screen', async () => {
    const page = await visit('/avis/');
    const summary = page.locator('summary', { hasText: 'Filtrer les avis ouverts' });
    await expect(summary.isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Commune').isVisible()).resolves.toBe(false);
    const firstTitle = await page.locator('[data-filter-list] > [data-notice] h3').first().boundingBox();
    console.info(`first tender's title at 390 px starts ${Math.round(firstTitle!.y)} px from the top`);
    // At least its first line (24 px) on the first screen.
    expect(firstTitle!.y + 24).toBeLessThanOrEqual(PHONE.height);
    await summary.click();
    await expect(page.getByLabel('Commune').isVisible()).resolves.toBe(true);
    await page.context().close();
    // A choice already in the address, or a wide screen, shows the form open.
    const chosen = await visit('/avis/?nature=travaux');
    await expect(chosen.getByLabel('Nature').isVisible()).resolves.toBe(true);
    await chosen.context().close();
    const wide = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await wide.goto(`${site.url}/avis/`);
    await expect(wide.getByLabel('Commune').isVisible()).resolves.toBe(true);
    await wide.close();
  });

  it('has no accessibility violation found by axe-core at 390 px, with JavaScript on and off', async () => {
    const violations = await axeViolations(site.browser, site.url, pages, {
      viewport: PHONE,
      prepare: async (page, pathname, javaScript) => {
        // The filters unfolded, as a visitor who opens them sees them.
        if (pathname === '/avis/' && javaScript) await page.locator('summary', { hasText: 'Filtrer les avis ouverts' }).click();
      },
    });
    expect(violations).toEqual([]);
  }, 300_000);

  it('shows every cell of every table within the screen, with no sideways scrolling of the page or the table', async () => {
    const problems: string[] = [];
    for (const javaScript of [true, false]) {
      for (const pathname of pages) {
        const page = await visit(pathname, javaScript);
        // A string, not a function: the test's compiled helpers do not exist in the page.
        const found = await page.evaluate<string[]>(`(() => {
          const out = [];
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > width) out.push('page ' + (document.documentElement.scrollWidth - width) + ' px wider than the screen');
          Array.from(document.querySelectorAll('table')).forEach((table, index) => {
            const name = (table.caption && table.caption.textContent.trim()) || 'table ' + (index + 1);
            const wrapper = table.closest('.table-wrapper');
            if (wrapper && wrapper.scrollWidth > wrapper.clientWidth + 1) out.push('« ' + name + ' » scrolls sideways by ' + (wrapper.scrollWidth - wrapper.clientWidth) + ' px');
            const beyond = Array.from(table.querySelectorAll('td, th')).filter((cell) => {
              const box = cell.getBoundingClientRect();
              return box.width > 0 && box.right > width + 1;
            });
            if (beyond.length > 0) out.push('« ' + name + ' »: ' + beyond.length + ' cells beyond the screen');
          });
          return out;
        })()`);
        problems.push(...found.map((problem) => `${pathname} (JavaScript ${javaScript ? 'on' : 'off'}): ${problem}`));
        await page.context().close();
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
