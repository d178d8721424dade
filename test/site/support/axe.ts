import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

// axe-core's WCAG 2.1 A/AA and best-practice rules, run the same way by every browser test of the site.

const RULES = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']";

let axeSource: Promise<string> | undefined;

export interface AxeOptions {
  /** Also check each page as a visitor without JavaScript gets it (the default); false checks it with scripts only. */
  alsoWithoutJavaScript?: boolean;
  /** Brings a loaded page into the state worth checking (a search with its results, say) before axe runs. */
  prepare?: (page: Page, pathname: string, javaScript: boolean) => Promise<void>;
  /** The window's size (Playwright's default, 1280 × 720, unless given): a phone's to check the small-screen layout. */
  viewport?: { width: number; height: number };
}

/** Every violation axe-core finds on each of `pathnames` under `baseUrl`, as `path (JavaScript on|off): rule on nodes`. */
export async function axeViolations(browser: Browser, baseUrl: string, pathnames: string[], options: AxeOptions = {}): Promise<string[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  const violations: string[] = [];
  for (const javaScript of options.alsoWithoutJavaScript === false ? [true] : [true, false]) {
    for (const pathname of pathnames) {
      const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', ...(options.viewport ? { viewport: options.viewport } : {}) });
      try {
        const page = await context.newPage();
        if (!javaScript) {
          // The page's own scripts are blocked by a CSP header rather than by turning JavaScript off, because axe
          // itself needs timers to run; what the visitor gets is the same page as with JavaScript off.
          await page.route('**/*', async (route) => {
            if (route.request().resourceType() !== 'document') return route.continue();
            const response = await route.fetch();
            await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "script-src 'none'" } });
          });
        }
        await page.goto(`${baseUrl}${pathname}`);
        await options.prepare?.(page, pathname, javaScript);
        // Evaluated through the DevTools protocol, which no page CSP restricts; a string, not a function, because the
        // test's compiled async helpers do not exist in the page.
        const cdp = await context.newCDPSession(page);
        await cdp.send('Runtime.evaluate', { expression: source });
        const { result } = (await cdp.send('Runtime.evaluate', {
          expression: `axe.run(document, { runOnly: ${RULES} })
            .then((r) => JSON.stringify(r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))))`,
          awaitPromise: true,
          returnByValue: true,
        })) as { result: { value: string } };
        for (const violation of JSON.parse(result.value) as { id: string; nodes: string[] }[]) {
          violations.push(`${pathname} (JavaScript ${javaScript ? 'on' : 'off'}): ${violation.id} on ${violation.nodes.join(', ')}`);
        }
      } finally {
        await context.close();
      }
    }
  }
  return violations;
}
