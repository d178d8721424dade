import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from '../../../packages/hub/src/test-support/chromium.js';
import type { RunningHub } from './hub-process.js';
import { buildSite, type BuildResult } from './site-build.js';
import { serveStatic, type StaticSite } from './static-server.js';

// What every browser test of the site starts from: a real hub, the site built from it the way the publisher builds
// it, served the way a plain static host serves it, and Chromium to read it. A build takes several seconds and the
// assertions do not, so a test file starts one of these in `beforeAll` and closes it in `afterAll`.

export interface SiteUnderTest<B extends Browser | undefined = Browser | undefined> {
  /** The address the built site is served at. */
  url: string;
  hub: RunningHub;
  distDir: string;
  build: BuildResult;
  browser: B;
  /** Stops all of it: Chromium, the static server, the hub, and the build's temporary folder if it made one. */
  close: () => Promise<void>;
}

export interface SiteUnderTestOptions {
  /** Starts the hub the site is built from (seeded with the demo, bare…). */
  startHub: () => Promise<RunningHub>;
  /** Where the build goes; by default a temporary folder of its own, removed on close. */
  outDir?: string;
  /** Whether to launch Chromium too (tests that also run without it pass `chromiumAvailable()`). */
  browser: boolean;
}

export async function startSiteUnderTest(options: SiteUnderTestOptions & { browser: true }): Promise<SiteUnderTest<Browser>>;
export async function startSiteUnderTest(options: SiteUnderTestOptions): Promise<SiteUnderTest>;
export async function startSiteUnderTest(options: SiteUnderTestOptions): Promise<SiteUnderTest> {
  let hub: RunningHub | undefined;
  let workDir: string | undefined;
  let site: StaticSite | undefined;
  let browser: Browser | undefined;
  // Stops whatever was started, so that a start that fails half-way leaves no process or folder behind.
  const close = async () => {
    await browser?.close();
    await site?.close();
    await hub?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  };
  try {
    hub = await options.startHub();
    let distDir = options.outDir;
    if (!distDir) {
      workDir = await mkdtemp(path.join(tmpdir(), 'site-test-build-'));
      distDir = path.join(workDir, 'dist');
    }
    const build = await buildSite({ HUB_URL: hub.graphqlUrl, SITE_OUT_DIR: distDir });
    expect(build.code, build.output).toBe(0);
    site = await serveStatic(distDir);
    if (options.browser) browser = await launchChromium();
    return { url: site.url, hub, distDir, build, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
