import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../test-support/chromium.js';
import { PASSWORD, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { SESSION_STORAGE_KEY } from './graphiql-session.js';

// The hub's own GraphiQL page, in Chromium, against a real hub: the example tabs, signing in from the SeConnecter tab,
// the token kept across a reload, and forgotten at sign-out and when the hub no longer takes it. The browser's clock
// is the real one (faking it breaks Monaco); the token's expiry is reached by moving the hub's clock.

const hubDir = fileURLToPath(new URL('../../', import.meta.url));
const hasChromium = chromiumAvailable();

const QUERY_EDITOR = '.graphiql-query-editor .monaco-editor';
const VARIABLES_EDITOR = '.graphiql-editor-tool .monaco-editor[data-uri$="variables.json"]';
const RESPONSE = '.graphiql-response .monaco-editor';
const STATUS = '.session-status';

describe.skipIf(!hasChromium)('signing in from the hub’s GraphiQL page', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  /** The Authorization header of every GraphQL request the page posted, with its operation name. */
  const posted: Array<{ operationName: string | null; authorization: string | null }> = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(hubDir, 'dist', 'graphiql', 'index.html'))) {
      await promisify(execFile)(process.execPath, [join(hubDir, 'scripts', 'build-graphiql.mjs')], { cwd: hubDir });
    }
    // The hub's clock starts at the browser's time, so the expiry it gives the token is hours ahead for the page too.
    hub = await startTestHub({ now: new Date().toISOString() });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !/^(?:data|blob):/.test(request.url())) {
        problems.push(`left the hub: ${request.url()}`);
      }
      if (request.method() === 'POST' && url.pathname === '/graphql') posted.push(postedRequest(request));
    });
    context.on('requestfailed', (request) => {
      // The reload aborts what the page was still loading (a worker's script); anything else is a problem.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
    });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(hub.url);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('opens with a tab per example operation, the public notices first', async () => {
    await expect.poll(() => editorText(QUERY_EDITOR), { timeout: 30_000 }).toContain('query DernieresConsultations');
    await expect.poll(() => tabTitles(), { timeout: 10_000 }).toEqual([
      'DernieresConsultations',
      'SeConnecter',
      'MonCompte',
      'RedigerConsultation',
      'PublierConsultation',
      'AttribuerLot',
      'DemanderConseil',
      'MesDemandesDeConseil',
      'DemandeDeConseil',
      'RepondreAuConseil',
      'ChercherUneReponse',
      'SeDeconnecter',
    ]);
    await expect.poll(() => page.locator(STATUS).getAttribute('data-signed-in')).toBe('false');
  });

  it('runs the operation of the tab just clicked, even when Run follows the click at once', async () => {
    for (const tab of ['MonCompte', 'DernieresConsultations', 'MonCompte']) {
      await untilRunOffered();
      const before = posted.length;
      // Both clicks in one task of the page, as a quick hand or a loaded machine may give them: GraphiQL reads the
      // operation of the tab's text about 100 ms later, so its own state still names the previous tab's.
      const clicked = await page.evaluate<boolean>(`(() => {
        const tab = [...document.querySelectorAll('.graphiql-tab .graphiql-tab-button')].find((button) => button.textContent.trim() === ${JSON.stringify(tab)});
        if (!tab) return false;
        tab.click();
        document.querySelector('.graphiql-execute-button').click();
        return true;
      })()`);
      expect(clicked).toBe(true);

      // (GraphiQL's own reading of the schema, at the page's start, is no run.)
      const ran = () => posted.slice(before).flatMap((request) => (request.operationName === 'IntrospectionQuery' ? [] : [request.operationName]));
      await expect.poll(ran, { timeout: 30_000 }).toEqual([tab]);
    }
  });

  it('refuses a staff query from a visitor', async () => {
    await runTab('MonCompte');

    await expect.poll(() => editorText(RESPONSE), { timeout: 30_000 }).toContain('UNAUTHENTICATED');
    expect(lastPosted('MonCompte').authorization).toBeNull();
  });

  it('signs in by running the SeConnecter tab, and the next staff query carries the token and succeeds', async () => {
    await openTab('SeConnecter');
    await replaceEditorText(VARIABLES_EDITOR, JSON.stringify({ email: 'admin@agglo.test', password: PASSWORD }));
    await clickRun();
    await expect.poll(() => page.locator(STATUS).getAttribute('data-signed-in'), { timeout: 30_000 }).toBe('true');
    const token = await keptToken();
    expect(token).toMatch(/\S{20,}/);

    await runTab('MonCompte');

    await expect.poll(() => editorText(RESPONSE), { timeout: 30_000 }).toContain('admin@agglo.test');
    expect(lastPosted('MonCompte').authorization).toBe(`Bearer ${token}`);
  });

  it('still sends the token after the page is reloaded', async () => {
    const token = await keptToken();
    await page.reload();
    await expect.poll(() => tabTitles(), { timeout: 30_000 }).toContain('MonCompte');
    await expect.poll(() => page.locator(STATUS).getAttribute('data-signed-in')).toBe('true');
    const before = posted.length;

    await runTab('MonCompte');

    await expect.poll(() => editorText(RESPONSE), { timeout: 30_000 }).toContain('admin@agglo.test');
    expect(posted.length).toBeGreaterThan(before);
    expect(lastPosted('MonCompte').authorization).toBe(`Bearer ${token}`);
  });

  it('forgets the token after SeDeconnecter: staff queries then fail as a visitor', async () => {
    await runTab('SeDeconnecter');

    await expect.poll(() => page.locator(STATUS).getAttribute('data-signed-in'), { timeout: 30_000 }).toBe('false');
    expect(await keptToken()).toBeNull();
    await runTab('MonCompte');
    await expect.poll(() => editorText(RESPONSE), { timeout: 30_000 }).toContain('UNAUTHENTICATED');
    expect(lastPosted('MonCompte').authorization).toBeNull();
  });

  it('forgets the token once the hub says it has expired, and asks again as a visitor', async () => {
    await openTab('SeConnecter');
    await replaceEditorText(VARIABLES_EDITOR, JSON.stringify({ email: 'buyer@lorgues.test', password: PASSWORD }));
    await clickRun();
    await expect.poll(() => page.locator(STATUS).getAttribute('data-signed-in'), { timeout: 30_000 }).toBe('true');
    const token = await keptToken();
    await runTab('MonCompte');
    await expect.poll(() => editorText(RESPONSE), { timeout: 30_000 }).toContain('buyer@lorgues.test');

    // The token's lifetime (TOKEN_TTL_HOURS, 12 by default) runs out at the hub.
    hub.clock.advance((hub.config.tokenTtlHours * 60 + 1) * 60_000);
    const before = posted.length;
    await runTab('MonCompte');

    await expect.poll(() => page.locator(STATUS).getAttribute('data-signed-in'), { timeout: 30_000 }).toBe('false');
    expect(await keptToken()).toBeNull();
    await expect.poll(() => editorText(RESPONSE), { timeout: 30_000 }).toContain('UNAUTHENTICATED');
    // Sent with the expired token, refused, then once more without it.
    const attempts = posted.slice(before).filter((request) => request.operationName === 'MonCompte');
    expect(attempts.map((request) => request.authorization)).toEqual([`Bearer ${token}`, null]);

    const afterExpiry = posted.length;
    await runTab('MonCompte');
    await expect.poll(() => editorText(RESPONSE), { timeout: 30_000 }).toContain('UNAUTHENTICATED');
    const later = posted.slice(afterExpiry).filter((request) => request.operationName === 'MonCompte');
    expect(later.map((request) => request.authorization)).toEqual([null]);
    expect(problems).toEqual([]);
  });

  function postedRequest(request: Request) {
    let operationName: string | null = null;
    try {
      const body = JSON.parse(request.postData() ?? '{}') as { operationName?: unknown };
      operationName = typeof body.operationName === 'string' ? body.operationName : null;
    } catch {
      operationName = null;
    }
    return { operationName, authorization: request.headers()['authorization'] ?? null };
  }

  function lastPosted(operationName: string) {
    const found = posted.filter((request) => request.operationName === operationName).at(-1);
    if (!found) throw new Error(`the page never posted ${operationName}`);
    return found;
  }

  /** The token the page keeps in its localStorage (read in the page: the hub's tsconfig has no DOM types). */
  async function keptToken(): Promise<string | null> {
    const stored = await page.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(SESSION_STORAGE_KEY)})`);
    return stored === null ? null : (JSON.parse(stored) as { token: string }).token;
  }

  function editorText(editor: string): Promise<string> {
    return page
      .locator(`${editor} .view-lines`)
      .first()
      .innerText()
      .then((text) => text.replace(/\u00a0/g, ' '))
      .catch(() => '');
  }

  function tabTitles(): Promise<string[]> {
    return page.locator('.graphiql-tab .graphiql-tab-button').allInnerTexts().then((titles) => titles.map((title) => title.trim()));
  }

  /** Clicks the tab and waits until the query editor shows its operation, so nothing is typed into the previous one. */
  async function openTab(operationName: string): Promise<void> {
    // GraphiQL keeps its tabs across a reload and may open one more for the operation last edited (a tab of the same
    // name, same operation): the first of them is the example's.
    await page.locator('.graphiql-tab .graphiql-tab-button', { hasText: new RegExp(`^\\s*${operationName}\\s*$`) }).first().click();
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText(), { timeout: 10_000 }).toContain(operationName);
    await expect.poll(() => editorText(QUERY_EDITOR), { timeout: 10_000 }).toMatch(new RegExp(`(?:query|mutation) ${operationName}\\b`));
  }

  async function runTab(operationName: string): Promise<void> {
    await openTab(operationName);
    const before = posted.filter((request) => request.operationName === operationName).length;
    await clickRun();
    await expect
      .poll(() => posted.filter((request) => request.operationName === operationName).length, { timeout: 30_000 })
      .toBeGreaterThan(before);
  }

  async function clickRun(): Promise<void> {
    await untilRunOffered();
    await page.locator('.graphiql-execute-button').click();
  }

  /** While a request runs, the same button stops it (and is enabled): wait until it offers to run. */
  async function untilRunOffered(): Promise<void> {
    await expect.poll(() => page.locator('.graphiql-execute-button').getAttribute('aria-label'), { timeout: 30_000 }).toMatch(/^Execute/);
  }

  async function replaceEditorText(editor: string, text: string): Promise<void> {
    await expect.poll(() => page.locator(editor).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.locator(editor).click();
    await page.keyboard.press('ControlOrMeta+A');
    // Cleared first: with text selected, Monaco would wrap the selection in the typed bracket.
    await page.keyboard.press('Backspace');
    // insertText, not type: typed brackets and quotes would be auto-closed by Monaco.
    await page.keyboard.insertText(text);
    await expect.poll(() => editorText(editor)).toBe(text);
  }
});
