import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startSeededHub, type RunningHub } from './support/hub-process.js';
import { buildSite } from './support/site-build.js';

// A site that silently lists part of the tenders is worse than the previous site: the build must fail loudly and
// leave nothing that a publisher could mistake for a finished site.

describe('a site build against a hub it cannot trust', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'site-test-failure-'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('fails with a clear message when the hub is down, and writes no output at all', async () => {
    const outDir = path.join(workDir, 'down', 'dist');
    const port = await freePort(); // nothing listens there
    const result = await buildSite({ HUB_URL: `http://127.0.0.1:${port}/graphql`, SITE_OUT_DIR: outDir });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(new RegExp(`cannot reach the hub at http://127\\.0\\.0\\.1:${port}/graphql`));
    expect(result.output).toMatch(/nothing was written/);
    // Neither the site nor a half-built directory next to it.
    await expect(readdir(path.dirname(outDir))).resolves.toEqual([]);
  });

  it('keeps the previous site exactly as it was when a rebuild fails', async () => {
    const outDir = path.join(workDir, 'previous', 'dist');
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'index.html'), '<p>previous site</p>');
    const port = await freePort();
    const result = await buildSite({ HUB_URL: `http://127.0.0.1:${port}/graphql`, SITE_OUT_DIR: outDir });
    expect(result.code).not.toBe(0);
    await expect(readFile(path.join(outDir, 'index.html'), 'utf8')).resolves.toBe('<p>previous site</p>');
    await expect(readdir(path.dirname(outDir))).resolves.toEqual(['dist']);
  });

  describe('with a real hub answering errors', () => {
    let hub: RunningHub;

    beforeAll(async () => {
      hub = await startSeededHub();
    });

    afterAll(async () => {
      await hub?.stop();
    });

    it('fails when the address answers an HTTP error instead of GraphQL', async () => {
      const outDir = path.join(workDir, 'http-error', 'dist');
      const result = await buildSite({ HUB_URL: `${hub.baseUrl}/not-graphql`, SITE_OUT_DIR: outDir });
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/answered HTTP 404/);
      await expect(readdir(path.dirname(outDir))).resolves.toEqual([]);
    });
  });
});
