import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASK_REASON_LABELS, formatShare } from '../../site/src/lib/staff-figures/shares.js';
import { formatDuration, seatsLeftLabel, sessionPlace, sessionWhenText } from '../../site/src/lib/trainings/wording.js';
import { startBareHub } from './support/bare-hub.js';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from '../../packages/hub/src/test-support/chromium.js';
import { graphql, REPO_ROOT, startSeededHub } from './support/hub-process.js';
import { startSiteUnderTest, type SiteUnderTest } from './support/site-under-test.js';

// /formations/ and /deontologie/, built from a real hub (seeded with the demo, then with no charter at all) and read
// in Chromium, with and without JavaScript.

const PUBLIC_QUERY = `{
  trainings { slug title topicLabel description providerName durationHours
    comingSessions { id startsAt endsAt place isRemote capacity seatsLeft } }
  trainingStatistics { withheld headcount trainedCount trainedShare sessionsHeld hoursOfTraining
    organisations { organisation { name } headcount trainedCount trainedShare withheld } }
  ethicsCharter { version title text publishedAt }
  charterAdoption { version withheld headcount signedCount signedShare organisations { organisation { name } headcount signedCount signedShare withheld } }
}`;

interface HubSession {
  id: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  isRemote: boolean;
  capacity: number;
  seatsLeft: number;
}
interface HubTraining {
  slug: string;
  title: string;
  topicLabel: string;
  description: string;
  providerName: string;
  durationHours: number;
  comingSessions: HubSession[];
}
interface HubOrganisationFigure {
  organisation: { name: string };
  /** Null, like the counts and shares, when the hub withholds the row. */
  headcount: number | null;
  trainedCount?: number | null;
  trainedShare?: number | null;
  signedCount?: number | null;
  signedShare?: number | null;
  withheld: WithheldReason | null;
}
type WithheldReason = 'SMALL' | 'ALL_OR_NONE' | 'COMPLEMENTARY';
/** The territory's figures: all null when withheld. */
interface HubTotal {
  withheld: WithheldReason | null;
  headcount: number | null;
}
interface HubPublicData {
  trainings: HubTraining[];
  trainingStatistics: HubTotal & {
    trainedCount: number | null;
    trainedShare: number | null;
    sessionsHeld: number | null;
    hoursOfTraining: number | null;
    organisations: HubOrganisationFigure[];
  };
  ethicsCharter: { version: number; title: string; text: string; publishedAt: string } | null;
  charterAdoption: (HubTotal & { version: number; signedCount: number | null; signedShare: number | null; organisations: HubOrganisationFigure[] }) | null;
}

const WITHHELD = 'effectif trop faible pour être publié';
const PAGES = ['/formations/', '/deontologie/'];
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

const hasChromium = chromiumAvailable();

async function openPage(browser: Browser, url: string, options: { javaScript?: boolean; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** The rows of a staff figures table as text: organisation → the rest of the row. */
async function tableRows(page: Page, captionStart: string): Promise<Map<string, string>> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: captionStart }) });
  await expect(table.count()).resolves.toBe(1);
  const rows = await table.locator('tbody tr, tfoot tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th[scope="row"]')?.textContent?.trim() ?? '', Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim()).join(' | ')]),
  );
  return new Map(rows as [string, string][]);
}

/** The French mention of a figure the hub withholds, as the page shows it. */
const mention = (reason: WithheldReason) => MASK_REASON_LABELS[({ SMALL: 'small', ALL_OR_NONE: 'all-or-none', COMPLEMENTARY: 'complementary' } as const)[reason]];

/** Each organisation of the hub: as the hub withholds it (too small, no one or everyone), else its share. */
function expectOrganisationRows(rows: Map<string, string>, organisations: HubOrganisationFigure[], share: (row: HubOrganisationFigure) => number) {
  expect(organisations.length).toBeGreaterThan(0);
  let published = 0;
  for (const organisation of organisations) {
    const text = rows.get(organisation.organisation.name);
    expect(text, organisation.organisation.name).toBeDefined();
    if (organisation.withheld === 'SMALL') {
      expect(text, organisation.organisation.name).toBe(WITHHELD);
      expect(text).not.toMatch(/\d/);
    } else if (organisation.withheld) {
      expect(text, organisation.organisation.name).toBe(mention(organisation.withheld));
      expect(text).toMatch(/^non publié/);
      expect(text).not.toMatch(/\d/);
    } else {
      expect(organisation.headcount, organisation.organisation.name).toBeGreaterThanOrEqual(3);
      expect(text).toBe(`${organisation.trainedCount ?? organisation.signedCount} sur ${organisation.headcount} | ${formatShare(share(organisation))}`);
      published++;
    }
  }
  expect(published, 'the demo has an organisation of three staff or more').toBeGreaterThan(0);
}

describe.skipIf(!hasChromium)('the trainings and charter pages, built from the demo hub and read in Chromium', () => {
  let site: SiteUnderTest<Browser>;
  let hubData: HubPublicData;

  beforeAll(async () => {
    site = await startSiteUnderTest({ startHub: startSeededHub, browser: true });
    hubData = await graphql<HubPublicData>(site.hub.graphqlUrl, PUBLIC_QUERY);
  }, 600_000);

  afterAll(() => site?.close());

  it('lists every coming session of the hub, soonest first, with its Paris times, place, seats, duration and provider, without JavaScript', async () => {
    const expected = hubData.trainings
      .flatMap((training) => training.comingSessions.map((session) => ({ training, session })))
      .sort((a, b) => Date.parse(a.session.startsAt) - Date.parse(b.session.startsAt));
    expect(expected.length, 'the demo has coming sessions').toBeGreaterThan(3);
    const page = await openPage(site.browser, `${site.url}/formations/`, { javaScript: false });
    const cards = await page.locator('.training-card').evaluateAll((items) =>
      items.map((item) => ({
        title: item.querySelector('h3')?.textContent?.trim(),
        times: Array.from(item.querySelectorAll('time'), (time) => time.getAttribute('datetime')),
        when: item.querySelector('.training-card__when')?.textContent ?? '',
        text: item.textContent ?? '',
      })),
    );
    expect(cards.map((card) => [card.title, card.times])).toEqual(
      expected.map(({ training, session }) => [training.title, [new Date(session.startsAt).toISOString(), new Date(session.endsAt).toISOString()]]),
    );
    for (const [index, { training, session }] of expected.entries()) {
      const card = cards[index]!;
      // The demo's sessions start at 9:00 in Paris, whatever the season.
      expect(squash(card.when)).toMatch(/ 09 h 00 /);
      expect(squash(card.when)).toBe(squash(sessionWhenText(session)));
      for (const fact of [sessionPlace(session), seatsLeftLabel(session), formatDuration(training.durationHours), training.providerName]) {
        expect(squash(card.text), `${training.title}: ${fact}`).toContain(squash(fact));
      }
    }
    expect(cards.some((card) => card.text.includes('à distance'))).toBe(true);
    expect(cards.some((card) => card.text.includes('liste d’attente')), 'the demo has a full session').toBe(true);
    await page.context().close();
  });

  it('groups the catalogue by topic in the hub’s order, each training with its description and its own coming sessions', async () => {
    const page = await openPage(site.browser, `${site.url}/formations/`, { javaScript: false });
    const topics = [...new Set(hubData.trainings.map((training) => training.topicLabel))];
    await expect(page.locator('section[aria-labelledby="catalogue"] h3').allTextContents()).resolves.toEqual(topics);
    for (const training of hubData.trainings) {
      const entry = page.locator(`#formation-${training.slug}`);
      await expect(entry.locator('h4').textContent()).resolves.toBe(training.title);
      expect(squash(await entry.textContent())).toContain(squash(training.description));
      await expect(entry.locator('.training__sessions > li').count()).resolves.toBe(training.comingSessions.length);
      if (training.comingSessions.length === 0) expect(await entry.textContent()).toContain('Aucune session n’est programmée');
    }
    // The agenda links each session to its training.
    await page.locator('.training-card h3 a').first().click();
    expect(new URL(page.url()).hash).toMatch(/^#formation-/);
    await page.context().close();
  });

  it('withholds the share of staff trained, and the sessions and hours that would give it away, with a French mention', async () => {
    const stats = hubData.trainingStatistics;
    // The demo's small communes' buyers all attended: the total minus the agglomeration's row would say so.
    expect(stats.withheld, 'the demo withholds the territory’s training figures').toBe('COMPLEMENTARY');
    expect([stats.headcount, stats.trainedCount, stats.sessionsHeld, stats.hoursOfTraining]).toEqual([null, null, null, null]);
    const page = await openPage(site.browser, `${site.url}/formations/`, { javaScript: false });
    const summary = squash(await page.locator('.staff-summary').textContent());
    expect(summary).toContain(`Part des agents formés : ${mention('COMPLEMENTARY')}`);
    expect(summary).toContain('Nombre de sessions tenues et d’heures suivies : non publiés');
    // Nothing in the summary reads as a figure: no count, share, number of sessions or hours.
    expect(summary).not.toMatch(/\d/);
    const rows = await tableRows(page, 'Agents formés depuis le');
    expectOrganisationRows(rows, stats.organisations, (row) => row.trainedShare!);
    expect(rows.get('Ensemble du territoire')).toBe(mention('COMPLEMENTARY'));
    await expect(page.locator('.staff-figures-note').textContent()).resolves.toMatch(/diminué des chiffres publiés/);
    await page.context().close();
  });

  it('renders the current charter from its Markdown under its title, with its version and publication date', async () => {
    const charter = hubData.ethicsCharter!;
    expect(charter, 'the demo publishes a charter').not.toBeNull();
    const page = await openPage(site.browser, `${site.url}/deontologie/`, { javaScript: false });
    await expect(page.locator('h1').allTextContents()).resolves.toEqual([charter.title]);
    const sections = [...charter.text.matchAll(/^## (.+)$/gm)].map((match) => match[1]!.trim());
    expect(sections.length).toBeGreaterThan(3);
    const h2 = await page.locator('main h2').allTextContents();
    expect(h2.slice(0, sections.length)).toEqual(sections);
    const main = await page.locator('main').textContent();
    expect(main).not.toMatch(/^#+ /m);
    expect(main).toContain(`Version ${charter.version}, publiée le`);
    await expect(page.locator('main p time').first().getAttribute('datetime')).resolves.toBe(new Date(charter.publishedAt).toISOString());
    await page.context().close();
  });

  it('publishes the share of staff who signed the current version, overall and per organisation of three staff or more', async () => {
    const adoption = hubData.charterAdoption!;
    expect(adoption.version).toBe(hubData.ethicsCharter!.version);
    expect(adoption.withheld, 'the demo publishes the territory’s adoption').toBeNull();
    const page = await openPage(site.browser, `${site.url}/deontologie/`, { javaScript: false });
    expect(squash(await page.locator('section[aria-labelledby="signatures"]').textContent())).toContain(
      squash(`${formatShare(adoption.signedShare!)} des agents ont signé la version en vigueur (${adoption.signedCount} sur ${adoption.headcount})`),
    );
    const rows = await tableRows(page, `Agents signataires de la version ${adoption.version}`);
    expectOrganisationRows(rows, adoption.organisations, (row) => row.signedShare!);
    expect(rows.get('Ensemble du territoire')).toBe(`${adoption.signedCount} sur ${adoption.headcount} | ${formatShare(adoption.signedShare!)}`);
    await page.context().close();
  });

  it('marks up the figures as tables with a caption, column and row headers', async () => {
    for (const pathname of PAGES) {
      const page = await openPage(site.browser, `${site.url}${pathname}`, { javaScript: false });
      for (const table of await page.locator('main table').all()) {
        expect(squash(await table.locator('caption').textContent())).not.toBe('');
        await expect(table.locator('thead th[scope="col"]').count()).resolves.toBe(3);
        // One row header per body and footer row.
        await expect(table.locator('tbody tr, tfoot tr').count()).resolves.toBe(await table.locator('th[scope="row"]').count());
      }
      await page.context().close();
    }
  });

  it('fits a 320 px wide screen without scrolling sideways, and shows both pages in the menu', async () => {
    for (const pathname of PAGES) {
      const page = await openPage(site.browser, `${site.url}${pathname}`, { width: 320 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, pathname).toBeLessThanOrEqual(0);
      await expect(page.locator(`nav[aria-label="Menu principal"] a[href="${pathname}"]`).getAttribute('aria-current')).resolves.toBe('page');
      await page.context().close();
    }
  });

  it('has no accessibility violation found by axe-core, with JavaScript on or off', async () => {
    expect(await axeViolations(site.browser, site.url, PAGES)).toEqual([]);
  }, 120_000);

  it('contains no demo staff name or email, nor any session’s video link, anywhere in the built files', async () => {
    const { DEMO_STAFF } = (await import(path.join(REPO_ROOT, 'packages/hub/dist/seed/demo.seed.js'))) as {
      DEMO_STAFF: readonly { email: string; name: string }[];
    };
    const secrets = [...DEMO_STAFF.flatMap((staff) => [staff.email, staff.name]), 'visio.demo.dracenie.example'];
    const files = (await readdir(site.distDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    const leaks: string[] = [];
    for (const file of files) {
      const content = await readFile(path.join(file.parentPath, file.name), 'utf8');
      for (const secret of secrets) if (content.includes(secret)) leaks.push(`${secret} in ${path.relative(site.distDir, path.join(file.parentPath, file.name))}`);
    }
    expect(files.map((file) => path.relative(site.distDir, path.join(file.parentPath, file.name)))).toEqual(
      expect.arrayContaining(['formations/index.html', 'deontologie/index.html']),
    );
    expect(leaks).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('the trainings and charter pages of a hub with no charter and no training yet', () => {
  let site: SiteUnderTest<Browser>;

  beforeAll(async () => {
    site = await startSiteUnderTest({ startHub: startBareHub, browser: true });
  }, 600_000);

  afterAll(() => site?.close());

  it('says that no charter is published yet, and that no training or session is offered', async () => {
    const charter = await openPage(site.browser, `${site.url}/deontologie/`, { javaScript: false });
    await expect(charter.locator('h1').textContent()).resolves.toBe('Charte de déontologie');
    expect(squash(await charter.locator('main').textContent())).toContain('Aucune charte de déontologie n’est encore publiée.');
    await expect(charter.locator('main table').count()).resolves.toBe(0);
    const trainings = await openPage(site.browser, `${site.url}/formations/`, { javaScript: false });
    const text = squash(await trainings.locator('main').textContent());
    expect(text).toContain('Aucune session n’est programmée pour le moment.');
    expect(text).toContain('Le catalogue ne contient aucune formation pour le moment.');
    expect(text).toContain('Aucun agent n’a encore de compte');
    await charter.context().close();
    await trainings.context().close();
  });

  it('has no accessibility violation found by axe-core in that state either', async () => {
    expect(await axeViolations(site.browser, site.url, PAGES)).toEqual([]);
  }, 120_000);
});
