import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstError, getValidators } from '../../packages/hub/src/opendata/export/schemas.js';
import { UNDESCRIBED_COLUMN } from '../../site/src/lib/open-data/official-files.js';
import { startBareHub } from './support/bare-hub.js';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from '../../packages/hub/src/test-support/chromium.js';
import { graphql, REPO_ROOT, startSeededHub, type RunningHub } from './support/hub-process.js';
import { buildSite } from './support/site-build.js';
import { runSql } from './support/sqlite.js';
import { startSiteUnderTest, type SiteUnderTest } from './support/site-under-test.js';

// The official files (DECP, OCDS, lots CSV) come from the hub's /opendata/ routes at build time and are republished
// under /donnees/ with a description for re-users.

const { parse: parseCsv } = createRequire(path.join(REPO_ROOT, 'packages/hub/package.json'))('csv-parse/sync') as {
  parse: (input: Buffer, options: Record<string, unknown>) => Record<string, string>[];
};
const hasChromium = chromiumAvailable();

describe('the official open-data files on the public site', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'site-test-official-data-'));
  });
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  describe('built from the demo hub', () => {
    let site: SiteUnderTest;

    beforeAll(async () => {
      site = await startSiteUnderTest({ startHub: startSeededHub, outDir: path.join(workDir, 'demo'), browser: hasChromium });
    });
    afterAll(() => site?.close());

    const download = async (name: string) => {
      const response = await fetch(`${site.url}/donnees/${name}`);
      expect(response.status, name).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };

    it('serves the DECP file, which parses and validates against the official v2.0.3 schema', async () => {
      const document = JSON.parse((await download('decp.json')).toString('utf8'));
      const { decpDocument } = getValidators();
      expect(decpDocument(document), firstError(decpDocument)).toBe(true);
    });

    it('lists the demo’s six awarded contracts in the DECP file, and the page counts them (issue 11, point 10)', async () => {
      const document = JSON.parse((await download('decp.json')).toString('utf8')) as { marches: { marche: { acheteur: { id: string } }[] } };
      expect(document.marches.marche).toHaveLength(6);
      for (const marche of document.marches.marche) expect(marche.acheteur.id).toMatch(/^\d{14}$/);
      const html = await (await fetch(`${site.url}/donnees/`)).text();
      expect(html).toMatch(/decp\.json\s*<\/a>\s*\([^)]*\)\s*: 6 marchés\./);
      expect(html).not.toContain('aucun marché à publier');
    });

    it('serves the OCDS release package with a process for every public notice and every planned purchase not yet launched, valid against its schema', async () => {
      const pkg = JSON.parse((await download('ocds.json')).toString('utf8'));
      const { ocdsPackage } = getValidators();
      expect(ocdsPackage(pkg), firstError(ocdsPackage)).toBe(true);
      const { notices, plannedPurchases } = await graphql<{ notices: { totalCount: number }; plannedPurchases: { totalCount: number } }>(
        site.hub.graphqlUrl,
        '{ notices(first: 1) { totalCount } plannedPurchases(first: 1, statuses: [PUBLISHED, WITHDRAWN]) { totalCount } }',
      );
      // One contracting process per public notice; a public planned purchase no notice has launched yet is a
      // process of planning releases only (a launched one goes on under its notice's ocid).
      const releases = pkg.releases as { ocid: string; tag: string[]; tender: { id: string } }[];
      const planningTags = new Set(['planning', 'planningUpdate']);
      const noticeProcesses = new Set(releases.filter((release) => release.tag.some((tag) => !planningTags.has(tag))).map((release) => release.ocid));
      const planningOnly = new Set(releases.filter((release) => !noticeProcesses.has(release.ocid)).map((release) => release.ocid));
      expect(noticeProcesses.size).toBe(notices.totalCount);
      expect(planningOnly.size).toBe(plannedPurchases.totalCount);
      for (const release of releases.filter((candidate) => planningOnly.has(candidate.ocid))) expect(release.tender.id).toMatch(/^PREV-/);
    });

    it('serves the lots CSV, which parses with one row per lot and the columns the page describes', async () => {
      const rows = parseCsv(await download('lots.csv'), { bom: true, columns: true });
      const siteCsv = parseCsv(await download('avis-lots.csv'), { bom: true, columns: true });
      expect(rows).toHaveLength(siteCsv.length);
      const html = await (await fetch(`${site.url}/donnees/`)).text();
      for (const column of Object.keys(rows[0]!)) expect(html).toContain(`<code>${column}</code>`);
      expect(html).not.toContain(UNDESCRIBED_COLUMN);
    });

    it('describes each file for re-users: link and size, schema and its documentation, licence, updates', async () => {
      const html = await (await fetch(`${site.url}/donnees/`)).text();
      for (const name of ['decp.json', 'ocds.json', 'lots.csv']) expect(html).toMatch(new RegExp(`<a href="/donnees/${name.replace('.', '\\.')}" download[^>]*>\\s*${name.replace('.', '\\.')}\\s*</a>\\s*\\(\\d`));
      expect(html).toContain('schéma JSON DECP version 2.0.3');
      expect(html).toContain('https://github.com/139bercy/format-commande-publique');
      expect(html).toContain('Open Contracting Data Standard 1.1.5');
      expect(html).toContain('https://standard.open-contracting.org/1.1/fr/');
      expect(html).toContain('Licence Ouverte / Open Licence version 2.0 (Etalab)');
      expect(html).toContain('Régénéré par le hub à chaque reconstruction du site');
      // The site's own files stay.
      for (const name of ['avis.json', 'avis-lots.csv']) expect(await readdir(path.join(site.distDir, 'donnees'))).toContain(name);
    });

    it.skipIf(!hasChromium)('keeps the open-data page free of accessibility violations found by axe-core', async () => {
      expect(await axeViolations(site.browser!, site.url, ['/donnees/'], { alsoWithoutJavaScript: false })).toEqual([]);
    });
  });

  describe('built from a hub without any public notice', () => {
    let site: SiteUnderTest;

    beforeAll(async () => {
      site = await startSiteUnderTest({ startHub: startBareHub, outDir: path.join(workDir, 'bare'), browser: hasChromium });
    });
    afterAll(() => site?.close());

    it('publishes no official file and says there is none yet, instead of failing the build', async () => {
      const files = await readdir(path.join(site.distDir, 'donnees'));
      expect(files.filter((name) => ['decp.json', 'ocds.json', 'lots.csv'].includes(name))).toEqual([]);
      const html = await (await fetch(`${site.url}/donnees/`)).text();
      expect(html.match(/Pas encore de fichier : aucun avis n’a encore été publié\./g)).toHaveLength(3);
      if (site.browser) expect(await axeViolations(site.browser, site.url, ['/donnees/'], { alsoWithoutJavaScript: false })).toEqual([]);
    });
  });

  describe('built from the demo hub whose buyers have no SIRET', () => {
    let site: SiteUnderTest;

    beforeAll(async () => {
      const startHub = () => startSeededHub({ beforeServe: (file) => runSql(file, [['update organisation set siret = null', []]]) });
      site = await startSiteUnderTest({ startHub, outDir: path.join(workDir, 'no-siret'), browser: false });
    });
    afterAll(() => site?.close());

    it('publishes an empty DECP file and says « aucun marché à publier » and why, counting the contracts left out', async () => {
      const document = JSON.parse(await (await fetch(`${site.url}/donnees/decp.json`)).text()) as { marches: { marche: unknown[] } };
      expect(document.marches.marche).toEqual([]);
      const html = (await (await fetch(`${site.url}/donnees/`)).text()).replace(/\s+/g, ' ');
      expect(html).toMatch(/decp\.json ?<\/a> ?\([^)]*\) ?: aucun marché à publier\./);
      expect(html).toContain('Aucun marché à publier, pour ces raisons :');
      expect(html).toContain('<li>6 lots attribués à partir de 40 000 € HT n’y figurent pas : le SIRET de l’acheteur n’est pas connu du hub.</li>');
    });
  });

  describe('built from a hub whose open-data route fails', () => {
    let hub: RunningHub;
    let proxy: Server;

    beforeAll(async () => {
      hub = await startSeededHub();
      // Passes everything through to the real hub but the OCDS export, which answers as a failed export does.
      proxy = createServer(async (request, response) => {
        if (request.url === '/opendata/ocds.json') {
          response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"The export of ocds.json failed"}}');
          return;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const answer = await fetch(`${hub.baseUrl}${request.url}`, {
          method: request.method,
          headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
          body: request.method === 'POST' ? Buffer.concat(chunks) : undefined,
        });
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
        response.end(Buffer.from(await answer.arrayBuffer()));
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      proxy?.closeAllConnections();
      await new Promise((resolve) => proxy?.close(resolve));
      await hub?.stop();
    });

    it('fails the build, naming the file, and writes nothing', async () => {
      const outDir = path.join(workDir, 'failing', 'dist');
      const result = await buildSite({ HUB_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`, SITE_OUT_DIR: outDir });
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/the hub answered HTTP 500 for http:\/\/127\.0\.0\.1:\d+\/opendata\/ocds\.json/);
      expect(result.output).toMatch(/nothing was written/);
      await expect(readdir(path.dirname(outDir))).resolves.toEqual([]);
    });
  });
});
