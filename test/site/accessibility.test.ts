import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from '../../packages/hub/src/test-support/chromium.js';
import { seedBulkNotices } from '../../packages/hub/src/test-support/bulk-notices.js';
import { graphql, startSeededHub } from './support/hub-process.js';
import { startSiteUnderTest, type SiteUnderTest } from './support/site-under-test.js';

// The pages added since the site's first accessibility test (alerts, forward plan, trainings, ethics charter,
// indicators, open data, a buyer's page, a second page of a list, the archives), checked by axe-core with JavaScript
// on and off, on a desktop screen and on a 390 px phone. One hub and one build for all of it: the demo, plus 150
// open notices so that the open notices have a second page (a page holds up to 100).

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const EXTRA_OPEN_NOTICES = 150;

const hasChromium = chromiumAvailable();

describe.skipIf(!hasChromium)('the newer pages of the public site, read by axe-core', () => {
  let site: SiteUnderTest<Browser>;
  let pages: string[];

  beforeAll(async () => {
    site = await startSiteUnderTest({
      startHub: () => startSeededHub({ beforeServe: (databaseFile) => seedBulkNotices(databaseFile, EXTRA_OPEN_NOTICES, { migrate: false }).then(() => undefined) }),
      browser: true,
    });
    const { plannedPurchases } = await graphql<{ plannedPurchases: { edges: { node: { reference: string } }[] } }>(
      site.hub.graphqlUrl,
      '{ plannedPurchases(first: 1) { edges { node { reference } } } }',
    );
    // The open notices' second page is named after the last notice of the first: read from the first's rel=next.
    const first = await (await fetch(`${site.url}/avis/`)).text();
    const second = /<link rel="next" href="([^"]+)"/.exec(first)?.[1];
    if (!second) throw new Error('/avis/ has no second page');
    pages = [
      '/alertes/',
      '/alertes/verifiez-vos-courriels/',
      '/alertes/confirmee/',
      '/alertes/desabonnement/',
      '/programmation/',
      `/programmation/${plannedPurchases.edges[0]!.node.reference}/`,
      '/formations/',
      '/deontologie/',
      '/indicateurs/',
      '/donnees/',
      '/acheteurs/lorgues/',
      second,
      '/archives/',
    ];
  }, 600_000);

  afterAll(() => site?.close());

  it('serves every page checked here, the second page of the open notices included', async () => {
    for (const pathname of pages) expect((await fetch(`${site.url}${pathname}`)).status, pathname).toBe(200);
  });

  it.each([
    ['a desktop screen', DESKTOP],
    ['a 390 px phone', PHONE],
  ])('has no violation axe-core finds on %s, with JavaScript on and off', async (_screen, viewport) => {
    expect(await axeViolations(site.browser, site.url, pages, { viewport })).toEqual([]);
  }, 600_000);
});
