import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// The one Chromium launcher of the repository's tests (the site's browser tests, the hub's GraphiQL page): Debian's
// Chromium, never a downloaded one.
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** False (with a loud message) when Chromium is missing, so the browser tests skip; under CI they must not. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM_PATH} is missing: browser tests cannot run in CI`);
  console.warn(
    `\n!!! ${CHROMIUM_PATH} is missing: the browser tests are SKIPPED. ` +
      'Install it with `apt-get install -y chromium`.\n',
  );
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
